import type { Snippet } from '../lib/snippets.ts';
import { CopyButton } from './CopyButton.tsx';
import './SecretOnce.css';

/** Copy-paste lines under their label, each with its own Copy button (a new key's lines, the first run's lines). */
export function SnippetBlock({ snippets }: { snippets: Snippet[] }) {
  return (
    <>
      {snippets.map((snippet) => (
        <div key={snippet.id} className="snippet">
          <div className="snippet-head">
            <span>{snippet.label}</span>
            <CopyButton text={snippet.text} />
          </div>
          <pre aria-label={snippet.label}>{snippet.text}</pre>
        </div>
      ))}
    </>
  );
}
