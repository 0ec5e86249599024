package io.runledger.api.tracking.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.runledger.api.tracking.search.RunFilter.And;
import io.runledger.api.tracking.search.RunFilter.Comparison;
import io.runledger.api.tracking.search.RunFilter.Not;
import io.runledger.api.tracking.search.RunFilter.Or;
import io.runledger.api.tracking.search.RunSearchSql.Query;
import io.runledger.api.tracking.search.RunSearchSql.Row;
import io.runledger.tenancy.InvalidRequestException;

class RunSearchSqlTests {

	static final UUID ORG = UUID.fromString("00000000-0000-0000-0000-0000000000aa");

	static final UUID PROJECT = UUID.fromString("00000000-0000-0000-0000-0000000000bb");

	static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");

	static final OffsetDateTime NOW_UTC = OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC);

	/** Strings that would do harm if they reached the SQL text. */
	static final List<String> HOSTILE = List.of("1'; drop table runs; --", "' OR '1'='1", "x\" OR 1=1 --", "$$",
			"*/ select pg_sleep(10) /*", "\\'; --", "ä😀", "a%_\\\\", "r.org_id", "?", "); DELETE FROM runs; (");

	static Query page(String filter, List<String> order) {
		return RunSearchSql.page(ORG, PROJECT, RunFilter.parse(filter), RunOrder.parse(order), 50, null, false, NOW);
	}

	@Test
	void the_default_search_is_the_index_order_of_runs() {
		var query = page(null, List.of());
		assertThat(query.sql()).isEqualTo("SELECT r.run_id, r.started_at AS s0 FROM runs r WHERE r.org_id = ? AND "
				+ "r.project_id = ? AND r.deleted_at IS NULL ORDER BY r.started_at DESC, r.run_id ASC LIMIT ?");
		assertThat(query.params()).containsExactly(ORG, PROJECT, 50);
		assertThat(query.sortColumns())
			.containsExactly(new RunSearchSql.SortColumn(RunSearchSql.ColumnType.TIME, false));
	}

	@Test
	void deleted_runs_only_on_request() {
		var query = RunSearchSql.page(ORG, PROJECT, null, null, 10, null, true, NOW);
		assertThat(query.sql()).doesNotContain("deleted_at");
		assertThat(query.params()).containsExactly(ORG, PROJECT, 10);
	}

	@Test
	void comparisons_on_params_tags_and_metrics_are_semi_joins_by_org_project_and_key() {
		var query = page("params.opt = 'adam' AND (tags.env != 'prod' OR min(metrics.`val loss`) < 0.5)", List.of());
		assertThat(query.sql()).isEqualTo("SELECT r.run_id, r.started_at AS s0 FROM runs r WHERE r.org_id = ? AND "
				+ "r.project_id = ? AND r.deleted_at IS NULL AND (EXISTS (SELECT 1 FROM run_params p1 WHERE "
				+ "p1.org_id = ? AND p1.project_id = ? AND p1.run_id = r.run_id AND p1.key = ? AND p1.value = ?) AND "
				+ "(EXISTS (SELECT 1 FROM run_tags t2 WHERE t2.org_id = ? AND t2.project_id = ? AND t2.run_id = r.run_id "
				+ "AND t2.key = ? AND t2.value <> ?) OR EXISTS (SELECT 1 FROM metric_series m3 WHERE m3.org_id = ? AND "
				+ "m3.project_id = ? AND m3.run_id = r.run_id AND m3.display_key = ? AND m3.min_value < ?))) "
				+ "ORDER BY r.started_at DESC, r.run_id ASC LIMIT ?");
		assertThat(query.params()).containsExactly(ORG, PROJECT, ORG, PROJECT, "opt", "adam", ORG, PROJECT, "env",
				"prod", ORG, PROJECT, "val loss", 0.5, 50);
	}

	@Test
	void params_compare_numbers_with_value_num_and_strings_with_the_text() {
		assertThat(filterSql("params.lr < 0.01")).endsWith("AND p1.key = ? AND p1.value_num < ?)");
		assertThat(filterSql("params.lr < '0.01'")).endsWith("AND p1.key = ? AND p1.value COLLATE \"C\" < ?)");
		assertThat(filterSql("params.lr IN (1, 'a', 2)"))
			.endsWith("AND p1.key = ? AND (p1.value_num IN (?, ?) OR p1.value IN (?)))");
		assertThat(filterSql("params.lr NOT IN (1, 'a')"))
			.endsWith("AND p1.key = ? AND (p1.value_num NOT IN (?) AND p1.value NOT IN (?)))");
		assertThat(filterSql("params.lr ILIKE 'a%'")).endsWith("AND p1.key = ? AND p1.value ILIKE ?)");
		assertThat(filterSql("params.lr IS NULL")).isEqualTo("NOT EXISTS (SELECT 1 FROM run_params p1 WHERE "
				+ "p1.org_id = ? AND p1.project_id = ? AND p1.run_id = r.run_id AND p1.key = ?)");
		assertThat(filterSql("metrics.x IS NULL")).endsWith("AND m1.display_key = ? AND m1.last_value IS NOT NULL)")
			.startsWith("NOT EXISTS (");
		assertThat(filterSql("max(metrics.x) IS NOT NULL")).endsWith("AND m1.max_value IS NOT NULL)")
			.startsWith("EXISTS (");
	}

	@Test
	void attribute_comparisons_are_two_valued_so_that_not_means_not() {
		assertThat(filterSql("NOT group = 'g'")).isEqualTo("NOT ((r.run_group IS NOT NULL AND r.run_group = ?))");
		assertThat(filterSql("ended_at < 0")).isEqualTo("(r.ended_at IS NOT NULL AND r.ended_at < ?)");
		assertThat(filterSql("name > 'm'")).isEqualTo("(r.name COLLATE \"C\" > ?)");
		assertThat(filterSql("state IN ('running', 'failed')")).isEqualTo("(r.state IN (?, ?))");
		assertThat(filterSql("duration > 1000")).isEqualTo(
				"((EXTRACT(EPOCH FROM (COALESCE(r.ended_at, ?) - r.started_at)) * 1000)::double precision > ?)");
		assertThat(filterSql("group IS NULL")).isEqualTo("(r.run_group IS NULL)");
		var query = page("duration > 1000 AND started_at >= '2024-01-01' AND run_id != '0c4c8c6e5b1f4a3a9d1e2f6f3c1a0b9d'",
				List.of());
		assertThat(query.params()).containsSubsequence(NOW_UTC, 1000.0,
				OffsetDateTime.parse("2024-01-01T00:00:00Z"), UUID.fromString("0c4c8c6e-5b1f-4a3a-9d1e-2f6f3c1a0b9d"));
	}

	@Test
	void sorting_by_a_param_or_tag_joins_it_on_its_unique_key() {
		var query = page(null, List.of("params.lr DESC", "tags.env"));
		assertThat(query.sql()).isEqualTo("SELECT r.run_id, o1.value_num AS s0, o1.value COLLATE \"C\" AS s1, "
				+ "o2.value COLLATE \"C\" AS s2, r.started_at AS s3 FROM runs r LEFT JOIN run_params o1 ON "
				+ "o1.org_id = ? AND o1.project_id = ? AND o1.run_id = r.run_id AND o1.key = ? LEFT JOIN run_tags o2 ON "
				+ "o2.org_id = ? AND o2.project_id = ? AND o2.run_id = r.run_id AND o2.key = ? WHERE r.org_id = ? AND "
				+ "r.project_id = ? AND r.deleted_at IS NULL ORDER BY o1.value_num DESC NULLS LAST, o1.value COLLATE "
				+ "\"C\" DESC NULLS LAST, o2.value COLLATE \"C\" ASC NULLS LAST, r.started_at DESC, r.run_id ASC LIMIT ?");
		assertThat(query.params()).containsExactly(ORG, PROJECT, "lr", ORG, PROJECT, "env", ORG, PROJECT, 50);
	}

	@Test
	void sorting_by_a_metric_probes_its_index_first() {
		var query = page("params.opt = 'adam'", List.of("metrics.loss"));
		var sql = query.sql();
		assertThat(sql).startsWith("WITH probe AS MATERIALIZED (SELECT hm.run_id, hm.last_value AS v FROM "
				+ "metric_series hm WHERE hm.org_id = ? AND hm.project_id = ? AND hm.display_key = ? AND "
				+ "hm.last_value IS NOT NULL ORDER BY hm.last_value ASC LIMIT ?), edge AS MATERIALIZED (SELECT "
				+ "count(*) AS n, max(v) AS kth FROM probe), fast AS MATERIALIZED (");
		assertThat(sql).contains("slow AS MATERIALIZED (", " FROM metric_series hm JOIN runs r ON ",
				"AND hm.last_value >= (SELECT kth FROM edge) ORDER BY hm.last_value ASC, r.started_at DESC, r.run_id ASC",
				"NOT EXISTS (SELECT 1 FROM metric_series hn WHERE hn.org_id = ?",
				"ORDER BY grp, s0 ASC NULLS LAST, s1 DESC, run_id ASC LIMIT ?");
		assertThat(query.params()).startsWith(ORG, PROJECT, "loss", 300);
		var descending = page(null, List.of("max(metrics.loss) DESC")).sql();
		assertThat(descending).contains("ORDER BY hm.max_value DESC LIMIT ?", "min(v) AS kth",
				"p.v > (SELECT kth FROM edge)", "hm.max_value <= (SELECT kth FROM edge)");
	}

	@Test
	void the_probe_grows_with_the_page() {
		assertThat(page(null, List.of("metrics.x")).params()).contains(300);
		assertThat(RunSearchSql.page(ORG, PROJECT, null, RunOrder.parse(List.of("metrics.x")), 500, null, false, NOW)
			.params()).contains(3_000);
		assertThat(RunSearchSql.page(ORG, PROJECT, null, RunOrder.parse(List.of("metrics.x")), 50_000, null, false,
				NOW)
			.params()).contains(20_000);
	}

	@Test
	void count_is_the_filter_without_order_or_limit() {
		var query = RunSearchSql.count(ORG, PROJECT, RunFilter.parse("tags.env = 'prod'"), false, NOW);
		assertThat(query.sql()).isEqualTo("SELECT count(*) FROM runs r WHERE r.org_id = ? AND r.project_id = ? AND "
				+ "r.deleted_at IS NULL AND EXISTS (SELECT 1 FROM run_tags t1 WHERE t1.org_id = ? AND "
				+ "t1.project_id = ? AND t1.run_id = r.run_id AND t1.key = ? AND t1.value = ?)");
		assertThat(query.params()).containsExactly(ORG, PROJECT, ORG, PROJECT, "env", "prod");
		assertThat(RunSearchSql.count(ORG, PROJECT, null, true, NOW).sql())
			.isEqualTo("SELECT count(*) FROM runs r WHERE r.org_id = ? AND r.project_id = ?");
	}

	@Test
	void the_limit_is_checked() {
		for (int limit : new int[] { 0, -1, 50_001 }) {
			assertThatThrownBy(() -> RunSearchSql.page(ORG, PROJECT, null, null, limit, null, false, NOW))
				.isInstanceOf(InvalidRequestException.class)
				.hasMessage("max_results must be between 1 and 50000, got " + limit);
		}
	}

	@Test
	void user_values_never_reach_the_sql_text_and_the_text_depends_on_the_structure_only() {
		var random = new RandomSearches(3);
		random.runs(30);
		var hostile = new Random(4);
		for (int i = 0; i < 2_000; i++) {
			var filter = random.filter();
			var order = random.order();
			var disguised = disguise(filter, hostile);
			var disguisedKeys = new ArrayList<RunOrder.SortKey>();
			for (var key : order.keys()) {
				// Distinct keys stay distinct: a sort key named twice would count once.
				disguisedKeys.add(new RunOrder.SortKey(disguise(key.field(), hostile, "#" + disguisedKeys.size()),
						key.descending()));
			}
			var disguisedOrder = new RunOrder(disguisedKeys);
			var row = anyRow(order, random);
			for (var cursor : Arrays.asList(null, "cursor")) {
				var plain = compile(filter, order, cursor == null ? null : RunSearchSql.nextCursor(order, row));
				var evil = compile(disguised, disguisedOrder,
						cursor == null ? null : RunSearchSql.nextCursor(disguisedOrder, row));
				assertThat(evil.sql()).as(disguised.toFilterString()).isEqualTo(plain.sql());
				assertSafe(evil);
			}
			var count = RunSearchSql.count(ORG, PROJECT, disguised, false, NOW);
			assertThat(count.sql()).isEqualTo(RunSearchSql.count(ORG, PROJECT, filter, false, NOW).sql());
			assertSafe(count);
		}
	}

	@Test
	void hostile_filters_that_parse_put_their_text_in_parameters_only() {
		for (var bad : HOSTILE) {
			var quoted = Literal.quote(bad);
			var key = RunField.quoteKey(bad);
			var filter = "params." + key + " = " + quoted + " OR tags." + key + " NOT LIKE " + quoted + "'%'"
					+ " OR name IN (" + quoted + ", 'x')";
			var query = page(filter, List.of("params." + key + " DESC", "metrics." + key));
			assertThat(query.params()).contains(bad);
			assertSafe(query);
		}
	}

	@Test
	void every_table_is_constrained_by_the_organisation() {
		var random = new RandomSearches(5);
		random.runs(30);
		var alias = Pattern.compile("(?:FROM|JOIN) (?:runs|run_params|run_tags|metric_series) (\\w+)");
		for (int i = 0; i < 500; i++) {
			var query = compile(random.filter(), random.order(), null);
			var matcher = alias.matcher(query.sql());
			int tables = 0;
			while (matcher.find()) {
				tables++;
				assertThat(query.sql()).as(query.sql()).contains(matcher.group(1) + ".org_id = ?");
			}
			assertThat(tables).isPositive();
		}
	}

	@Test
	void cursors_round_trip_and_carry_every_sort_value() {
		var order = RunOrder.parse(List.of("metrics.loss DESC", "params.lr", "tags.env", "ended_at", "duration"));
		var columns = RunSearchSql.sortColumns(order);
		assertThat(columns).extracting(RunSearchSql.SortColumn::type)
			.containsExactly(RunSearchSql.ColumnType.NUMBER, RunSearchSql.ColumnType.NUMBER,
					RunSearchSql.ColumnType.TEXT, RunSearchSql.ColumnType.TEXT, RunSearchSql.ColumnType.TIME,
					RunSearchSql.ColumnType.NUMBER, RunSearchSql.ColumnType.TIME);
		var id = UUID.randomUUID();
		var values = Arrays.<Object>asList(Double.NaN, null, "😀 it's", null, Instant.parse("2024-01-01T00:00:00.000001Z"),
				-0.0, Instant.parse("0001-01-01T00:00:00Z"));
		var cursor = RunSearchSql.nextCursor(order, new Row(id, values));
		assertThat(cursor).matches("[A-Za-z0-9_-]+");
		var position = SearchCursor.decode(cursor, order, columns);
		assertThat(position.runId()).isEqualTo(id);
		assertThat(position.values()).isEqualTo(values);
		var query = RunSearchSql.page(ORG, PROJECT, null, order, 10, cursor, false, NOW);
		assertThat(query.params()).contains(id, "😀 it's", OffsetDateTime.parse("2024-01-01T00:00:00.000001Z"));
	}

	@Test
	void keyset_predicates_honour_direction_and_nulls_last() {
		var order = RunOrder.parse(List.of("tags.env DESC", "name"));
		var id = UUID.fromString("00000000-0000-0000-0000-000000000001");
		var t = Instant.parse("2024-01-01T00:00:00Z");
		var afterValue = RunSearchSql.page(ORG, PROJECT, null, order, 10,
				RunSearchSql.nextCursor(order, new Row(id, Arrays.asList("prod", "n", t))), false, NOW);
		assertThat(afterValue.sql()).contains(" AND (o1.value COLLATE \"C\" < ? OR o1.value COLLATE \"C\" IS NULL OR "
				+ "(o1.value COLLATE \"C\" = ? AND (r.name COLLATE \"C\" > ? OR (r.name COLLATE \"C\" = ? AND "
				+ "(r.started_at < ? OR (r.started_at = ? AND (r.run_id > ?))))))) ORDER BY");
		var afterNull = RunSearchSql.page(ORG, PROJECT, null, order, 10,
				RunSearchSql.nextCursor(order, new Row(id, Arrays.asList(null, "n", t))), false, NOW);
		assertThat(afterNull.sql()).contains(" AND (o1.value COLLATE \"C\" IS NULL AND (r.name COLLATE \"C\" > ? OR "
				+ "(r.name COLLATE \"C\" = ? AND (r.started_at < ? OR (r.started_at = ? AND (r.run_id > ?)))))) ORDER BY");
		var byStart = RunSearchSql.page(ORG, PROJECT, null, null, 10,
				RunSearchSql.nextCursor(null, new Row(id, List.of(t))), false, NOW);
		assertThat(byStart.sql()).contains("AND r.started_at <= ? AND (r.started_at < ? OR (r.started_at = ? AND "
				+ "(r.run_id > ?)))");
	}

	@Test
	void a_cursor_past_the_runs_with_the_sort_metric_reads_only_the_runs_without_it() {
		var order = RunOrder.parse(List.of("metrics.loss"));
		var cursor = RunSearchSql.nextCursor(order,
				new Row(UUID.randomUUID(), Arrays.asList(null, Instant.parse("2024-01-01T00:00:00Z"))));
		var query = RunSearchSql.page(ORG, PROJECT, null, order, 10, cursor, false, NOW);
		assertThat(query.sql()).doesNotContain("probe").contains("(o1.last_value IS NULL AND (r.started_at < ?");
		var inTheMiddle = RunSearchSql.nextCursor(order,
				new Row(UUID.randomUUID(), Arrays.asList(0.5, Instant.parse("2024-01-01T00:00:00Z"))));
		assertThat(RunSearchSql.page(ORG, PROJECT, null, order, 10, inTheMiddle, false, NOW).sql())
			.contains("WITH probe AS MATERIALIZED (SELECT hm.run_id, hm.last_value AS v FROM metric_series hm WHERE "
					+ "hm.org_id = ? AND hm.project_id = ? AND hm.display_key = ? AND hm.last_value IS NOT NULL AND "
					+ "hm.last_value >= ? ORDER BY");
	}

	@Test
	void malformed_or_foreign_cursors_are_rejected() {
		var order = RunOrder.parse(List.of("tags.env"));
		var good = RunSearchSql.nextCursor(order,
				new Row(UUID.randomUUID(), Arrays.asList("x", Instant.parse("2024-01-01T00:00:00Z"))));
		for (var bad : List.of("!!!", "abc", "AAAA", good.substring(0, good.length() - 3), good + "AAAA",
				"x".repeat(300_000), Base64.getUrlEncoder().encodeToString("hello world".getBytes()))) {
			assertThatThrownBy(() -> RunSearchSql.page(ORG, PROJECT, null, order, 10, bad, false, NOW))
				.isInstanceOf(InvalidRequestException.class)
				.hasMessage("page_token is malformed; pass back the next_page_token of the previous page");
		}
		assertThatThrownBy(() -> RunSearchSql.page(ORG, PROJECT, null, RunOrder.DEFAULT, 10, good, false, NOW))
			.isInstanceOf(InvalidRequestException.class)
			.hasMessage("page_token was made for a different order_by; pass the same order_by as for the first page");
		// Well-formed but tampered: a text where a time belongs, a NUL in a text, a null where none can be.
		var bytes = Base64.getUrlDecoder().decode(good);
		var wrongType = bytes.clone();
		wrongType[9 + 1 + 4 + 1] = 2;
		var withNul = RunSearchSql.nextCursor(order,
				new Row(UUID.randomUUID(), Arrays.asList("a\u0000b", Instant.parse("2024-01-01T00:00:00Z"))));
		// version, fingerprint, count (9 bytes), the text "x" (tag, length, byte: 6), then a null tag for started_at
		// instead of its value (tag and 8 bytes), then the run id.
		var nullTime = ByteBuffer.allocate(32).put(bytes, 0, 15).put((byte) 0).put(bytes, 24, 16).array();
		for (var bad : List.of(Base64.getUrlEncoder().encodeToString(wrongType), withNul,
				Base64.getUrlEncoder().withoutPadding().encodeToString(nullTime))) {
			assertThatThrownBy(() -> RunSearchSql.page(ORG, PROJECT, null, order, 10, bad, false, NOW))
				.isInstanceOf(InvalidRequestException.class)
				.hasMessageStartingWith("page_token is malformed");
		}
		assertThat(RunSearchSql.page(ORG, PROJECT, null, order, 10, "", false, NOW).sql()).doesNotContain(" < ?");
	}

	@Test
	void next_cursor_checks_the_row_against_the_order() {
		var order = RunOrder.parse(List.of("metrics.x"));
		assertThatThrownBy(() -> RunSearchSql.nextCursor(order, new Row(UUID.randomUUID(), List.of(1.0))))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> RunSearchSql.nextCursor(order, new Row(UUID.randomUUID(), List.of("1", NOW))))
			.isInstanceOf(IllegalArgumentException.class);
	}

	// ------------------------------------------------------------------------------------------------ helpers

	static String filterSql(String filter) {
		var sql = RunSearchSql.count(ORG, PROJECT, RunFilter.parse(filter), true, NOW).sql();
		return sql.substring("SELECT count(*) FROM runs r WHERE r.org_id = ? AND r.project_id = ? AND ".length());
	}

	static Query compile(RunFilter filter, RunOrder order, String cursor) {
		return RunSearchSql.page(ORG, PROJECT, filter, order, 25, cursor, false, NOW);
	}

	/** No quotes, comments, statement separators or dollar quoting in the text; one parameter per placeholder. */
	static void assertSafe(Query query) {
		var sql = query.sql();
		assertThat(sql.replace("COLLATE \"C\"", "")).doesNotContain("'", "\"", ";", "--", "/*", "$", "\\", "`");
		assertThat(sql).matches("[A-Za-z0-9_ ,.()?*=<>:\"+\\-]*");
		assertThat(sql.chars().filter(c -> c == '?').count()).isEqualTo(query.params().size());
		assertThat(query.params()).doesNotContainNull();
	}

	/** Some row in this order, hostile text included. */
	static Row anyRow(RunOrder order, RandomSearches random) {
		var values = new ArrayList<Object>();
		for (var column : RunSearchSql.sortColumns(order)) {
			values.add(column.nullable() && random.chance(0.3) ? null : switch (column.type()) {
				case NUMBER -> random.number();
				case TEXT -> random.pick(HOSTILE);
				case TIME -> RandomSearches.BASE.plusSeconds(random.nextInt(1000));
				case ID -> UUID.randomUUID();
			});
		}
		return new Row(UUID.randomUUID(), values);
	}

	/** The same filter with other (hostile) keys and values. */
	static RunFilter disguise(RunFilter filter, Random random) {
		return switch (filter) {
			case And and -> new And(and.operands().stream().map(f -> disguise(f, random)).toList());
			case Or or -> new Or(or.operands().stream().map(f -> disguise(f, random)).toList());
			case Not not -> new Not(disguise(not.operand(), random));
			case Comparison c -> new Comparison(disguise(c.field(), random), c.operator(),
					c.values().stream().map(v -> disguise(v, random)).toList());
		};
	}

	static RunField disguise(RunField field, Random random) {
		return disguise(field, random, "");
	}

	static RunField disguise(RunField field, Random random, String suffix) {
		var key = HOSTILE.get(random.nextInt(HOSTILE.size())) + suffix;
		return switch (field) {
			case RunField.Metric m -> new RunField.Metric(key, m.aggregate());
			case RunField.Param p -> new RunField.Param(key);
			case RunField.Tag t -> new RunField.Tag(key);
			case RunField.Attribute a -> a;
		};
	}

	static Literal disguise(Literal literal, Random random) {
		return switch (literal) {
			case Literal.Text t -> t.value().length() > 0 && RunAttribute.STATES.contains(t.value()) ? t
					: new Literal.Text(HOSTILE.get(random.nextInt(HOSTILE.size())));
			case Literal.Num n -> new Literal.Num(random.nextGaussian());
			case Literal.Time t -> new Literal.Time(t.value().plusSeconds(random.nextInt(1000)));
			case Literal.Id id -> new Literal.Id(UUID.randomUUID());
		};
	}
}
