import { useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { postComment, toLoadFailure } from './api.ts';
import { formatInstant } from './format.ts';
import { failureText } from './ReportPage.tsx';
import type { Block, Comment } from './types.ts';
import type { Load } from './load.ts';
import { insertMention, matchMembers, mentionAt, mentionParts, type Mentionable } from './mentions.ts';

/**
 * Comments on a report, oldest first, with the block each one is about. Comment bodies are plain text (shown
 * as text, never as markup; mentions of members highlighted). Typing `@` offers the organisation's members (↑/↓ to
 * choose, Enter or Tab to take one, Escape to close). Posting needs the session's CSRF token, which postComment sends.
 */
export function Comments({
  reportId,
  blocks,
  comments,
  onPosted,
  members = [],
}: {
  reportId: string;
  blocks: Block[];
  comments: Load<Comment[]>;
  onPosted: (comment: Comment) => void;
  members?: readonly Mentionable[];
}) {
  const emails = useMemo(() => new Set(members.map((m) => m.email.toLowerCase())), [members]);
  return (
    <section className="comments" aria-label="Comments">
      <h3>Comments</h3>
      {comments.kind === 'loading' ? <p role="status">Loading comments…</p> : null}
      {comments.kind === 'failed' ? (
        <p role="alert">The comments could not be loaded: {failureText(comments.failure, 'data')}</p>
      ) : null}
      {comments.kind === 'loaded' ? (
        comments.value.length === 0 ? (
          <p className="empty">No comments yet.</p>
        ) : (
          <ol className="comment-list">
            {comments.value.map((comment) => (
              <li key={comment.id}>
                <p className="comment-meta">
                  <strong>{comment.author}</strong> · {formatInstant(comment.createdAt)}
                  {comment.blockId ? ` · on ${blockName(blocks, comment.blockId)}` : ''}
                </p>
                <p className="comment-body">
                  {mentionParts(comment.body, emails).map((part, i) =>
                    'mention' in part ? (
                      <span key={i} className="mention">
                        @{part.mention}
                      </span>
                    ) : (
                      part.text
                    ),
                  )}
                </p>
              </li>
            ))}
          </ol>
        )
      ) : null}
      <CommentForm reportId={reportId} onPosted={onPosted} members={members} />
    </section>
  );
}

function blockName(blocks: Block[], blockId: string): string {
  const block = blocks.find((candidate) => candidate.id === blockId);
  if (!block) return 'a block that was removed';
  if (block.type === 'markdown') return 'a text block';
  if (block.type === 'artifactReference') return `artifact ${block.artifactName}`;
  return block.title ? `“${block.title}”` : `a ${block.type} panel`;
}

function CommentForm({
  reportId,
  onPosted,
  members,
}: {
  reportId: string;
  onPosted: (comment: Comment) => void;
  members: readonly Mentionable[];
}) {
  const [body, setBody] = useState('');
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [closedAt, setClosedAt] = useState<number | undefined>(undefined);
  const area = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'posting' } | { kind: 'failed'; message: string }>({
    kind: 'idle',
  });
  const typing = mentionAt(body, caret);
  const options = typing && typing.start !== closedAt ? matchMembers(members, typing.query) : [];
  const open = options.length > 0;

  function take(member: Mentionable) {
    if (!typing) return;
    const next = insertMention(body, typing.start, caret, member.email);
    setBody(next.text);
    setCaret(next.caret);
    requestAnimationFrame(() => area.current?.setSelectionRange(next.caret, next.caret));
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!open) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      take(options[Math.min(active, options.length - 1)]!);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setClosedAt(typing?.start);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (body.trim() === '') return;
    setState({ kind: 'posting' });
    try {
      onPosted(await postComment(reportId, body));
      setBody('');
      setCaret(0);
      setState({ kind: 'idle' });
    } catch (error) {
      setState({ kind: 'failed', message: failureText(toLoadFailure(error), 'data') });
    }
  }

  return (
    <form className="comment-form" onSubmit={submit}>
      <label>
        Add a comment {members.length > 0 ? <span className="muted">(type @ to mention someone)</span> : null}
        <textarea
          ref={area}
          value={body}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={open ? listId : undefined}
          aria-activedescendant={open ? `${listId}-${Math.min(active, options.length - 1)}` : undefined}
          onChange={(event) => {
            setBody(event.target.value);
            setCaret(event.target.selectionStart);
            setActive(0);
          }}
          onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          maxLength={10000}
          rows={3}
        />
      </label>
      {open ? (
        <ul id={listId} role="listbox" aria-label="Members to mention" className="mention-list">
          {options.map((member, i) => (
            <li
              key={member.email}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === Math.min(active, options.length - 1)}
              onMouseDown={(event) => {
                event.preventDefault();
                take(member);
              }}
            >
              <strong>{member.name}</strong> <span className="muted">{member.email}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <button type="submit" className="button" disabled={state.kind === 'posting' || body.trim() === ''}>
        {state.kind === 'posting' ? 'Posting…' : 'Comment'}
      </button>
      {state.kind === 'failed' ? <p role="alert">The comment was not posted: {state.message}</p> : null}
    </form>
  );
}
