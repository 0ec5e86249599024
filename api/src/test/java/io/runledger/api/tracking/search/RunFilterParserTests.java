package io.runledger.api.tracking.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.runledger.api.tracking.search.RunField.Aggregate;
import io.runledger.api.tracking.search.RunFilter.And;
import io.runledger.api.tracking.search.RunFilter.Comparison;
import io.runledger.api.tracking.search.RunFilter.Not;
import io.runledger.api.tracking.search.RunFilter.Or;
import io.runledger.tenancy.InvalidRequestException;

class RunFilterParserTests {

	static Comparison cmp(RunField field, Operator op, Literal... values) {
		return new Comparison(field, op, List.of(values));
	}

	static RunField.Param param(String key) {
		return new RunField.Param(key);
	}

	static RunField.Metric metric(String key) {
		return new RunField.Metric(key);
	}

	static RunField.Tag tag(String key) {
		return new RunField.Tag(key);
	}

	static RunField.Attribute attr(RunAttribute attribute) {
		return new RunField.Attribute(attribute);
	}

	static Literal.Num num(double value) {
		return new Literal.Num(value);
	}

	static Literal.Text text(String value) {
		return new Literal.Text(value);
	}

	static void rejects(String filter, String message) {
		assertThatThrownBy(() -> RunFilter.parse(filter)).isInstanceOf(InvalidRequestException.class)
			.hasMessage(message);
	}

	static void rejectsContaining(String filter, String... fragments) {
		assertThatThrownBy(() -> RunFilter.parse(filter)).isInstanceOf(InvalidRequestException.class)
			.hasMessageStartingWith("filter: ")
			.hasMessageContainingAll(fragments);
	}

	@Test
	void no_filter_is_null() {
		assertThat(RunFilter.parse(null)).isNull();
		assertThat(RunFilter.parse("")).isNull();
		assertThat(RunFilter.parse(" \t\r\n ")).isNull();
	}

	@Test
	void every_comparison_operator() {
		assertThat(RunFilter.parse("params.lr = 0.1")).isEqualTo(cmp(param("lr"), Operator.EQ, num(0.1)));
		assertThat(RunFilter.parse("params.lr != 0.1")).isEqualTo(cmp(param("lr"), Operator.NE, num(0.1)));
		assertThat(RunFilter.parse("params.lr <> 0.1")).isEqualTo(cmp(param("lr"), Operator.NE, num(0.1)));
		assertThat(RunFilter.parse("params.lr < 0.1")).isEqualTo(cmp(param("lr"), Operator.LT, num(0.1)));
		assertThat(RunFilter.parse("params.lr <= 0.1")).isEqualTo(cmp(param("lr"), Operator.LE, num(0.1)));
		assertThat(RunFilter.parse("params.lr > 0.1")).isEqualTo(cmp(param("lr"), Operator.GT, num(0.1)));
		assertThat(RunFilter.parse("params.lr >= 0.1")).isEqualTo(cmp(param("lr"), Operator.GE, num(0.1)));
		assertThat(RunFilter.parse("params.opt LIKE 'ad%'")).isEqualTo(cmp(param("opt"), Operator.LIKE, text("ad%")));
		assertThat(RunFilter.parse("params.opt NOT LIKE 'ad%'"))
			.isEqualTo(cmp(param("opt"), Operator.NOT_LIKE, text("ad%")));
		assertThat(RunFilter.parse("params.opt ILIKE 'AD%'")).isEqualTo(cmp(param("opt"), Operator.ILIKE, text("AD%")));
		assertThat(RunFilter.parse("params.opt not ilike 'AD%'"))
			.isEqualTo(cmp(param("opt"), Operator.NOT_ILIKE, text("AD%")));
		assertThat(RunFilter.parse("params.opt IN ('adam', 'sgd')"))
			.isEqualTo(cmp(param("opt"), Operator.IN, text("adam"), text("sgd")));
		assertThat(RunFilter.parse("params.opt NOT IN ('adam')"))
			.isEqualTo(cmp(param("opt"), Operator.NOT_IN, text("adam")));
		assertThat(RunFilter.parse("params.opt IS NULL")).isEqualTo(cmp(param("opt"), Operator.IS_NULL));
		assertThat(RunFilter.parse("params.opt is not null")).isEqualTo(cmp(param("opt"), Operator.IS_NOT_NULL));
	}

