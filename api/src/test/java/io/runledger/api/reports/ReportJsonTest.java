package io.runledger.api.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.runledger.tenancy.InvalidRequestException;
import tools.jackson.databind.json.JsonMapper;

class ReportJsonTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void written_content_reads_back_to_the_same_blocks_so_what_is_stored_always_renders() {
		var run = UUID.randomUUID();
		var content = ReportJson.read(JSON.readTree(ReportFixtures.content("t", "{\"runIds\": [\"" + run + "\"]}")));

		var stored = ReportJson.write(content.blocks());

		assertThat(ReportJson.blocks(stored)).isEqualTo(content.blocks());
		assertThat(content.panels()).hasSize(3);
		assertThat(stored.get(1).get("runSet").get("runIds").get(0).asString()).isEqualTo(run.toString());
	}

	@Test
	void a_run_set_is_either_fixed_ids_or_a_search_never_both() {
		assertThatThrownBy(() -> ReportJson.read(JSON.readTree("""
				{"title": "t", "blocks": [{"type": "scalarComparison", "metrics": ["loss"],
				 "runSet": {"runIds": ["%s"], "filter": "state = 'FINISHED'"}}]}""".formatted(UUID.randomUUID()))))
			.isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("either runIds or a search");
	}

	@Test
	void an_artifact_reference_names_exactly_one_of_version_and_alias() {
		assertThatThrownBy(() -> ReportJson.read(JSON.readTree("""
				{"title": "t", "blocks": [{"type": "artifactReference", "artifactName": "m", "version": 3,
				 "alias": "best"}]}""")))
			.isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("exactly one of version and alias");
		var block = (Block.ArtifactReference) ReportJson.read(JSON.readTree("""
				{"title": "t", "blocks": [{"type": "artifactReference", "artifactName": "m", "version": 3}]}"""))
			.blocks().getFirst();
		assertThat(block.version()).isEqualTo("3");
	}

	@Test
	void a_run_set_order_is_compiled_at_save_time() {
		assertThatThrownBy(() -> ReportJson.read(JSON.readTree("""
				{"title": "t", "blocks": [{"type": "runsTable", "runSet": {"orderBy": ["metrics.loss SIDEWAYS"]}}]}""")))
			.isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("blocks[0] (runsTable).runSet");
	}
}
