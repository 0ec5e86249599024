package io.runledger.api.admin;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.runledger.auth.CallerIdentity;
import io.runledger.auth.Permission;
import io.runledger.auth.Requires;
import io.runledger.tenancy.AuditEntry;
import io.runledger.tenancy.AuditLog;
import io.runledger.tenancy.Page;
import io.runledger.tenancy.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Audit log")
class AuditLogController {

	private final AuditLog auditLog;

	AuditLogController(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	@GetMapping("/api/v1/audit-log")
	@Requires(Permission.READ_AUDIT_LOG)
	@Operation(summary = "Security and administration history, newest first (cursor-paginated)")
	Page<AuditEntry> list(CallerIdentity caller, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		return auditLog.list(caller.orgId(), PageRequest.of(limit, cursor));
	}
}