	@Test
	void operators_need_no_spaces_around_them() {
		assertThat(RunFilter.parse("metrics.loss<-1")).isEqualTo(cmp(metric("loss"), Operator.LT, num(-1)));
		assertThat(RunFilter.parse("params.a-b='x'")).isEqualTo(cmp(param("a-b"), Operator.EQ, text("x")));
		assertThat(RunFilter.parse("(params.a=1)AND(params.b=2)")).isInstanceOf(And.class);
		assertThat(RunFilter.parse("params.x IN(1,2)")).isEqualTo(cmp(param("x"), Operator.IN, num(1), num(2)));
	}

	@Test
	void and_binds_tighter_than_or_and_not_tighter_than_and() {
		var a = cmp(param("a"), Operator.EQ, num(1));
		var b = cmp(param("b"), Operator.EQ, num(2));
		var c = cmp(param("c"), Operator.EQ, num(3));
		assertThat(RunFilter.parse("params.a = 1 OR params.b = 2 AND params.c = 3"))
			.isEqualTo(new Or(List.of(a, new And(List.of(b, c)))));
		assertThat(RunFilter.parse("params.a = 1 AND params.b = 2 OR params.c = 3"))
			.isEqualTo(new Or(List.of(new And(List.of(a, b)), c)));
		assertThat(RunFilter.parse("(params.a = 1 OR params.b = 2) AND params.c = 3"))
			.isEqualTo(new And(List.of(new Or(List.of(a, b)), c)));
		assertThat(RunFilter.parse("NOT params.a = 1 AND params.b = 2")).isEqualTo(new And(List.of(new Not(a), b)));
		assertThat(RunFilter.parse("NOT (params.a = 1 AND params.b = 2)"))
			.isEqualTo(new Not(new And(List.of(a, b))));
		assertThat(RunFilter.parse("not not params.a = 1")).isEqualTo(new Not(new Not(a)));
		assertThat(RunFilter.parse("params.a = 1 and params.b = 2 and params.c = 3"))
			.isEqualTo(new And(List.of(a, b, c)));
		assertThat(RunFilter.parse("((params.a = 1))")).isEqualTo(a);
	}

	@Test
	void field_prefixes_and_their_aliases() {
		assertThat(RunFilter.parse("metric.loss < 1")).isEqualTo(RunFilter.parse("metrics.loss < 1"));
		assertThat(RunFilter.parse("param.x = 'a'")).isEqualTo(cmp(param("x"), Operator.EQ, text("a")));
		assertThat(RunFilter.parse("config.optimizer.lr = 0.1"))
			.isEqualTo(cmp(param("optimizer.lr"), Operator.EQ, num(0.1)));
		assertThat(RunFilter.parse("config.a.b = 1")).isEqualTo(RunFilter.parse("params.a.b = 1"));
		assertThat(RunFilter.parse("tag.env = 'x'")).isEqualTo(cmp(tag("env"), Operator.EQ, text("x")));
		assertThat(RunFilter.parse("tags.mlflow.runName = 'x'"))
			.isEqualTo(cmp(tag("mlflow.runName"), Operator.EQ, text("x")));
		assertThat(RunFilter.parse("Metrics.loss < 1")).isEqualTo(RunFilter.parse("metrics.loss < 1"));
		assertThat(RunFilter.parse("metrics.Loss < 1")).isNotEqualTo(RunFilter.parse("metrics.loss < 1"));
	}

