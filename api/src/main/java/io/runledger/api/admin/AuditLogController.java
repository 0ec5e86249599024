package io.runledger.api.admin;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.runledger.auth.CallerIdentity;
import io.runledger.auth.Permission;
import io.runledger.auth.Requires;
import io.runledger.tenancy.AuditEntry;
import io.runledger.tenancy.AuditLog;
import io.runledger.tenancy.AuditQuery;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Page;
import io.runledger.tenancy.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

@RestController
@Tag(name = "Audit log")
class AuditLogController {

	private final AuditLog auditLog;

	private final AuditLogExport export;

	AuditLogController(AuditLog auditLog, AuditLogExport export) {
		this.auditLog = auditLog;
		this.export = export;
	}

	@GetMapping("/api/v1/audit-log")
	@Requires(Permission.READ_AUDIT_LOG)
	@Operation(summary = "Security and administration history, newest first (cursor-paginated)",
			description = "Filters: actor (an id; 'runledger' for the platform), actorKind (USER, SERVICE_ACCOUNT, "
					+ "SYSTEM), action (exact, or a family such as budget.*), from and to (ISO-8601, [from, to)).")
	Page<AuditEntry> list(CallerIdentity caller, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) String actor,
			@RequestParam(required = false) String actorKind, @RequestParam(required = false) String action,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		return auditLog.list(caller.orgId(), AuditQuery.of(actorKind, actor, action, from, to),
				PageRequest.of(limit, cursor));
	}

	@GetMapping("/api/v1/audit-log/export")
	@Requires(Permission.READ_AUDIT_LOG)
	@Operation(summary = "Every matching audit entry, newest first, streamed as CSV or JSON",
			description = "Same filters as the list. Format: ?format=csv|json, else the Accept header (text/csv or "
					+ "application/json), else JSON.")
	void export(CallerIdentity caller, @RequestParam(required = false) String format,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
			@RequestParam(required = false) String actor, @RequestParam(required = false) String actorKind,
			@RequestParam(required = false) String action, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, HttpServletResponse response)
			throws IOException, HttpMediaTypeNotAcceptableException {
		// Validated before the first byte is written, so a bad filter is still a clean 400.
		var query = AuditQuery.of(actorKind, actor, action, from, to);
		var csv = csv(format, accept);
		response.setContentType(csv ? "text/csv;charset=UTF-8" : MediaType.APPLICATION_JSON_VALUE);
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				"attachment; filename=\"audit-log." + (csv ? "csv" : "json") + "\"");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		export.write(caller.orgId(), query, csv, response.getOutputStream());
	}

	private static boolean csv(String format, String accept) throws HttpMediaTypeNotAcceptableException {
		if (format != null) {
			return switch (format.toLowerCase(Locale.ROOT)) {
				case "csv" -> true;
				case "json" -> false;
				default -> throw new InvalidRequestException("format must be csv or json; got '" + format + "'");
			};
		}
		if (accept == null) {
			return false;
		}
		for (var type : MediaType.parseMediaTypes(accept)) {
			if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
				return false;
			}
			if (type.isCompatibleWith(CSV)) {
				return true;
			}
		}
		throw new HttpMediaTypeNotAcceptableException(List.of(MediaType.APPLICATION_JSON, CSV));
	}

	private static final MediaType CSV = new MediaType("text", "csv");
}
