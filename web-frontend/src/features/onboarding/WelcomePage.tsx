import { useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { Problem } from '../../components/Problem.tsx';
import { SecretOnce } from '../../components/SecretOnce.tsx';
import { SnippetBlock } from '../../components/SnippetBlock.tsx';
import { allPages, api, data } from '../../lib/api/typed.ts';
import type { components } from '../../lib/api/generated/runledger.ts';
import { useProjects } from '../../lib/projects.ts';
import { useSession } from '../../lib/session.ts';
import { expiryFrom } from '../../lib/snippets.ts';
import { firstRunSnippets } from './snippets.ts';
import { slugError, slugFrom } from './slug.ts';
import './onboarding.css';

type IssuedKey = components['schemas']['IssuedKeyView'];

/**
 * Getting started in an organisation (/welcome, where a new organisation lands): a first project, a first API key
 * (its secret shown once), the lines that log a first run into that project from MLflow or the native API, and the
 * way to invite the team. Each step reads as done from the server's state, so the page can be left and reopened.
 */
export function WelcomePage() {
  const session = useSession();
  const organisation = session.data?.kind === 'signedIn' ? session.data.organisation : undefined;
  const callerId = organisation?.caller?.id;
  const projects = useProjects();
  const keys = useQuery({
    queryKey: ['onboarding', 'keys'],
    queryFn: async ({ signal }) =>
      allPages(async (cursor) =>
        data(await api.GET('/api/v1/api-keys', { params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } }, signal })),
      ),
  });
  const [issued, setIssued] = useState<IssuedKey | undefined>(undefined);
  const project = projects.data?.[0];
  const ownKeys = (keys.data ?? []).filter((k) => k.holder?.id === callerId && !k.revokedAt);
  return (
    <div className="page onboarding">
      <Breadcrumbs items={[{ label: organisation?.slug ?? '' }, { label: 'Getting started' }]} />
      <h1>Getting started{organisation ? ` with ${organisation.name}` : ''}</h1>
      <p className="lead">Three steps to your first chart. Viewers are free and unlimited: you pay for the data you log, never for seats.</p>
      <ol className="steps">
        <Step n={1} title="Create a project" done={Boolean(project)}>
          {projects.isError ? <Problem error={projects.error} what="Projects" /> : null}
          {project ? (
            <p>
              <Link to="/projects/$projectId" params={{ projectId: project.id! }}>
                {project.name}
              </Link>{' '}
              <span className="mono muted">{project.slug}</span> holds your runs. MLflow clients also create projects: one per experiment.
            </p>
          ) : (
            <CreateProject />
          )}
        </Step>
        <Step n={2} title="Create an API key for your training jobs" done={ownKeys.length > 0 || issued !== undefined}>
          {issued ? (
            <SecretOnce issued={issued} onDone={() => setIssued(undefined)} />
          ) : ownKeys.length > 0 ? (
            <p>
              You have {ownKeys.length === 1 ? 'a key' : `${ownKeys.length} keys`} ({ownKeys.map((k) => k.prefix).join(', ')}…).
              Manage keys in <Link to="/admin/api-keys">Settings → API keys</Link>.
            </p>
          ) : (
            <CreateKey onIssued={setIssued} />
          )}
        </Step>
        <Step n={3} title="Log your first run" done={false}>
          <SnippetBlock snippets={firstRunSnippets(window.location.origin, project, issued?.secret)} />
          <p className="muted">Runs appear in the project as soon as they start; running ones update live.</p>
        </Step>
        <Step n={4} title="Invite your team" done={false}>
          <p>
            Invite people by e-mail in <Link to="/admin/members">Settings → Members</Link>, with a role: viewers read
            everything and cost nothing.
          </p>
        </Step>
      </ol>
    </div>
  );
}

function Step({ n, title, done, children }: { n: number; title: string; done: boolean; children: React.ReactNode }) {
  return (
    <li className={`step${done ? ' done' : ''}`} aria-label={`Step ${n}: ${title}${done ? ' (done)' : ''}`}>
      <span className="step-mark" aria-hidden="true">
        {done ? '✓' : n}
      </span>
      <div className="step-body">
        <h2>{title}</h2>
        {children}
      </div>
    </li>
  );
}

function CreateProject() {
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const create = useMutation({
    mutationFn: async (body: { name: string; slug: string }) => data(await api.POST('/api/v1/projects', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['projects'] }),
  });
  const slug = slugFrom(name);
  const problem = touched ? (name.trim() === '' ? 'Give the project a name.' : slugError(slug)) : undefined;
  return (
    <form
      className="onboarding-form inline"
      aria-label="New project"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (name.trim() === '' || slugError(slug)) return;
        create.mutate({ name: name.trim(), slug });
      }}
    >
      <label htmlFor="project-name">Project name</label>
      <div className="row">
        <input
          id="project-name"
          value={name}
          placeholder="e.g. image classification"
          aria-invalid={Boolean(problem)}
          onChange={(event) => {
            setName(event.target.value);
            create.reset();
          }}
        />
        <button type="submit" className="button primary" disabled={create.isPending}>
          Create project
        </button>
      </div>
      {name ? <p className="hint">Short name: <span className="mono">{slug || '–'}</span></p> : null}
      {problem ? <p className="field-error" role="alert">{problem}</p> : null}
      {create.isError ? <Problem error={create.error} what="Creating the project" /> : null}
    </form>
  );
}

function CreateKey({ onIssued }: { onIssued: (issued: IssuedKey) => void }) {
  const client = useQueryClient();
  const [name, setName] = useState('training jobs');
  const issue = useMutation({
    mutationFn: async () =>
      data(
        await api.POST('/api/v1/api-keys', {
          body: { name: name.trim() || 'training jobs', role: 'MEMBER', expiresAt: expiryFrom(90)! },
        }),
      ),
    onSuccess: (issued) => {
      onIssued(issued);
      void client.invalidateQueries({ queryKey: ['onboarding', 'keys'] });
      void client.invalidateQueries({ queryKey: ['admin'] });
    },
  });
  return (
    <form
      className="onboarding-form inline"
      aria-label="New API key"
      onSubmit={(event) => {
        event.preventDefault();
        issue.mutate();
      }}
    >
      <label htmlFor="key-name">Key name</label>
      <div className="row">
        <input id="key-name" value={name} onChange={(event) => setName(event.target.value)} />
        <button type="submit" className="button primary" disabled={issue.isPending}>
          Create key
        </button>
      </div>
      <p className="hint">A member key that expires in 90 days; its secret is shown once.</p>
      {issue.isError ? <Problem error={issue.error} what="Creating the key" /> : null}
    </form>
  );
}
