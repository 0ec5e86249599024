package io.runledger.api.admin;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.stereotype.Component;

import io.runledger.tenancy.AuditEntry;
import io.runledger.tenancy.AuditLog;
import io.runledger.tenancy.AuditQuery;
import io.runledger.tenancy.OrgId;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an organisation's audit entries as they are read, a page at a time ({@link AuditLog#forEach}): CSV (one row
 * per entry, details as JSON text) or a JSON array of the same objects the list answers.
 */
@Component
class AuditLogExport {

	static final List<String> COLUMNS = List.of("id", "at", "actorKind", "actorId", "action", "targetKind",
			"targetId", "details");

	private final AuditLog auditLog;

	private final JsonMapper json;

	AuditLogExport(AuditLog auditLog, JsonMapper json) {
		this.auditLog = auditLog;
		this.json = json;
	}

	void write(OrgId orgId, AuditQuery query, boolean csv, OutputStream out) throws IOException {
		var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
		try {
			if (csv) {
				row(writer, COLUMNS);
				auditLog.forEach(orgId, query, e -> row(writer, List.of(Long.toString(e.id()), e.at().toString(),
						e.actor().kind().name(), e.actor().id(), e.action(), e.targetKind(), e.targetId(),
						json.writeValueAsString(e.details()))));
			}
			else {
				writer.write('[');
				var first = new boolean[] { true };
				auditLog.forEach(orgId, query, e -> {
					write(writer, (first[0] ? "" : ",") + "\n" + json.writeValueAsString(e));
					first[0] = false;
				});
				writer.write("\n]\n");
			}
		}
		catch (UncheckedIOException e) {
			throw e.getCause();
		}
		writer.flush();
	}

	private static void row(Writer writer, List<String> cells) {
		var line = new StringBuilder();
		for (int i = 0; i < cells.size(); i++) {
			line.append(i == 0 ? "" : ",").append(cell(cells.get(i)));
		}
		write(writer, line.append("\r\n").toString());
	}

	/**
	 * RFC 4180 quoting, and a leading apostrophe on text a spreadsheet would run as a formula (=, +, -, @): audit
	 * fields carry names users chose.
	 */
	static String cell(String value) {
		var text = value == null ? "" : value;
		if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
			return "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}

	private static void write(Writer writer, String text) {
		try {
			writer.write(text);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
