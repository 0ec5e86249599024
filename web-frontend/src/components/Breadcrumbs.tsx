import { createContext, useContext, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Link } from '@tanstack/react-router';

/** Where the shell's top bar wants breadcrumbs drawn; pages portal theirs into it. */
export const BreadcrumbSlot = createContext<HTMLElement | null>(null);

export type Crumb = { label: string; to?: string; params?: Record<string, string> };

/**
 * A page says where it is (`acme / vision / runs`); the shell draws it in the top bar. The last crumb is the
 * current page and is not a link.
 */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  const slot = useContext(BreadcrumbSlot);
  if (!slot) return null;
  const crumbs: ReactNode[] = [];
  items.forEach((item, i) => {
    if (i > 0) crumbs.push(<span key={`s${i}`} className="sep" aria-hidden="true">/</span>);
    const last = i === items.length - 1;
    crumbs.push(
      last || !item.to ? (
        <span key={i} className={last ? 'current' : undefined} aria-current={last ? 'page' : undefined} title={item.label}>
          {item.label}
        </span>
      ) : (
        // The crumbs' targets are plain paths of our own routes.
        <Link key={i} to={item.to as never} params={item.params as never}>
          {item.label}
        </Link>
      ),
    );
  });
  return createPortal(<nav aria-label="Breadcrumbs" className="breadcrumbs">{crumbs}</nav>, slot);
}