	@ParameterizedTest
	@CsvSource({ "name,NAME", "run_name,NAME", "attributes.run_name,NAME", "attribute.name,NAME", "run.name,NAME",
			"state,STATE", "status,STATE", "attributes.status,STATE", "run_id,RUN_ID", "attributes.run_id,RUN_ID",
			"group,GROUP", "created_by,CREATED_BY", "user_id,CREATED_BY", "attributes.user_id,CREATED_BY",
			"started_at,STARTED_AT", "start_time,STARTED_AT", "attributes.start_time,STARTED_AT",
			"ended_at,ENDED_AT", "end_time,ENDED_AT", "duration,DURATION", "NAME,NAME", "attributes.`end_time`,ENDED_AT" })
	void attribute_names_and_aliases(String name, RunAttribute attribute) {
		assertThat(((Comparison) RunFilter.parse(name + " IS NULL")).field()).isEqualTo(attr(attribute));
	}

	@Test
	void metric_aggregates_are_functions_and_dotted_suffixes_are_part_of_the_key() {
		assertThat(RunFilter.parse("min(metrics.loss) < 1"))
			.isEqualTo(cmp(new RunField.Metric("loss", Aggregate.MIN), Operator.LT, num(1)));
		assertThat(RunFilter.parse("MAX( metric.`val loss` ) >= 0.5"))
			.isEqualTo(cmp(new RunField.Metric("val loss", Aggregate.MAX), Operator.GE, num(0.5)));
		assertThat(RunFilter.parse("last(metrics.loss) < 1")).isEqualTo(RunFilter.parse("metrics.loss < 1"));
		assertThat(RunFilter.parse("metrics.loss.min < 1"))
			.isEqualTo(cmp(new RunField.Metric("loss.min", Aggregate.LAST), Operator.LT, num(1)));
		rejects("min(params.x) < 1", "filter: min() applies to metrics only, e.g. min(metrics.loss) at position 1");
		rejects("min(max(metrics.x)) < 1", "filter: max() cannot be nested at position 5");
		rejects("min(metrics.x < 1", "filter: expected ')' to close min(, found '<' at position 15");
	}

	@Test
	void keys_may_be_quoted_with_back_quotes_or_double_quotes() {
		assertThat(RunFilter.parse("metrics.`val loss` < 1")).isEqualTo(cmp(metric("val loss"), Operator.LT, num(1)));
		assertThat(RunFilter.parse("params.`a.b-c` = 1")).isEqualTo(cmp(param("a.b-c"), Operator.EQ, num(1)));
		assertThat(RunFilter.parse("params.`it``s` = 1")).isEqualTo(cmp(param("it`s"), Operator.EQ, num(1)));
		assertThat(RunFilter.parse("params.\"val loss\" = 1")).isEqualTo(cmp(param("val loss"), Operator.EQ, num(1)));
		assertThat(RunFilter.parse("tags.`a\\b` = 'x'")).isEqualTo(cmp(tag("a\\b"), Operator.EQ, text("x")));
		assertThat(RunFilter.parse("params.k:v/x_y-z.w = 1")).isEqualTo(cmp(param("k:v/x_y-z.w"), Operator.EQ, num(1)));
		assertThat(RunFilter.parse("params.größe = 1")).isEqualTo(cmp(param("größe"), Operator.EQ, num(1)));
		rejects("params.`` = 1", "filter: expected a key after 'params.', found '``' at position 8");
		rejects("params. = 1", "filter: expected a key after 'params.', found whitespace at position 8");
		rejects("params.`x = 1", "filter: unterminated quoted key starting at position 8");
	}

	@Test
	void an_unquoted_key_with_a_space_gets_a_hint() {
		rejects("metrics.val loss < 1",
				"filter: expected an operator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN, IS NULL or IS NOT NULL) after "
						+ "metrics.`val`, found 'loss' (keys containing spaces or other characters must be quoted: "
						+ "metrics.`val loss`) at position 13");
	}

