import { Link } from '@tanstack/react-router';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { Problem } from '../../components/Problem.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { useProjects } from '../../lib/projects.ts';
import { useSession } from '../../lib/session.ts';

/** `/` signed in: the organisation's projects, each a door to its runs. */
export function StartPage() {
  const session = useSession();
  const projects = useProjects();
  const org = session.data?.kind === 'signedIn' ? session.data.organisation : undefined;
  return (
    <div className="page">
      <Breadcrumbs items={[{ label: org?.slug ?? '' }, { label: 'Projects' }]} />
      <h1>Projects</h1>
      <p className="lead">
        {org ? `${org.name}'s projects.` : ''} Open one to see its runs, compare them and follow training live.
      </p>
      {projects.isPending ? (
        <ul className="project-list" aria-busy="true" aria-label="Loading projects">
          {[0, 1, 2].map((i) => (
            <li key={i} className="project-card">
              <Skeleton width="40%" height={16} />
              <Skeleton width="80%" height={12} className="gap" />
            </li>
          ))}
        </ul>
      ) : projects.isError ? (
        <Problem error={projects.error} what="Projects" />
      ) : projects.data.length === 0 ? (
        <div className="empty-state">
          <h2>No projects yet</h2>
          <p>
            Create one with the API (an owner or admin key): <code className="mono">POST /api/v1/projects</code> with a
            slug and a name; the MLflow client creates one too when it creates an experiment.
          </p>
        </div>
      ) : (
        <ul className="project-list" aria-label="Projects">
          {projects.data.map((project) => (
            <li key={project.id}>
              <Link className="project-card" to="/projects/$projectId" params={{ projectId: project.id! }}>
                <div className="name">{project.name}</div>
                <div className="slug mono">{project.slug}</div>
                {project.description ? <div className="description">{project.description}</div> : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
