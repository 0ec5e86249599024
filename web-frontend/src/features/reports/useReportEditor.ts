import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../lib/api/client.ts';
import { describeProblem } from '../../components/Problem.tsx';
import { fetchReport } from './api.ts';
import {
  copyTheirBlock,
  copyTheirField,
  draftOf,
  hasProblems,
  problemsOfDetail,
  sameDraft,
  validateDraft,
  type Draft,
  type Problems,
} from './editing.ts';
import { restoreVersion, saveReport } from './editorApi.ts';
import { reportKeys } from './queries.ts';
import type { ReportView } from './types.ts';

/** How long the editor waits after the last change before it saves. */
export const AUTOSAVE_MS = 800;

export type SaveState =
  | { kind: 'saved' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  /** The client's own checks failed: nothing is sent until the draft is fixed. */
  | { kind: 'invalid'; problems: Problems }
  /** The server refused this draft (its problem detail, placed at the field it names); the next change saves again. */
  | { kind: 'failed'; problems: Problems }
  /** Someone saved in between (409): both versions are shown until the person picks or merges. */
  | { kind: 'conflict'; theirs: ReportView };

export const versionsKey = (reportId: string) => ['report', reportId, 'versions'] as const;
export const shareLinksKey = (reportId: string) => ['report', reportId, 'share-links'] as const;

/**
 * The editor's state: the draft, the version it is based on, and autosave. A change is saved AUTOSAVE_MS after the
 * last one, with the version it was made on (PUT); one save at a time, and changes made while a save is on its way
 * are saved after it. A 409 stops autosaving and keeps both versions until resolved.
 */
export function useReportEditor(report: ReportView) {
  const queryClient = useQueryClient();
  const reportId = report.id;
  const [draft, setDraft] = useState<Draft>(() => draftOf(report));
  const [base, setBase] = useState<ReportView>(report);
  const [state, setState] = useState<SaveState>({ kind: 'saved' });
  /** The content of `base` as this editor last sent or took it: what "no unsaved changes" compares with. */
  const saved = useRef<Draft>(draftOf(report));
  /** The draft the server last refused: not sent again until it changes. */
  const refused = useRef<Draft | undefined>(undefined);
  const latest = useRef({ draft, base });
  latest.current = { draft, base };

  const adopt = useCallback(
    (view: ReportView, content: Draft) => {
      saved.current = content;
      setBase(view);
      queryClient.setQueryData(reportKeys.report(reportId), view);
      void queryClient.invalidateQueries({ queryKey: reportKeys.data(reportId) });
      void queryClient.invalidateQueries({ queryKey: versionsKey(reportId) });
    },
    [queryClient, reportId],
  );

  const conflict = useCallback(async () => {
    try {
      setState({ kind: 'conflict', theirs: await fetchReport(reportId) });
    } catch (error) {
      setState({ kind: 'failed', problems: { blocks: {}, report: describeProblem(error).detail } });
    }
  }, [reportId]);

  const save = useCallback(async () => {
    const { draft: sending, base: on } = latest.current;
    setState({ kind: 'saving' });
    try {
      const view = await saveReport(reportId, on.version, sending);
      refused.current = undefined;
      adopt(view, sending);
      setState({ kind: 'saved' });
    } catch (error) {
      if (isApiError(error) && error.status === 409) return conflict();
      refused.current = sending;
      const detail = isApiError(error) && error.status === 400 ? error.detail : describeProblem(error).detail;
      setState({ kind: 'failed', problems: problemsOfDetail(detail, sending) });
    }
  }, [adopt, conflict, reportId]);

  useEffect(() => {
    if (state.kind === 'conflict' || state.kind === 'saving') return;
    if (sameDraft(draft, saved.current)) {
      if (state.kind !== 'saved') setState({ kind: 'saved' });
      return;
    }
    if (refused.current && sameDraft(draft, refused.current)) return;
    const problems = validateDraft(draft);
    if (hasProblems(problems)) {
      setState({ kind: 'invalid', problems });
      return;
    }
    if (state.kind !== 'dirty') setState({ kind: 'dirty' });
    const timer = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [draft, state.kind, save]);

  const edit = useCallback((change: (draft: Draft) => Draft) => setDraft((current) => change(current)), []);

  /** Conflict: keep my draft (with whatever was copied from theirs) and save it over their version. */
  const keepMine = useCallback(() => {
    if (state.kind !== 'conflict') return;
    const theirs = state.theirs;
    saved.current = draftOf(theirs);
    setBase(theirs);
    setState({ kind: 'dirty' });
  }, [state]);

  /** Conflict: drop my changes and continue from their version. */
  const takeTheirs = useCallback(() => {
    if (state.kind !== 'conflict') return;
    const theirs = state.theirs;
    refused.current = undefined;
    adopt(theirs, draftOf(theirs));
    setDraft(draftOf(theirs));
    setState({ kind: 'saved' });
  }, [adopt, state]);

  const copyBlock = useCallback(
    (blockId: string) => {
      if (state.kind === 'conflict') edit((d) => copyTheirBlock(d, draftOf(state.theirs), blockId));
    },
    [edit, state],
  );

  const copyField = useCallback(
    (field: 'title' | 'description') => {
      if (state.kind === 'conflict') edit((d) => copyTheirField(d, draftOf(state.theirs), field));
    },
    [edit, state],
  );

  /** Saves an old version's content as the next version; only with nothing unsaved. */
  const restore = useCallback(
    async (version: number) => {
      setState({ kind: 'saving' });
      try {
        const view = await restoreVersion(reportId, version, latest.current.base.version);
        const content = draftOf(view);
        adopt(view, content);
        setDraft(content);
        setState({ kind: 'saved' });
      } catch (error) {
        if (isApiError(error) && error.status === 409) return conflict();
        setState({ kind: 'failed', problems: { blocks: {}, report: describeProblem(error).detail } });
      }
    },
    [adopt, conflict, reportId],
  );

  return { draft, base, state, edit, keepMine, takeTheirs, copyBlock, copyField, restore };
}

export type ReportEditorState = ReturnType<typeof useReportEditor>;