	@Test
	void strings_take_either_quote_and_escapes() {
		assertThat(value("params.x = 'it''s'")).isEqualTo(text("it's"));
		assertThat(value("params.x = 'it\\'s'")).isEqualTo(text("it's"));
		assertThat(value("params.x = \"say \\\"hi\\\"\"")).isEqualTo(text("say \"hi\""));
		assertThat(value("params.x = \"say \"\"hi\"\"\"")).isEqualTo(text("say \"hi\""));
		assertThat(value("params.x = 'a\"b'")).isEqualTo(text("a\"b"));
		assertThat(value("params.x = 'a\\\\b'")).isEqualTo(text("a\\b"));
		assertThat(value("params.x LIKE 'a\\_b'")).isEqualTo(text("a\\_b"));
		assertThat(value("params.x = ''")).isEqualTo(text(""));
		assertThat(value("params.x = 'line\nbreak\ttab'")).isEqualTo(text("line\nbreak\ttab"));
		assertThat(value("params.x = '😀 ünï'")).isEqualTo(text("😀 ünï"));
		rejects("params.x = 'abc", "filter: unterminated string starting at position 12");
		rejects("params.x = 'abc\\'", "filter: unterminated string starting at position 12");
		rejects("params.x = \"abc'", "filter: unterminated string starting at position 12");
	}

	@Test
	void numbers() {
		assertThat(value("metrics.x = 1")).isEqualTo(num(1));
		assertThat(value("metrics.x = -1")).isEqualTo(num(-1));
		assertThat(value("metrics.x = +1.5")).isEqualTo(num(1.5));
		assertThat(value("metrics.x = .5")).isEqualTo(num(0.5));
		assertThat(value("metrics.x = 5.")).isEqualTo(num(5));
		assertThat(value("metrics.x = 1e-3")).isEqualTo(num(0.001));
		assertThat(value("metrics.x = -2.5E+3")).isEqualTo(num(-2500));
		assertThat(value("metrics.x = -0")).isEqualTo(num(-0.0));
		assertThat(value("metrics.x = NaN")).isEqualTo(num(Double.NaN));
		assertThat(value("metrics.x = nan")).isEqualTo(num(Double.NaN));
		assertThat(value("metrics.x = Infinity")).isEqualTo(num(Double.POSITIVE_INFINITY));
		assertThat(value("metrics.x = -Infinity")).isEqualTo(num(Double.NEGATIVE_INFINITY));
		assertThat(value("metrics.x = +inf")).isEqualTo(num(Double.POSITIVE_INFINITY));
		assertThat(value("params.x < Infinity")).isEqualTo(num(Double.POSITIVE_INFINITY));
		rejects("metrics.x = 1e999", "filter: number 1e999 is out of range at position 13");
		rejects("metrics.x = 1abc", "filter: malformed number '1abc' at position 13");
		rejects("metrics.x = 1.2.3", "filter: malformed number '1.2.3' at position 13");
		rejects("metrics.x = -", "filter: expected a value (a quoted string or a number), found '-' at position 13");
		rejects("metrics.x = -abc",
				"filter: expected a value (a quoted string or a number), found '-abc' at position 13");
	}

	@Test
	void in_lists() {
		assertThat(RunFilter.parse("params.x IN (1, 'a', -2.5)"))
			.isEqualTo(cmp(param("x"), Operator.IN, num(1), text("a"), num(-2.5)));
		assertThat(RunFilter.parse("metrics.x not in (NaN, 1)"))
			.isEqualTo(cmp(metric("x"), Operator.NOT_IN, num(Double.NaN), num(1)));
		rejects("params.x IN ()",
				"filter: expected a value (a quoted string or a number), found ')' at position 14");
		rejects("params.x IN (1, 2", "filter: expected ',' or ')' in the list opened at position 13, found end of input at position 18");
		rejects("params.x IN 1", "filter: expected '(' after IN, found '1' at position 13");
		rejects("params.x IN (1 2)", "filter: expected ',' or ')' in the list opened at position 13, found '2' at position 16");
	}

