package io.runledger.api.tracking.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.runledger.api.tracking.search.RunFilterOracle.Param;
import io.runledger.api.tracking.search.RunFilterOracle.Run;
import io.runledger.api.tracking.search.RunFilterOracle.Summary;

/** The semantics, spelled out on small examples (the PostgreSQL tests check that the SQL agrees). */
class RunFilterOracleTests {

	static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

	static final Instant NOW = T0.plusSeconds(3_600);

	static Run run(String name, Map<String, String> params, Map<String, String> tags, Map<String, Double> metrics) {
		var p = new HashMap<String, Param>();
		params.forEach((k, v) -> p.put(k, Param.of(v)));
		var m = new HashMap<String, Summary>();
		metrics.forEach((k, v) -> m.put(k, new Summary(v, v, v)));
		return new Run(UUID.nameUUIDFromBytes(name.getBytes()), name, "FINISHED", "alice", null, T0, null, false, p,
				tags, m);
	}

	static boolean matches(String filter, Run run) {
		return RunFilterOracle.matches(RunFilter.parse(filter), run, NOW);
	}

	@Test
	void an_absent_key_matches_only_is_null_and_negations() {
		var run = run("a", Map.of(), Map.of(), Map.of());
		assertThat(matches("params.x = 'a'", run)).isFalse();
		assertThat(matches("params.x != 'a'", run)).isFalse();
		assertThat(matches("params.x NOT IN ('a')", run)).isFalse();
		assertThat(matches("params.x NOT LIKE 'a%'", run)).isFalse();
		assertThat(matches("metrics.x != 1", run)).isFalse();
		assertThat(matches("tags.x != 'a'", run)).isFalse();
		assertThat(matches("params.x IS NULL", run)).isTrue();
		assertThat(matches("NOT params.x = 'a'", run)).isTrue();
		assertThat(matches("group IS NULL AND ended_at IS NULL AND NOT group = 'g'", run)).isTrue();
		assertThat(matches("group != 'g'", run)).isFalse();
	}

	@Test
	void not_equal_means_present_with_another_value() {
		var run = run("a", Map.of("x", "b"), Map.of("t", "b"), Map.of("m", 2.0));
		assertThat(matches("params.x != 'a'", run)).isTrue();
		assertThat(matches("tags.t != 'a'", run)).isTrue();
		assertThat(matches("metrics.m != 1", run)).isTrue();
		assertThat(matches("params.x != 'b'", run)).isFalse();
	}

	@Test
	void params_compare_as_numbers_with_numbers_and_as_text_with_strings() {
		var run = run("a", Map.of("lr", "1.0", "opt", "adam", "n", "32"), Map.of(), Map.of());
		assertThat(matches("params.lr = 1", run)).isTrue();
		assertThat(matches("params.lr = '1'", run)).isFalse();
		assertThat(matches("params.lr = '1.0'", run)).isTrue();
		assertThat(matches("params.n > 4", run)).isTrue();
		assertThat(matches("params.n > '4'", run)).as("'32' < '4' as text").isFalse();
		assertThat(matches("params.opt != 1", run)).as("a non-numeric param never matches a number").isFalse();
		assertThat(matches("params.opt NOT IN (1, 2)", run)).isFalse();
		assertThat(matches("params.opt IN (1, 'adam')", run)).isTrue();
		assertThat(matches("params.lr NOT IN (2, 'x')", run)).isTrue();
		assertThat(matches("params.lr < Infinity", run)).isTrue();
		assertThat(Param.of("1e-3").valueNum()).isEqualTo(0.001);
		assertThat(Param.of("NaN").valueNum()).isNull();
		assertThat(Param.of("1e999").valueNum()).isNull();
		assertThat(Param.of("0x10").valueNum()).isNull();
	}

	@Test
	void numbers_order_as_postgresql_does_nan_above_infinity_and_negative_zero_equal_to_zero() {
		assertThat(RunFilterOracle.compareNumbers(Double.NaN, Double.POSITIVE_INFINITY)).isPositive();
		assertThat(RunFilterOracle.compareNumbers(Double.NaN, Double.NaN)).isZero();
		assertThat(RunFilterOracle.compareNumbers(-0.0, 0.0)).isZero();
		var nan = run("nan", Map.of(), Map.of(), Map.of("m", Double.NaN));
		assertThat(matches("metrics.m = NaN", nan)).isTrue();
		assertThat(matches("metrics.m > Infinity", nan)).isTrue();
		assertThat(matches("metrics.m < 1", nan)).isFalse();
		assertThat(matches("metrics.m = 0", run("z", Map.of(), Map.of(), Map.of("m", -0.0)))).isTrue();
	}

