import { useState, type ReactNode } from 'react';
import { Link, Outlet } from '@tanstack/react-router';
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { BreadcrumbSlot } from '../components/Breadcrumbs.tsx';
import { Problem } from '../components/Problem.tsx';
import { Skeleton } from '../components/Skeleton.tsx';
import { csrfToken } from '../lib/api/typed.ts';
import { useProjects } from '../lib/projects.ts';
import { useSession, type Organisation } from '../lib/session.ts';
import { SignInCard } from '../components/SignInCard.tsx';
import { CommandPalette } from './CommandPalette.tsx';
import { useTheme } from './theme.ts';

/**
 * The app shell (UI.md "The shell"): the organisation and navigation on the left, breadcrumbs and the user menu on
 * top, the page in the middle. Signed out, every page but a share link asks to sign in first.
 */
export function Shell() {
  const session = useSession();
  const [slot, setSlot] = useState<HTMLElement | null>(null);
  const [collapsed, setCollapsed] = useState(false);

  let content: ReactNode;
  if (session.isPending) content = <div className="page"><Skeleton width={240} height={20} /></div>;
  else if (session.isError) content = <div className="page"><Problem error={session.error} /></div>;
  else if (session.data.kind === 'signedOut') content = <SignInCard />;
  else content = <Outlet />;

  const organisation = session.data?.kind === 'signedIn' ? session.data.organisation : undefined;
  return (
    <BreadcrumbSlot.Provider value={slot}>
      <div className={`shell${collapsed ? ' collapsed' : ''}${session.data?.kind === 'signedOut' ? ' signed-out' : ''}`}>
        <aside className="sidebar" aria-label="Navigation">
          <OrganisationSwitcher organisation={organisation} />
          {organisation ? <Navigation /> : null}
          <span className="spacer" />
          <button
            type="button"
            className="button collapse"
            aria-pressed={collapsed}
            aria-label={collapsed ? 'Expand the sidebar' : 'Collapse the sidebar'}
            onClick={() => setCollapsed((c) => !c)}
          >
            {collapsed ? '»' : '«'}
          </button>
        </aside>
        <header className="topbar">
          <div ref={setSlot} className="breadcrumb-slot" style={{ flex: 1, minWidth: 0 }} />
          {organisation ? <CommandPalette /> : null}
          {organisation ? <UserMenu organisation={organisation} /> : null}
        </header>
        <main className="content" id="main">
          {content}
        </main>
      </div>
    </BreadcrumbSlot.Provider>
  );
}

/** One organisation per session today; a person in several picks it at sign-in (X-Runledger-Organization). */
function OrganisationSwitcher({ organisation }: { organisation: Organisation | undefined }) {
  return (
    <div className="org" title={organisation ? `${organisation.name} (${organisation.slug})` : 'Runledger'}>
      <span className="org-mark" aria-hidden="true">
        {(organisation?.name ?? 'R').charAt(0).toUpperCase()}
      </span>
      <span className="org-name">{organisation?.name ?? 'Runledger'}</span>
    </div>
  );
}

function Navigation() {
  const projects = useProjects();
  return (
    <nav aria-label="Main">
      <Link to="/" className="nav" activeOptions={{ exact: true }} activeProps={{ className: 'nav active' }}>
        <span aria-hidden="true">▦</span>
        <span className="nav-label">Projects</span>
      </Link>
      <div className="section">Projects</div>
      {(projects.data ?? []).map((project) => (
        <Link
          key={project.id}
          to="/projects/$projectId"
          params={{ projectId: project.id! }}
          className="nav"
          activeProps={{ className: 'nav active' }}
        >
          <span aria-hidden="true">#</span>
          <span className="nav-label">{project.name}</span>
        </Link>
      ))}
    </nav>
  );
}

function UserMenu({ organisation }: { organisation: Organisation }) {
  const [theme, setTheme] = useTheme();
  const who = organisation.caller?.id ?? '';
  return (
    <MenuTrigger>
      <Button className="user-menu-button" aria-label="Account">
        {organisation.caller?.role?.toLowerCase() ?? 'account'} ▾
      </Button>
      <Popover placement="bottom end" className="menu-popover">
        <div className="menu-header">
          Signed in to <b>{organisation.slug}</b> as {organisation.caller?.role?.toLowerCase()} <span className="mono">{who.slice(0, 8)}</span>
        </div>
        <Menu
          aria-label="Account"
          onAction={(key) => {
            if (key === 'theme') setTheme(theme === 'dark' ? 'light' : theme === 'light' ? 'system' : 'dark');
            if (key === 'signout') signOut();
          }}
        >
          <MenuItem id="theme">Theme: {theme} (switch)</MenuItem>
          <MenuItem id="signout">Sign out</MenuItem>
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}

/** Spring Security's logout is a POST with the CSRF token; a form post lets the browser follow Keycloak's logout. */
function signOut() {
  const form = document.createElement('form');
  form.method = 'post';
  form.action = '/logout';
  const token = csrfToken();
  if (token) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = '_csrf';
    input.value = token;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
}