	@Test
	void attribute_values_are_typed() {
		assertThat(value("started_at > 1700000000000"))
			.isEqualTo(new Literal.Time(Instant.ofEpochMilli(1_700_000_000_000L)));
		assertThat(value("started_at > 1700000000000.5"))
			.isEqualTo(new Literal.Time(Instant.parse("2023-11-14T22:13:20.000500Z")));
		assertThat(value("start_time >= '2024-05-01T12:00:00Z'"))
			.isEqualTo(new Literal.Time(Instant.parse("2024-05-01T12:00:00Z")));
		assertThat(value("ended_at < '2024-05-01T12:00:00+02:00'"))
			.isEqualTo(new Literal.Time(Instant.parse("2024-05-01T10:00:00Z")));
		assertThat(value("ended_at < '2024-05-01 12:00:00.1234567'"))
			.isEqualTo(new Literal.Time(Instant.parse("2024-05-01T12:00:00.123456Z")));
		assertThat(value("ended_at < '2024-05-01'")).isEqualTo(new Literal.Time(Instant.parse("2024-05-01T00:00:00Z")));
		assertThat(value("duration > 60000")).isEqualTo(num(60_000));
		assertThat(value("duration > 'PT1H30M'")).isEqualTo(num(5_400_000));
		assertThat(value("duration > 'PT0.0015S'")).isEqualTo(num(1.5));
		assertThat(value("state = 'running'")).isEqualTo(text("RUNNING"));
		assertThat(value("status = 'Finished'")).isEqualTo(text("FINISHED"));
		var id = UUID.fromString("0c4c8c6e-5b1f-4a3a-9d1e-2f6f3c1a0b9d");
		assertThat(value("run_id = '0c4c8c6e-5b1f-4a3a-9d1e-2f6f3c1a0b9d'")).isEqualTo(new Literal.Id(id));
		assertThat(value("run_id = '0C4C8C6E5B1F4A3A9D1E2F6F3C1A0B9D'")).isEqualTo(new Literal.Id(id));
	}

	@Test
	void values_of_the_wrong_type_are_rejected_where_they_stand() {
		rejects("metrics.loss = 'low'",
				"filter: metrics.`loss` is a number; compare it with a number, not a string at position 16");
		rejects("metrics.loss LIKE '1%'", "filter: LIKE does not apply to metrics.`loss`, a number at position 14");
		rejects("tags.env = 1", "filter: tags.`env` is text; quote the value: '1' at position 12");
		rejects("name = 5", "filter: name is text; quote the value: '5' at position 8");
		rejects("params.x LIKE 1", "filter: LIKE needs a quoted pattern, e.g. '1%' at position 15");
		rejects("state = 'SCHEDULED'",
				"filter: unknown state 'SCHEDULED'; states are RUNNING, FINISHED, FAILED, KILLED, CRASHED at position 9");
		rejects("state IN ('RUNNING', 'nope')",
				"filter: unknown state 'nope'; states are RUNNING, FINISHED, FAILED, KILLED, CRASHED at position 22");
		rejects("state LIKE 'R%'", "filter: LIKE does not apply to state; use =, !=, IN or NOT IN at position 7");
		rejects("state < 'RUNNING'", "filter: < does not apply to state; use =, !=, IN or NOT IN at position 7");
		rejects("run_id = 'abc'", "filter: run_id must be a UUID (with or without dashes), got 'abc' at position 10");
		rejects("run_id > '0c4c8c6e-5b1f-4a3a-9d1e-2f6f3c1a0b9d'",
				"filter: > does not apply to run_id; use =, !=, IN or NOT IN at position 8");
		rejects("started_at > 'yesterday'", "filter: started_at needs epoch milliseconds or an ISO-8601 time such as "
				+ "'2024-05-01T12:00:00Z', got 'yesterday' at position 14");
		rejects("started_at > NaN", "filter: NaN and Infinity apply to metrics and params only, not to started_at at position 14");
		rejects("started_at > 1e300", "filter: started_at is out of range at position 14");
		rejects("started_at > '10000-01-01T00:00:00Z'",
				"filter: started_at needs epoch milliseconds or an ISO-8601 time such as '2024-05-01T12:00:00Z', "
						+ "got '10000-01-01T00:00:00Z' at position 14");
		rejects("started_at > -99999999999999", "filter: started_at is out of range (years 1 to 9999) at position 14");
		rejects("started_at LIKE '2024%'", "filter: LIKE does not apply to started_at at position 12");
		rejects("duration > 'an hour'", "filter: duration needs milliseconds or an ISO-8601 duration such as "
				+ "'PT1H30M', got 'an hour' at position 12");
		rejects("params.x = NULL", "filter: compare with NULL using IS NULL or IS NOT NULL at position 12");
		rejects("params.x = adam",
				"filter: expected a value (a quoted string or a number), found 'adam'; quote strings: 'adam' at position 12");
		rejects("params.x LIKE 'abc\\'",
				"filter: unterminated string starting at position 15");
		rejects("params.x LIKE 'abc\\\\\\\\\\'", "filter: unterminated string starting at position 15");
		rejects("params.x LIKE \"abc\\\\\"",
				"filter: a LIKE pattern must not end with a lone backslash (its escape character); write \\\\\\\\ for a "
						+ "literal backslash at position 15");
	}

