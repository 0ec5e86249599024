package io.runledger.api.tracking.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.runledger.api.tracking.search.RunField.Aggregate;
import io.runledger.api.tracking.search.RunOrder.SortKey;
import io.runledger.tenancy.InvalidRequestException;

class RunSearchOrderTests {

	static final SortKey STARTED_DESC = new SortKey(new RunField.Attribute(RunAttribute.STARTED_AT), true);

	static final SortKey RUN_ID_ASC = new SortKey(new RunField.Attribute(RunAttribute.RUN_ID), false);

	static RunOrder parse(String... items) {
		return RunOrder.parse(Arrays.asList(items));
	}

	static void rejects(List<String> items, String message) {
		assertThatThrownBy(() -> RunOrder.parse(items)).isInstanceOf(InvalidRequestException.class)
			.hasMessage(message);
	}

	@Test
	void the_default_is_newest_first_then_run_id() {
		assertThat(RunOrder.parse(null)).isEqualTo(RunOrder.DEFAULT);
		assertThat(RunOrder.parse(List.of())).isEqualTo(RunOrder.DEFAULT);
		assertThat(RunOrder.DEFAULT.effectiveKeys()).containsExactly(STARTED_DESC, RUN_ID_ASC);
		assertThat(RunOrder.DEFAULT.toOrderString()).isEqualTo("started_at DESC, run_id ASC");
	}

	@Test
	void items_are_a_field_and_an_optional_direction() {
		assertThat(parse("metrics.acc DESC").keys()).containsExactly(new SortKey(new RunField.Metric("acc"), true));
		assertThat(parse("metrics.acc").keys()).containsExactly(new SortKey(new RunField.Metric("acc"), false));
		assertThat(parse("  metrics.acc   asc ").keys()).containsExactly(new SortKey(new RunField.Metric("acc"), false));
		assertThat(parse("min(metrics.loss) desc").keys())
			.containsExactly(new SortKey(new RunField.Metric("loss", Aggregate.MIN), true));
		assertThat(parse("params.`a b` DESC", "tags.env", "attributes.start_time ASC").keys()).containsExactly(
				new SortKey(new RunField.Param("a b"), true), new SortKey(new RunField.Tag("env"), false),
				new SortKey(new RunField.Attribute(RunAttribute.STARTED_AT), false));
		assertThat(parse("config.optimizer.lr").keys())
			.containsExactly(new SortKey(new RunField.Param("optimizer.lr"), false));
		assertThat(parse("metrics.acc.max DESC").keys())
			.containsExactly(new SortKey(new RunField.Metric("acc.max"), true));
	}

	@Test
	void tiebreaks_make_the_order_total() {
		assertThat(parse("metrics.acc DESC").effectiveKeys())
			.containsExactly(new SortKey(new RunField.Metric("acc"), true), STARTED_DESC, RUN_ID_ASC);
		assertThat(parse("start_time ASC").effectiveKeys()).containsExactly(
				new SortKey(new RunField.Attribute(RunAttribute.STARTED_AT), false), RUN_ID_ASC);
		assertThat(parse("run_id DESC", "metrics.acc").effectiveKeys())
			.containsExactly(new SortKey(new RunField.Attribute(RunAttribute.RUN_ID), true));
		assertThat(parse("metrics.acc", "run_id").effectiveKeys())
			.containsExactly(new SortKey(new RunField.Metric("acc"), false), RUN_ID_ASC);
		assertThat(parse("name", "duration DESC").toOrderString())
			.isEqualTo("name ASC, duration DESC, started_at DESC, run_id ASC");
	}

	@Test
	void a_field_named_twice_counts_once() {
		assertThat(parse("params.x DESC", "config.x ASC", "params.x").keys())
			.containsExactly(new SortKey(new RunField.Param("x"), true));
		assertThat(parse("metrics.x", "min(metrics.x)").keys()).hasSize(2);
	}

	@Test
	void malformed_items_name_the_item_and_the_problem() {
		rejects(List.of("metrics.acc DESCC"),
				"order_by[0]: expected ASC or DESC after metrics.`acc`, found 'DESCC' at position 13");
		rejects(List.of("name", "metrics.acc DESC extra"), "order_by[1]: unexpected token 'extra' at position 18");
		rejects(List.of(" "), "order_by[0]: is empty; write a field, optionally followed by ASC or DESC");
		rejects(Collections.singletonList(null), "order_by[0]: must not be null");
		rejects(List.of("foo DESC"), "order_by[0]: unknown field 'foo' (use metrics.<key>, min(metrics.<key>), "
				+ "max(metrics.<key>), params.<key>, config.<key>, tags.<key> or an attribute: name, state, run_id, "
				+ "group, created_by, started_at, ended_at, duration) at position 1");
		rejects(List.of("min(params.x)"), "order_by[0]: min() applies to metrics only, e.g. min(metrics.loss) at position 1");
		rejects(List.of("metrics.acc = 1"),
				"order_by[0]: expected ASC or DESC after metrics.`acc`, found '=' at position 13");
		rejects(List.of("metrics.acc; drop table runs"), "order_by[0]: expected ASC or DESC after metrics.`acc`, "
				+ "found ';' at position 12");
		rejects(List.of("params.x\u0000"), "order_by[0]: control character U+0000 is not allowed at position 9");
		rejects(List.of("params.`" + "x".repeat(1_000) + "`"), "order_by[0]: longer than 1000 characters");
		var eleven = new ArrayList<String>(Collections.nCopies(11, "name"));
		rejects(eleven, "order_by: at most 10 sort keys, got 11");
	}

	@Test
	void keys_render_back_into_items() {
		var order = parse("min(metrics.`val loss`) DESC", "params.`a``b`", "tags.t");
		assertThat(RunOrder.parse(order.keys().stream().map(SortKey::toOrderString).toList())).isEqualTo(order);
	}
}
