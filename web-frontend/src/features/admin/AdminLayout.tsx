import { Link, Outlet } from '@tanstack/react-router';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { useSession } from '../../lib/session.ts';
import { isAdmin } from './roles.ts';
import './admin.css';

/**
 * `/admin/*`: the organisation's settings, one sub-page (and URL) each. Members are readable by everyone; the other
 * pages are for admins and owners (the API answers 403 to others), so their tabs are not offered to other roles, and a
 * pasted link shows a plain "only admins" state.
 */
const SECTIONS = [
  { to: '/admin/members', label: 'Members', adminOnly: false },
  { to: '/admin/api-keys', label: 'API keys', adminOnly: true },
  { to: '/admin/service-accounts', label: 'Service accounts', adminOnly: true },
  { to: '/admin/identity-providers', label: 'Identity providers', adminOnly: true },
  { to: '/admin/audit-log', label: 'Audit log', adminOnly: true },
] as const;

export function AdminLayout() {
  const session = useSession();
  const organisation = session.data?.kind === 'signedIn' ? session.data.organisation : undefined;
  const admin = isAdmin(organisation?.caller?.role);
  return (
    <div className="page admin-page">
      <Breadcrumbs items={[{ label: organisation?.slug ?? '', to: '/' }, { label: 'Settings' }]} />
      <h1>Organisation settings</h1>
      <p className="lead">
        {organisation?.name}: who belongs to it, how scripts sign in, and what happened.
        {admin ? null : ' You can see the members; admins and owners manage the rest.'}
      </p>
      <nav className="admin-tabs" aria-label="Settings">
        {SECTIONS.filter((s) => admin || !s.adminOnly).map((s) => (
          <Link key={s.to} to={s.to} className="admin-tab" activeProps={{ className: 'admin-tab active', 'aria-current': 'page' }}>
            {s.label}
          </Link>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}