	@Test
	void malformed_filters_name_the_problem_and_its_position() {
		rejects("params.x = '1' )", "filter: unexpected token ')' without a matching '(' at position 16");
		rejects("(params.x = '1'", "filter: expected ')' to close the '(' at position 1, found end of input at position 16");
		rejects("params.x = '1' AND", "filter: expected a field, found end of input (use metrics.<key>, min(metrics.<key>), "
				+ "max(metrics.<key>), params.<key>, config.<key>, tags.<key> or an attribute: name, state, run_id, "
				+ "group, created_by, started_at, ended_at, duration) at position 19");
		rejects("params.x = '1' params.y = '2'", "filter: unexpected token 'params.y' at position 16");
		rejects("params.x = '1' && params.y = '2'", "filter: unexpected token '&' at position 16");
		rejects("params.x", "filter: expected an operator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN, IS NULL or "
				+ "IS NOT NULL) after params.`x`, found end of input at position 9");
		rejects("params.x == 1", "filter: expected a value (a quoted string or a number), found '=' at position 11");
		rejects("params.x =", "filter: expected a value (a quoted string or a number), found end of input at position 11");
		rejects("params.x IS 1", "filter: expected NULL after IS, found '1' at position 13");
		rejects("params.x NOT = 1", "filter: expected IN, LIKE or ILIKE after NOT, found '=' at position 14");
		rejectsContaining("foo = 1", "unknown field 'foo'", "at position 1");
		rejectsContaining("foo.bar = 1", "unknown field 'foo.bar'", "at position 1");
		rejectsContaining("name.x = 1", "unknown field 'name.x'");
		rejects("attributes.artifact_uri = 'x'", "filter: unknown attribute 'artifact_uri'; attributes are name, state, "
				+ "run_id, group, created_by, started_at, ended_at, duration at position 12");
		rejectsContaining("() ", "expected a field, found ')'", "at position 2");
		rejectsContaining("= 1", "expected a field, found '='", "at position 1");
		rejectsContaining("'x' = name", "expected a field, found ''x''", "at position 1");
	}

	@Test
	void control_characters_and_broken_text_are_rejected() {
		rejects("params.x = 'a\u0000b'", "filter: control character U+0000 is not allowed at position 14");
		rejects("params.x\u0007 = 1", "filter: control character U+0007 is not allowed at position 9");
		rejects("params.x = '\u001b[31m'", "filter: control character U+001B is not allowed at position 13");
		rejects("params.x = '\u0085'", "filter: control character U+0085 is not allowed at position 13");
		rejects("params.x = '\ud800'", "filter: invalid character (unpaired UTF-16 surrogate) at position 13");
		rejects("params.x = '\udc00x'", "filter: invalid character (unpaired UTF-16 surrogate) at position 13");
		rejectsContaining("params.x\u00a0= 1", "position 9");
		// Keywords are ASCII: a Turkish dotless ı does not make IN.
		rejectsContaining("params.x ın (1)", "expected an operator");
	}

	@ParameterizedTest
	@ValueSource(strings = { "params.x = '1'; drop table runs; --'", "params.x = 1; DELETE FROM runs",
			"params.x = '1' OR 1=1", "params.x = '1' UNION SELECT * FROM runs", "params.x = '1' --",
			"params.x = '1' /* */", "params.x = $$1$$", "params.x = E'\\x41'", "params.x = '1'::text",
			"params.x = 1 OR run_id = (SELECT run_id FROM runs)", "params.x = 'a' || 'b'",
			"params.`x` = 1; select pg_sleep(10)" })
	void injection_attempts_are_malformed_filters(String filter) {
		assertThatThrownBy(() -> RunFilter.parse(filter)).isInstanceOf(InvalidRequestException.class)
			.hasMessageStartingWith("filter: ");
	}

