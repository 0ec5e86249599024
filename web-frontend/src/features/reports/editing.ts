import type { Block, ReportView, RunSet } from './types.ts';

/**
 * The report editor's logic, free of React: what a draft is, the block operations (add, move, delete, change), what
 * the client checks before a save, which field a server problem names, and the state of a version conflict (409).
 */

/** What a save sends besides the version: the report's content. */
export type Draft = { title: string; description: string; blocks: Block[] };

export type BlockType = Block['type'];

export const BLOCK_TYPES: { type: BlockType; label: string }[] = [
  { type: 'markdown', label: 'Text' },
  { type: 'lineChart', label: 'Line chart' },
  { type: 'runsTable', label: 'Runs table' },
  { type: 'scalarComparison', label: 'Scalar comparison' },
  { type: 'artifactReference', label: 'Artifact' },
];

/** The server's limits (ReportContent): blocks, panels (charts, tables, comparisons), runs per run set, metrics. */
export const LIMITS = { blocks: 100, panels: 30, runs: 200, metrics: 20 } as const;

export function draftOf(report: Pick<ReportView, 'title' | 'description' | 'blocks'>): Draft {
  return { title: report.title, description: report.description ?? '', blocks: report.blocks };
}

export function sameDraft(a: Draft, b: Draft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A block id as the server accepts it ([A-Za-z0-9_-]{1,64}), unique enough for one report. */
export function newBlockId(random: () => number = Math.random): string {
  return 'b' + Math.floor(random() * 36 ** 8).toString(36).padStart(8, '0');
}

/** A new block of a type, with what makes it valid filled in where there is an obvious choice. */
export function newBlock(type: BlockType, runSet: RunSet, id: string = newBlockId()): Block {
  switch (type) {
    case 'markdown':
      return { id, type, text: 'Write here: **markdown**, lists, `code`, links.' };
    case 'lineChart':
      return { id, type, title: '', runSet, metrics: [], xAxis: 'step', mode: 'LTTB', points: 250 };
    case 'runsTable':
      return { id, type, title: '', runSet, columns: ['name', 'state', 'started_at'] };
    case 'scalarComparison':
      return { id, type, title: '', runSet, metrics: [], aggregate: 'last' };
    case 'artifactReference':
      return { id, type, artifactName: '', alias: 'latest' };
  }
}

export function addBlock(draft: Draft, block: Block, at: number = draft.blocks.length): Draft {
  const blocks = [...draft.blocks];
  blocks.splice(Math.max(0, Math.min(at, blocks.length)), 0, block);
  return { ...draft, blocks };
}

/** Moves a block one place up (-1) or down (+1); at either end nothing changes. */
export function moveBlock(draft: Draft, id: string, delta: -1 | 1): Draft {
  const from = draft.blocks.findIndex((block) => block.id === id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= draft.blocks.length) return draft;
  const blocks = [...draft.blocks];
  [blocks[from], blocks[to]] = [blocks[to]!, blocks[from]!];
  return { ...draft, blocks };
}

export function removeBlock(draft: Draft, id: string): Draft {
  return { ...draft, blocks: draft.blocks.filter((block) => block.id !== id) };
}

export function replaceBlock(draft: Draft, block: Block): Draft {
  return { ...draft, blocks: draft.blocks.map((candidate) => (candidate.id === block.id ? block : candidate)) };
}

/** Where a problem is: the title, a block, or the report as a whole. */
export type Problems = { title?: string; blocks: Record<string, string>; report?: string };

export function hasProblems(problems: Problems): boolean {
  return problems.title !== undefined || problems.report !== undefined || Object.keys(problems.blocks).length > 0;
}

function runSetProblem(runSet: RunSet): string | undefined {
  if ('runIds' in runSet) {
    if (runSet.runIds.length === 0) return 'Pick at least one run, or use a search.';
    if (runSet.runIds.length > LIMITS.runs) return `At most ${LIMITS.runs} runs.`;
    return undefined;
  }
  if (!Number.isInteger(runSet.limit) || runSet.limit < 1 || runSet.limit > LIMITS.runs) {
    return `The search takes 1 to ${LIMITS.runs} runs.`;
  }
  return undefined;
}

/** What the client can tell before asking the server (which checks everything again, e.g. the search syntax). */
export function validateDraft(draft: Draft): Problems {
  const problems: Problems = { blocks: {} };
  if (draft.title.trim() === '') problems.title = 'A report needs a title.';
  if (draft.blocks.length > LIMITS.blocks) problems.report = `A report holds at most ${LIMITS.blocks} blocks.`;
  const panels = draft.blocks.filter((b) => b.type === 'lineChart' || b.type === 'runsTable' || b.type === 'scalarComparison');
  if (panels.length > LIMITS.panels) problems.report = `A report holds at most ${LIMITS.panels} charts, tables and comparisons.`;
  for (const block of draft.blocks) {
    const problem = blockProblem(block);
    if (problem) problems.blocks[block.id] = problem;
  }
  return problems;
}

function blockProblem(block: Block): string | undefined {
  switch (block.type) {
    case 'markdown':
      return block.text.trim() === '' ? 'Write some text, or delete the block.' : undefined;
    case 'lineChart':
      if (block.metrics.length === 0) return 'Name at least one metric to chart.';
      if (block.metrics.length > LIMITS.metrics) return `At most ${LIMITS.metrics} metrics.`;
      if (block.smoothing !== undefined && !(block.smoothing >= 0 && block.smoothing < 1)) {
        return 'Smoothing is a weight from 0 up to (not including) 1.';
      }
      return runSetProblem(block.runSet);
    case 'scalarComparison':
      if (block.metrics.length === 0) return 'Name at least one metric to compare.';
      return runSetProblem(block.runSet);
    case 'runsTable':
      if (block.columns.length === 0) return 'Choose at least one column.';
      return runSetProblem(block.runSet);
    case 'artifactReference':
      if (block.artifactName.trim() === '') return 'Name the artifact.';
      if ((block.version ?? '') === '' && (block.alias ?? '') === '') return 'Give a version or an alias.';
      return undefined;
  }
}

/**
 * Which field a server problem names, so it is shown there: `blocks[2] (lineChart): ...` is the third block of the
 * draft that was sent, `title ...` the title; anything else is about the report.
 */
export function problemsOfDetail(detail: string | undefined, sent: Draft): Problems {
  const text = detail ?? 'The server refused the save.';
  const block = /^blocks\[(\d+)\]/.exec(text);
  if (block) {
    const id = sent.blocks[Number(block[1])]?.id;
    if (id !== undefined) return { blocks: { [id]: text.replace(/^blocks\[\d+\]( \([^)]*\))?:?\s*/, '') } };
  }
  if (/^title\b/.test(text)) return { title: text, blocks: {} };
  return { report: text, blocks: {} };
}

