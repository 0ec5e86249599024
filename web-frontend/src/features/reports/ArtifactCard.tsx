import { artifactFileUrl, sharedArtifactFileUrl } from './api.ts';
import { formatBytes } from '../../lib/format.ts';
import { formatInstant } from './format.ts';
import type { ArtifactData, ArtifactFile, ArtifactReferenceBlock, ResolvedArtifact } from './types.ts';

/** How many hex digits of a file's SHA-256 the card shows (the full value is its title). */
const SHORT_SHA = 12;

/**
 * An artifact block. Before /data answers (or when it failed, or an older server sent nothing for the block) it is
 * the reference as written; once resolved, a card with the committed version and its files as download links; a
 * reference that no longer resolves says so. Everything is text: names, descriptions and paths are user input.
 *
 * `shareToken` set means the page is a share link: files download through the link (by block, no credentials,
 * no referrer); otherwise through the artifacts API with the member's session.
 */
export function ArtifactReference({
  block,
  data,
  shareToken,
}: {
  block: ArtifactReferenceBlock;
  data: ArtifactData | undefined;
  shareToken: string | undefined;
}) {
  if (data === undefined) {
    return (
      <p className="artifact-reference">
        <span className="label">Artifact</span> <code>{block.artifactName}</code> <span>{asked(block)}</span>
      </p>
    );
  }
  if (!data.artifact) {
    return (
      <p className="artifact-reference artifact-missing">
        artifact <code>{data.artifactName}</code> ({data.ref}) is not available
      </p>
    );
  }
  return <ArtifactCard block={block} data={data} artifact={data.artifact} shareToken={shareToken} />;
}

/** Which reference the block asked for: its version, else its alias, else the latest version. */
function asked(block: ArtifactReferenceBlock, ref?: string): string {
  if (block.version !== undefined) return `version ${ref ?? block.version}`;
  if (block.alias !== undefined) return `alias ${ref ?? block.alias}`;
  return ref ?? 'latest';
}

function ArtifactCard({
  block,
  data,
  artifact,
  shareToken,
}: {
  block: ArtifactReferenceBlock;
  data: ArtifactData;
  artifact: ResolvedArtifact;
  shareToken: string | undefined;
}) {
  const count = artifact.files.length;
  return (
    <div className="panel artifact-card">
      <h3>
        <span className="label">Artifact</span> <code>{artifact.name}</code>{' '}
        <span className="artifact-version">v{artifact.version}</span>
      </h3>
      <p className="panel-meta">
        {artifact.type} · asked for {asked(block, data.ref)} · {formatBytes(artifact.totalBytes)} in {count}{' '}
        {count === 1 ? 'file' : 'files'} · committed {formatInstant(artifact.committedAt)}
      </p>
      {artifact.description ? <p className="artifact-description">{artifact.description}</p> : null}
      {count === 0 ? (
        <p className="empty">This version has no files.</p>
      ) : (
        <div className="table-scroll">
          <table className="artifact-files">
            <thead>
              <tr>
                <th scope="col">file</th>
                <th scope="col">size</th>
                <th scope="col">sha256</th>
              </tr>
            </thead>
            <tbody>
              {artifact.files.map((file) => (
                <tr key={file.path}>
                  <td>
                    <FileLink file={file} blockId={data.blockId} artifact={artifact} shareToken={shareToken} />
                  </td>
                  <td className="number" title={`${file.size} bytes`}>
                    {formatBytes(file.size)}
                  </td>
                  <td>
                    <code title={file.sha256}>{file.sha256.slice(0, SHORT_SHA)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/**
 * A plain same-origin download link; the server answers the bytes as an attachment. On a share link the anchor
 * also sends no referrer, so the token in the page's URL goes nowhere but the Runledger API.
 */
function FileLink({
  file,
  blockId,
  artifact,
  shareToken,
}: {
  file: ArtifactFile;
  blockId: string;
  artifact: ResolvedArtifact;
  shareToken: string | undefined;
}) {
  let href: string;
  try {
    href =
      shareToken !== undefined
        ? sharedArtifactFileUrl(shareToken, blockId, file.path)
        : artifactFileUrl(artifact.artifactId, artifact.version, file.path);
  } catch {
    // encodeURIComponent throws on a lone surrogate: such a path cannot be asked for, so show it unlinked.
    return <span>{file.path}</span>;
  }
  return shareToken !== undefined ? (
    <a href={href} download rel="noreferrer" referrerPolicy="no-referrer">
      {file.path}
    </a>
  ) : (
    <a href={href} download>
      {file.path}
    </a>
  );
}
