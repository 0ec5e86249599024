package io.runledger.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditLogExportTest {

	@Test
	void a_csv_cell_is_quoted_when_it_holds_a_comma_a_quote_or_a_line_break_and_otherwise_left_as_it_is() {
		assertThat(AuditLogExport.cell("budget.created")).isEqualTo("budget.created");
		assertThat(AuditLogExport.cell("a,b")).isEqualTo("\"a,b\"");
		assertThat(AuditLogExport.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
		assertThat(AuditLogExport.cell("two\nlines")).isEqualTo("\"two\nlines\"");
		assertThat(AuditLogExport.cell(null)).isEmpty();
	}

	@Test
	void a_cell_a_spreadsheet_would_run_as_a_formula_starts_with_an_apostrophe() {
		assertThat(AuditLogExport.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
		assertThat(AuditLogExport.cell("+1")).isEqualTo("'+1");
		assertThat(AuditLogExport.cell("-1")).isEqualTo("'-1");
		assertThat(AuditLogExport.cell("@sum")).isEqualTo("'@sum");
	}
}