	@Test
	void text_orders_by_code_point_and_like_escapes_with_backslash() {
		assertThat(RunFilterOracle.compareText("Z", "a")).isNegative();
		assertThat(RunFilterOracle.compareText("\uffff", "😀")).as("U+FFFF < U+1F600").isNegative();
		assertThat(RunFilterOracle.compareText("ab", "abc")).isNegative();
		assertThat(RunFilterOracle.like("a_b", "a\\_b", false)).isTrue();
		assertThat(RunFilterOracle.like("axb", "a\\_b", false)).isFalse();
		assertThat(RunFilterOracle.like("axb", "a_b", false)).isTrue();
		assertThat(RunFilterOracle.like("100%", "%\\%", false)).isTrue();
		assertThat(RunFilterOracle.like("a\\b", "a\\\\b", false)).isTrue();
		assertThat(RunFilterOracle.like("line\nbreak", "line%", false)).isTrue();
		assertThat(RunFilterOracle.like("😀", "_", false)).isTrue();
		assertThat(RunFilterOracle.like("a.*b", "a.*b", false)).isTrue();
		assertThat(RunFilterOracle.like("ADAM", "ad%", false)).isFalse();
		assertThat(RunFilterOracle.like("ADAM", "ad%", true)).isTrue();
		assertThat(RunFilterOracle.like("Élan", "él%", true)).isTrue();
	}

	@Test
	void missing_sort_values_come_last_in_both_directions() {
		var low = run("low", Map.of(), Map.of(), Map.of("m", 1.0));
		var high = run("high", Map.of(), Map.of(), Map.of("m", 2.0));
		var nan = run("nan", Map.of(), Map.of(), Map.of("m", Double.NaN));
		var none = run("none", Map.of(), Map.of(), Map.of());
		var runs = List.of(none, high, nan, low);
		assertThat(RunFilterOracle.search(runs, null, RunOrder.parse(List.of("metrics.m")), false, NOW))
			.containsExactly(low, high, nan, none);
		assertThat(RunFilterOracle.search(runs, null, RunOrder.parse(List.of("metrics.m DESC")), false, NOW))
			.containsExactly(nan, high, low, none);
	}

	@Test
	void params_sort_numbers_first_then_text_then_missing() {
		var nine = run("nine", Map.of("p", "9"), Map.of(), Map.of());
		var ten = run("ten", Map.of("p", "10"), Map.of(), Map.of());
		var adam = run("adam", Map.of("p", "adam"), Map.of(), Map.of());
		var none = run("none", Map.of(), Map.of(), Map.of());
		var runs = List.of(none, adam, ten, nine);
		assertThat(RunFilterOracle.search(runs, null, RunOrder.parse(List.of("params.p")), false, NOW))
			.containsExactly(nine, ten, adam, none);
		assertThat(RunFilterOracle.search(runs, null, RunOrder.parse(List.of("params.p DESC")), false, NOW))
			.containsExactly(ten, nine, adam, none);
	}

	@Test
	void ties_break_on_started_at_descending_then_run_id_as_unsigned_bytes() {
		var a = new Run(UUID.fromString("80000000-0000-0000-0000-000000000000"), "a", "FINISHED", "x", null, T0, null,
				false, Map.of(), Map.of(), Map.of());
		var b = new Run(UUID.fromString("00000000-0000-0000-0000-000000000001"), "b", "FINISHED", "x", null, T0, null,
				false, Map.of(), Map.of(), Map.of());
		var later = new Run(UUID.randomUUID(), "c", "FINISHED", "x", null, T0.plusSeconds(1), null, false, Map.of(),
				Map.of(), Map.of());
		assertThat(RunFilterOracle.search(List.of(a, b, later), null, null, false, NOW)).containsExactly(later, b, a);
	}

	@Test
	void duration_runs_to_now_while_a_run_has_not_ended_and_deleted_runs_only_on_request() {
		var running = new Run(UUID.randomUUID(), "r", "RUNNING", "x", null, T0, null, false, Map.of(), Map.of(),
				Map.of());
		var ended = new Run(UUID.randomUUID(), "e", "FINISHED", "x", null, T0, T0.plusSeconds(60), true, Map.of(),
				Map.of(), Map.of());
		assertThat(matches("duration = 'PT1H'", running)).isTrue();
		assertThat(matches("duration = 60000", ended)).isTrue();
		var filter = RunFilter.parse("duration >= 60000");
		assertThat(RunFilterOracle.search(List.of(running, ended), filter, null, false, NOW)).containsExactly(running);
		assertThat(RunFilterOracle.search(List.of(running, ended), filter, null, true, NOW)).hasSize(2);
	}
}
