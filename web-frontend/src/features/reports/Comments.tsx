import { useState, type FormEvent } from 'react';
import { postComment, toLoadFailure } from './api.ts';
import { formatInstant } from './format.ts';
import { failureText } from './ReportPage.tsx';
import type { Block, Comment } from './types.ts';
import type { Load } from './load.ts';

/**
 * Comments on a report, oldest first, with the block each one is about. Comment bodies are plain text (shown
 * as text, never as markup). Posting needs the session's CSRF token, which postComment sends.
 */
export function Comments({
  reportId,
  blocks,
  comments,
  onPosted,
}: {
  reportId: string;
  blocks: Block[];
  comments: Load<Comment[]>;
  onPosted: (comment: Comment) => void;
}) {
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
                <p className="comment-body">{comment.body}</p>
              </li>
            ))}
          </ol>
        )
      ) : null}
      <CommentForm reportId={reportId} onPosted={onPosted} />
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

function CommentForm({ reportId, onPosted }: { reportId: string; onPosted: (comment: Comment) => void }) {
  const [body, setBody] = useState('');
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'posting' } | { kind: 'failed'; message: string }>({
    kind: 'idle',
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (body.trim() === '') return;
    setState({ kind: 'posting' });
    try {
      onPosted(await postComment(reportId, body));
      setBody('');
      setState({ kind: 'idle' });
    } catch (error) {
      setState({ kind: 'failed', message: failureText(toLoadFailure(error), 'data') });
    }
  }

  return (
    <form className="comment-form" onSubmit={submit}>
      <label>
        Add a comment
        <textarea value={body} onChange={(event) => setBody(event.target.value)} maxLength={10000} rows={3} />
      </label>
      <button type="submit" disabled={state.kind === 'posting' || body.trim() === ''}>
        {state.kind === 'posting' ? 'Posting…' : 'Comment'}
      </button>
      {state.kind === 'failed' ? <p role="alert">The comment was not posted: {state.message}</p> : null}
    </form>
  );
}