/** One row of a conflict: a block as it is in their version and in mine (either may be missing). */
export type ConflictRow = { id: string; theirs?: Block; mine?: Block; same: boolean };

/** Blocks of both versions side by side: theirs in their order, then the ones only I have. */
export function conflictRows(theirs: Draft, mine: Draft): ConflictRow[] {
  const mineById = new Map(mine.blocks.map((block) => [block.id, block]));
  const rows: ConflictRow[] = theirs.blocks.map((block) => {
    const own = mineById.get(block.id);
    return { id: block.id, theirs: block, ...(own ? { mine: own } : {}), same: own !== undefined && JSON.stringify(own) === JSON.stringify(block) };
  });
  const theirIds = new Set(theirs.blocks.map((block) => block.id));
  for (const block of mine.blocks) if (!theirIds.has(block.id)) rows.push({ id: block.id, mine: block, same: false });
  return rows;
}

/**
 * Merging by copying: their version of one block goes into mine, replacing my version of it or, when I do not have
 * it, placed after the block that precedes it in theirs (else first).
 */
export function copyTheirBlock(mine: Draft, theirs: Draft, id: string): Draft {
  const index = theirs.blocks.findIndex((block) => block.id === id);
  const block = theirs.blocks[index];
  if (!block) return mine;
  if (mine.blocks.some((own) => own.id === id)) return replaceBlock(mine, block);
  for (let i = index - 1; i >= 0; i--) {
    const at = mine.blocks.findIndex((own) => own.id === theirs.blocks[i]!.id);
    if (at >= 0) return addBlock(mine, block, at + 1);
  }
  return addBlock(mine, block, 0);
}

/** Their title or description into mine. */
export function copyTheirField(mine: Draft, theirs: Draft, field: 'title' | 'description'): Draft {
  return { ...mine, [field]: theirs[field] };
}

/** A short name for a block, in lists (history, conflicts, comments). */
export function blockLabel(block: Block): string {
  switch (block.type) {
    case 'markdown': {
      const line = block.text.split('\n').find((l) => l.trim() !== '') ?? '';
      const text = line.replace(/^#+\s*/, '').trim();
      return `Text: ${text.length > 48 ? `${text.slice(0, 47)}…` : text || '(empty)'}`;
    }
    case 'lineChart':
      return `Line chart: ${block.title || block.metrics.join(', ') || '(no metric)'}`;
    case 'runsTable':
      return `Runs table: ${block.title || block.columns.join(', ')}`;
    case 'scalarComparison':
      return `Comparison: ${block.title || block.metrics.join(', ') || '(no metric)'}`;
    case 'artifactReference':
      return `Artifact: ${block.artifactName || '(unnamed)'}${block.version ? ` v${block.version}` : block.alias ? ` @${block.alias}` : ''}`;
  }
}

/** A comma-separated list as typed into a field: trimmed, no empties, no duplicates. */
export function parseList(text: string): string[] {
  return [...new Set(text.split(',').map((part) => part.trim()).filter((part) => part !== ''))];
}

/**
 * The blocks a report made from picked runs starts with: a note, a chart of the first loss-like metric they logged
 * (else none), and a table of the runs.
 */
export function blocksFromRuns(runIds: string[], metrics: readonly string[], id: () => string = newBlockId): Block[] {
  const metric = metrics.find((m) => /loss/i.test(m) && !m.startsWith('system/')) ?? metrics.find((m) => !m.startsWith('system/'));
  const runSet = { runIds };
  const blocks: Block[] = [{ id: id(), type: 'markdown', text: `These ${runIds.length} runs, side by side.` }];
  if (metric) {
    blocks.push({ id: id(), type: 'lineChart', title: metric, runSet, metrics: [metric], xAxis: 'step', mode: 'LTTB', points: 250 });
  }
  blocks.push({
    id: id(),
    type: 'runsTable',
    title: 'Runs',
    runSet,
    columns: ['name', 'state', 'started_at', ...(metric ? [`metrics.${metric}`] : [])],
  });
  return blocks;
}
