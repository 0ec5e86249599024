import { Markdown } from '../../components/Markdown.tsx';
import { blockLabel, conflictRows, draftOf, type Draft } from './editing.ts';
import { formatInstant } from './format.ts';
import type { Block, ReportView } from './types.ts';

/**
 * A version conflict (409): someone saved while these changes were being made. Both versions side by side, block by
 * block; the person keeps theirs or mine, or merges by copying their blocks (or title, description) into mine and
 * then saving mine. Autosave waits meanwhile.
 */
export function ConflictPanel({
  theirs,
  mine,
  person,
  onCopyBlock,
  onCopyField,
  onKeepMine,
  onTakeTheirs,
}: {
  theirs: ReportView;
  mine: Draft;
  person: (actor: string | undefined) => string;
  onCopyBlock: (id: string) => void;
  onCopyField: (field: 'title' | 'description') => void;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const their = draftOf(theirs);
  const rows = conflictRows(their, mine);
  return (
    <section className="conflict" role="region" aria-label="Version conflict">
      <h3>Someone else saved this report meanwhile</h3>
      <p>
        Version {theirs.version} was saved by {person(theirs.updatedBy)} {formatInstant(theirs.updatedAt)}; your changes
        are not saved yet. Keep yours, take theirs, or copy parts of theirs into yours and then save yours.
      </p>
      <div className="conflict-actions">
        <button type="button" className="button primary" onClick={onKeepMine}>
          Save mine over theirs
        </button>
        <button type="button" className="button" onClick={onTakeTheirs}>
          Discard mine, take theirs
        </button>
      </div>
      <table className="conflict-table">
        <thead>
          <tr>
            <th scope="col">Theirs (version {theirs.version})</th>
            <th scope="col">Yours (unsaved)</th>
            <th scope="col">
              <span className="visually-hidden">Copy</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <FieldRow name="Title" theirs={their.title} mine={mine.title} onCopy={() => onCopyField('title')} />
          <FieldRow name="Description" theirs={their.description} mine={mine.description} onCopy={() => onCopyField('description')} />
          {rows.map((row) => (
            <tr key={row.id} className={row.same ? 'same' : 'differs'}>
              <td>{row.theirs ? <BlockSummary block={row.theirs} /> : <span className="muted">(not in theirs)</span>}</td>
              <td>{row.mine ? <BlockSummary block={row.mine} /> : <span className="muted">(not in yours)</span>}</td>
              <td>
                {row.same ? (
                  <span className="muted">same</span>
                ) : row.theirs ? (
                  <button type="button" className="button small" onClick={() => onCopyBlock(row.id)}>
                    Copy theirs into mine
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function FieldRow({ name, theirs, mine, onCopy }: { name: string; theirs: string; mine: string; onCopy: () => void }) {
  const same = theirs === mine;
  return (
    <tr className={same ? 'same' : 'differs'}>
      <td>
        <span className="muted">{name}:</span> {theirs || '—'}
      </td>
      <td>
        <span className="muted">{name}:</span> {mine || '—'}
      </td>
      <td>
        {same ? (
          <span className="muted">same</span>
        ) : (
          <button type="button" className="button small" onClick={onCopy} aria-label={`Copy their ${name.toLowerCase()} into mine`}>
            Copy theirs into mine
          </button>
        )}
      </td>
    </tr>
  );
}

function BlockSummary({ block }: { block: Block }) {
  if (block.type === 'markdown') {
    return (
      <div className="conflict-markdown">
        <Markdown text={block.text.length > 400 ? `${block.text.slice(0, 400)}…` : block.text} />
      </div>
    );
  }
  return <span>{blockLabel(block)}</span>;
}
