package io.runledger.api.reports;

import java.util.List;
import java.util.Optional;

/** What an editor saves: everything a version holds. */
record ReportContent(String title, String description, List<Block> blocks) {

	static final int MAX_TITLE = 200;

	static final int MAX_DESCRIPTION = 10_000;

	static final int MAX_BLOCKS = 100;

	static final int MAX_PANELS = 30;

	ReportContent {
		blocks = List.copyOf(blocks);
	}

	List<Block.Panel> panels() {
		return blocks.stream().filter(Block.Panel.class::isInstance).map(Block.Panel.class::cast).toList();
	}

	Optional<Block> block(String id) {
		return blocks.stream().filter(block -> block.id().equals(id)).findFirst();
	}
}
