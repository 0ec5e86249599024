import { Link } from '@tanstack/react-router';

/** A project's sections, above its pages: the runs workspace and the artifacts. */
export function ProjectTabs({ projectId, current }: { projectId: string; current: 'runs' | 'artifacts' }) {
  return (
    <nav className="project-tabs" aria-label="Project">
      <Link
        to="/projects/$projectId"
        params={{ projectId }}
        className={`project-tab${current === 'runs' ? ' active' : ''}`}
        aria-current={current === 'runs' ? 'page' : undefined}
        activeOptions={{ exact: true, includeSearch: false }}
      >
        Runs
      </Link>
      <Link
        to="/projects/$projectId/artifacts"
        params={{ projectId }}
        className={`project-tab${current === 'artifacts' ? ' active' : ''}`}
        aria-current={current === 'artifacts' ? 'page' : undefined}
      >
        Artifacts
      </Link>
    </nav>
  );
}