	@Test
	void injection_attempts_inside_quotes_are_just_data() {
		assertThat(RunFilter.parse("params.x = '1''; drop table runs; --'"))
			.isEqualTo(cmp(param("x"), Operator.EQ, text("1'; drop table runs; --")));
		assertThat(RunFilter.parse("params.`x = 1; drop table runs; --` = 1"))
			.isEqualTo(cmp(param("x = 1; drop table runs; --"), Operator.EQ, num(1)));
		assertThat(RunFilter.parse("tags.\"x\"\" OR 1=1 --\" = '\\' OR \\'1\\'=\\'1'"))
			.isEqualTo(cmp(tag("x\" OR 1=1 --"), Operator.EQ, text("' OR '1'='1")));
	}

	@Test
	void limits_on_size_comparisons_and_nesting() {
		var tooLong = "params.x = '" + "a".repeat(RunFilter.MAX_LENGTH) + "'";
		rejects(tooLong, "filter: longer than 10000 characters (10013)");
		var hundred = String.join(" AND ", java.util.Collections.nCopies(100, "params.x = 1"));
		assertThat(RunFilter.parse(hundred)).isInstanceOf(And.class);
		rejects(hundred + " OR params.y = 2", "filter: more than 100 comparisons");
		var twenty = "(".repeat(20) + "params.x = 1" + ")".repeat(20);
		assertThat(RunFilter.parse(twenty)).isEqualTo(cmp(param("x"), Operator.EQ, num(1)));
		rejects("(".repeat(21) + "params.x = 1" + ")".repeat(21),
				"filter: nested deeper than 20 levels of parentheses and NOT at position 21");
		rejects("NOT ".repeat(21) + "params.x = 1",
				"filter: nested deeper than 20 levels of parentheses and NOT at position 81");
		// Deep input fails fast, without a stack overflow.
		rejectsContaining("(".repeat(9_000), "nested deeper than 20");
		rejectsContaining("NOT ".repeat(2_400), "nested deeper than 20");
	}

	@Test
	void rendering_parses_back_to_the_same_filter() {
		for (var text : List.of("params.lr > 0.01 AND (metrics.`val loss` < 0.5 OR NOT tags.env = 'prod')",
				"min(metrics.x) IN (NaN, -Infinity, 1e-300) AND max(metrics.x) IS NOT NULL",
				"name ILIKE '%\\_x' AND state NOT IN ('running') AND run_id = '0c4c8c6e-5b1f-4a3a-9d1e-2f6f3c1a0b9d'",
				"started_at >= '2024-01-01' AND ended_at IS NULL AND duration > 'PT1M'",
				"params.`a``b` = 'it''s \\\\ \"x\"' OR NOT NOT tags.\"k\" NOT LIKE '%'",
				"(params.a = 1 AND params.b = 2) AND params.c = 3")) {
			var filter = RunFilter.parse(text);
			assertThat(RunFilter.parse(filter.toFilterString())).as(text).isEqualTo(filter);
		}
		var random = new RandomSearches(1);
		random.runs(20);
		for (int i = 0; i < 2_000; i++) {
			var filter = random.filter();
			assertThat(RunFilter.parse(filter.toFilterString())).as(filter.toFilterString()).isEqualTo(filter);
		}
	}

	@Test
	void nodes_validate_their_shape() {
		assertThatThrownBy(() -> new Comparison(param("x"), Operator.IN, List.of()))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new Comparison(param("x"), Operator.IS_NULL, List.of(num(1))))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new And(List.of(cmp(param("x"), Operator.IS_NULL))))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new RunField.Param("")).isInstanceOf(IllegalArgumentException.class);
	}

	static Literal value(String filter) {
		return ((Comparison) RunFilter.parse(filter)).value();
	}
}
