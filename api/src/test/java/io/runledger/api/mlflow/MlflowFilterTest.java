package io.runledger.api.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.runledger.api.tracking.search.RunFilter;
import io.runledger.api.tracking.search.RunOrder;

/** MLflow filter and order_by syntax, translated into the run search language, which must accept the result. */
class MlflowFilterTest {

	@Test
	void mlflow_entity_prefixes_and_attribute_names_translate_to_the_search_language() {
		var translated = MlflowFilter.toRunFilter("metric.acc > 0.9 and parameters.model = 'cnn' AND "
				+ "tag.`my tag` LIKE 'x%' and attr.created >= 1700000000000 and run_name != 'a'");

		assertThat(translated).isEqualTo("(metrics.`acc` > 0.9) AND (params.`model` = 'cnn') AND "
				+ "(tags.`my tag` LIKE 'x%') AND (start_time >= 1700000000000) AND (run_name != 'a')");
		assertThat(RunFilter.parse(translated)).isNotNull();
	}

	@Test
	void quoted_keys_dotted_keys_and_in_lists_translate() {
		var translated = MlflowFilter.toRunFilter("tags.mlflow.runName IN ('a', \"b\") and metrics.\"val loss\" < 1e-3"
				+ " and attributes.run_id NOT IN ('0123456789abcdef0123456789abcdef')");

		assertThat(translated).isEqualTo("(tags.`mlflow.runName` IN ('a', 'b')) AND (metrics.`val loss` < 1e-3) AND "
				+ "(run_id NOT IN ('0123456789abcdef0123456789abcdef'))");
		assertThat(RunFilter.parse(translated)).isNotNull();
	}

	@Test
	void strings_keep_their_text_verbatim_as_in_mlflow() {
		var translated = MlflowFilter.toRunFilter("params.path LIKE 'a\\_b%' and tags.note = 'it''s'");

		assertThat(RunFilter.parse(translated).toFilterString()).contains("'a\\\\_b%'").contains("'it\\'\\'s'");
	}

	@Test
	void statuses_map_to_our_states() {
		assertThat(MlflowFilter.toRunFilter("status = 'FAILED'")).isEqualTo("status IN ('FAILED', 'CRASHED')");
		assertThat(MlflowFilter.toRunFilter("attributes.status != 'finished'")).isEqualTo("status NOT IN ('FINISHED')");
		assertThat(MlflowFilter.toRunFilter("status = 'SCHEDULED'")).isEqualTo("name IS NULL");
		assertThat(MlflowFilter.toRunFilter("status IN ('SCHEDULED', 'RUNNING')")).isEqualTo("status IN ('RUNNING')");
		assertThat(RunFilter.parse(MlflowFilter.toRunFilter("status = 'SCHEDULED'"))).isNotNull();
	}

	@Test
	void order_by_items_translate() {
		var items = List.of(MlflowFilter.toRunOrder("metrics.`val acc` DESC"),
				MlflowFilter.toRunOrder("attributes.start_time"), MlflowFilter.toRunOrder("params.lr asc"));

		assertThat(items).containsExactly("metrics.`val acc` DESC", "start_time ASC", "params.`lr` ASC");
		assertThat(RunOrder.parse(items).keys()).hasSize(3);
	}

	@Test
	void unsupported_or_malformed_filters_are_invalid_parameter_value() {
		for (var filter : List.of("datasets.name = 'x'", "attributes.artifact_uri = 'x'", "metrics.acc >> 1",
				"metrics.acc > ", "foo.bar = 1", "params.x = 'unterminated")) {
			assertThatThrownBy(() -> MlflowFilter.toRunFilter(filter)).as(filter)
				.isInstanceOfSatisfying(MlflowException.class,
						e -> assertThat(e.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE"));
		}
	}

	@Test
	void experiment_and_registry_filters_are_and_only_conjunctions() {
		var comparisons = MlflowFilter.conjunction("name LIKE 'a%' AND tags.team = 'ml'");

		assertThat(comparisons).hasSize(2);
		assertThat(comparisons.get(1).field()).isEqualTo(new MlflowFilter.Field("tag", "team"));
		assertThatThrownBy(() -> MlflowFilter.conjunction("name = 'a' OR name = 'b'"))
			.isInstanceOf(MlflowException.class);
	}

	@Test
	void key_names_are_validated_like_mlflow_including_path_normalisation() {
		MlflowValidation.metricName("train/loss 1.x-y");
		for (var bad : List.of("", "a//b", "../x", "/abs", "a/", "bad!char")) {
			assertThatThrownBy(() -> MlflowValidation.metricName(bad)).as(bad).isInstanceOf(MlflowException.class);
		}
		assertThat(MlflowValidation.normpath("a/./b/../c")).isEqualTo("a/c");
		assertThat(MlflowValidation.normpath("//a")).isEqualTo("//a");
		assertThat(MlflowValidation.normpath("///a")).isEqualTo("/a");
	}

	@Test
	void sampled_steps_follow_mlflows_even_sampling_and_keep_the_last_step() {
		var steps = java.util.stream.LongStream.range(0, 100).boxed().toList();

		assertThat(MlflowMetricHistory.sampledSteps(0, 99, 10, steps))
			.containsExactlyInAnyOrder(0L, 10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 99L);
		assertThat(MlflowMetricHistory.sampledSteps(10, 20, 5, steps))
			.containsExactlyInAnyOrder(10L, 12L, 14L, 16L, 18L, 20L);
		assertThat(MlflowMetricHistory.sampledSteps(0, 5, 10, steps)).hasSize(6);
	}
}
