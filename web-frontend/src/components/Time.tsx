import { formatAbsolute, formatRelative } from '../lib/format.ts';

/** A relative time (`5 min ago`) with the absolute UTC time on hover. */
export function RelativeTime({ iso }: { iso: string | null | undefined }) {
  if (!iso) return null;
  return (
    <time dateTime={iso} title={formatAbsolute(iso)}>
      {formatRelative(iso)}
    </time>
  );
}
