/** A placeholder shaped like the content it stands for, so nothing jumps when the data arrives. */
export function Skeleton({ width = '100%', height = 14, className = '' }: { width?: number | string; height?: number; className?: string }) {
  return <span aria-hidden="true" className={`skeleton ${className}`} style={{ display: 'block', width, height }} />;
}
