import { api, data } from './api/typed.ts';
import { toApiError } from './api/client.ts';
import { withOrganisation } from './api/organisation.ts';

/**
 * Files up to this size are fetched through the app and saved from memory; larger ones are handed to the browser as a
 * short-lived presigned URL of the object store (the bytes then never pass through the app or the page's memory).
 */
export const IN_MEMORY_LIMIT = 64 * 1024 * 1024;

/** The API address of one file of a committed artifact version (what a script or curl would fetch). */
export const artifactFileUrl = (artifactId: string, version: number | string, path: string) =>
  `/api/v1/artifacts/${encodeURIComponent(artifactId)}/versions/${encodeURIComponent(String(version))}/file?path=${encodeURIComponent(path)}`;

/** The name a saved file gets: the last segment of its path in the version. */
export const fileName = (path: string) => path.split('/').filter(Boolean).pop() ?? 'download';

/**
 * Downloads one file of an artifact version in the organisation the person works in. A plain link cannot: it carries
 * the session cookie but not the `X-Runledger-Organization` header, so for a person in several organisations the
 * server would not know which one's artifact is meant. Small files are fetched with the header (`proxy=true`: through
 * the app, never a cross-origin redirect) and saved; large ones ask for a presigned URL (with the header) and let the
 * browser fetch that.
 */
export async function downloadArtifactFile(artifactId: string, version: number, path: string, size: number | undefined) {
  if ((size ?? 0) > IN_MEMORY_LIMIT) {
    const answer = data(
      await api.GET('/api/v1/artifacts/{artifactId}/versions/{version}/file-url', {
        params: { path: { artifactId, version: String(version) }, query: { path } },
      }),
    );
    window.location.assign(String(answer.url));
    return;
  }
  const response = await fetch(`${artifactFileUrl(artifactId, version, path)}&proxy=true`, {
    credentials: 'same-origin',
    headers: withOrganisation(new Headers()),
  });
  if (!response.ok) throw await toApiError(response);
  saveBlob(await response.blob(), fileName(path));
}

/** Saves a blob under a name through a temporary object URL and a clicked `download` link. */
export function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
