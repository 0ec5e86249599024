import { useState, type ReactNode } from 'react';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { BreadcrumbSlot } from '../components/Breadcrumbs.tsx';
import { Problem } from '../components/Problem.tsx';
import { Skeleton } from '../components/Skeleton.tsx';
import { csrfToken } from '../lib/api/typed.ts';
import { useProjects } from '../lib/projects.ts';
import { useMemberships, useSession, type Organisation } from '../lib/session.ts';
import { chooseOrganisation } from '../lib/api/organisation.ts';
import { SignInCard } from '../components/SignInCard.tsx';
import { signOut } from '../lib/signIn.ts';
import { CreateOrganisation } from '../features/onboarding/CreateOrganisation.tsx';
import { NotificationsBell } from '../features/notifications/NotificationsBell.tsx';
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
  else if (session.data.kind === 'noOrganisation') content = <CreateOrganisation first />;
  else content = <Outlet />;

  const organisation = session.data?.kind === 'signedIn' ? session.data.organisation : undefined;
  return (
    <BreadcrumbSlot.Provider value={slot}>
      <div className={`shell${collapsed ? ' collapsed' : ''}${session.data && session.data.kind !== 'signedIn' ? ' signed-out' : ''}`}>
        <aside className="sidebar" aria-label="Navigation">
          <OrganisationSwitcher organisation={organisation} />
          {organisation ? <Navigation role={organisation.caller?.role} /> : null}
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
          {organisation ? <NotificationsBell session={session.data} /> : null}
          {organisation ? <UserMenu organisation={organisation} /> : null}
        </header>
        <main className="content" id="main">
          {content}
        </main>
      </div>
    </BreadcrumbSlot.Provider>
  );
}

/**
 * The organisation at the top of the sidebar; for a person in several, a menu to switch (their role in each shown).
 * Switching reloads the start page: every cached answer belongs to the organisation it was asked in.
 */
function OrganisationSwitcher({ organisation }: { organisation: Organisation | undefined }) {
  const memberships = useMemberships(organisation?.caller?.kind === 'USER');
  const current = (
    <>
      <span className="org-mark" aria-hidden="true">
        {(organisation?.name ?? 'R').charAt(0).toUpperCase()}
      </span>
      <span className="org-name">{organisation?.name ?? 'Runledger'}</span>
    </>
  );
  const title = organisation ? `${organisation.name} (${organisation.slug})` : 'Runledger';
  if (!organisation || (memberships.data?.length ?? 0) < 2) {
    return <div className="org" title={title}>{current}</div>;
  }
  return (
    <MenuTrigger>
      <Button className="org org-switch" aria-label={`Organisation: ${organisation.name}. Switch organisation`}>
        {current}
        <span className="org-chevron" aria-hidden="true">▾</span>
      </Button>
      <Popover placement="bottom start" className="menu-popover">
        <div className="menu-header">Switch organisation</div>
        <Menu
          aria-label="Organisations"
          onAction={(slug) => {
            if (slug === organisation.slug) return;
            chooseOrganisation(String(slug));
            window.location.assign('/');
          }}
        >
          {memberships.data!.map((m) => (
            <MenuItem key={m.slug} id={m.slug!} textValue={m.name!}>
              <span className="org-option">
                <span>{m.name}</span>
                <span className="muted">{m.role?.toLowerCase()}{m.slug === organisation.slug ? ' · current' : ''}</span>
              </span>
            </MenuItem>
          ))}
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}

function Navigation({ role }: { role: string | undefined }) {
  const projects = useProjects();
  const path = useRouterState({ select: (state) => state.location.pathname });
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
      <Link to="/reports" className="nav" activeProps={{ className: 'nav active' }}>
        <span aria-hidden="true">▤</span>
        <span className="nav-label">Reports</span>
      </Link>
      <div className="section">Organisation</div>
      <Link to="/models" className="nav" activeProps={{ className: 'nav active' }}>
        <span aria-hidden="true">◆</span>
        <span className="nav-label">Models</span>
      </Link>
      <Link to="/admin" className="nav" activeProps={{ className: 'nav active' }}>
        <span aria-hidden="true">⚙</span>
        <span className="nav-label">Settings</span>
      </Link>
      {role === 'ADMIN' || role === 'OWNER' ? (
        <Link to="/usage" className={/^\/(usage|budgets|billing)(\/|$)/.test(path) ? 'nav active' : 'nav'}>
          <span aria-hidden="true">◔</span>
          <span className="nav-label">Usage &amp; billing</span>
        </Link>
      ) : null}
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
            if (key === 'signout') signOut(csrfToken());
            if (key === 'neworg') window.location.assign('/organisations/new');
          }}
        >
          <MenuItem id="theme">Theme: {theme} (switch)</MenuItem>
          <MenuItem id="neworg">Create an organisation</MenuItem>
          <MenuItem id="signout">Sign out</MenuItem>
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
