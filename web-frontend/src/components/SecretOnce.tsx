import type { components } from '../lib/api/generated/runledger.ts';
import { keySnippets } from '../lib/snippets.ts';
import { CopyButton } from './CopyButton.tsx';
import { SnippetBlock } from './SnippetBlock.tsx';
import './SecretOnce.css';

type IssuedKey = components['schemas']['IssuedKeyView'];

/** The one time a key's secret is shown: copy it, and the lines that use it, before closing. */
export function SecretOnce({ issued, onDone }: { issued: IssuedKey; onDone: () => void }) {
  const secret = issued.secret ?? '';
  return (
    <section className="secret-once" aria-labelledby="secret-title" role="region">
      <h3 id="secret-title">
        Key “{issued.key?.name}” created: copy its secret now
      </h3>
      <p>
        This is the only time the secret is shown. Runledger keeps only a hash of it; if you lose it, revoke the key and
        create another.
      </p>
      <div className="secret-row">
        <code className="mono secret" aria-label="API key secret">
          {secret}
        </code>
        <CopyButton text={secret} label="Copy key" />
      </div>
      <SnippetBlock snippets={keySnippets(window.location.origin, secret)} />
      <button type="button" className="button primary" onClick={onDone}>
        I have copied it
      </button>
    </section>
  );
}
