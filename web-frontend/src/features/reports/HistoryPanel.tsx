import { useQuery } from '@tanstack/react-query';
import { Problem } from '../../components/Problem.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { listVersions } from './editorApi.ts';
import { formatInstant } from './format.ts';
import { versionsKey } from './useReportEditor.ts';

/**
 * The report's versions, newest first. Restoring one saves its content as the next version (nothing is lost: the
 * version restored over stays in the history). Only with nothing unsaved, so a restore never drops a pending edit.
 */
export function HistoryPanel({
  reportId,
  current,
  canRestore,
  person,
  onRestore,
}: {
  reportId: string;
  current: number;
  canRestore: boolean;
  person: (actor: string | undefined) => string;
  onRestore: (version: number) => void;
}) {
  const versions = useQuery({ queryKey: versionsKey(reportId), queryFn: ({ signal }) => listVersions(reportId, signal) });
  return (
    <section className="side-panel" aria-label="Version history">
      <h3>Version history</h3>
      {versions.isPending ? (
        <>
          <Skeleton height={28} />
          <Skeleton height={28} />
        </>
      ) : versions.isError ? (
        <Problem error={versions.error} what="The history could not be loaded" />
      ) : (
        <ol className="version-list">
          {[...versions.data].sort((a, b) => (b.version ?? 0) - (a.version ?? 0)).map((v) => (
            <li key={v.version}>
              <div>
                <strong>Version {v.version}</strong>
                {v.version === current ? <span className="chip">current</span> : null}
                {v.restoredFrom ? <span className="muted"> · restored from {v.restoredFrom}</span> : null}
              </div>
              <div className="muted small">
                {person(v.savedBy)} · {v.savedAt ? formatInstant(v.savedAt) : ''}
              </div>
              <div className="muted small">{v.title}</div>
              {v.version !== current ? (
                <button
                  type="button"
                  className="button small"
                  disabled={!canRestore}
                  title={canRestore ? undefined : 'Wait until your changes are saved'}
                  onClick={() => onRestore(v.version!)}
                >
                  Restore version {v.version}
                </button>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
