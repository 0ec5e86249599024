import { useState } from 'react';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { Problem } from '../../components/Problem.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { RelativeTime } from '../../components/Time.tsx';
import { patchSearch } from '../../lib/searchParams.ts';
import { useSession } from '../../lib/session.ts';
import { useModels } from './api.ts';
import './models.css';

const route = getRouteApi('/shell/models');

const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : undefined);

/**
 * The organisation's MLflow model registry: registered models by name (search in the URL), each with its newest
 * version, its stages and aliases. Models belong to the organisation, not to a project (as in MLflow).
 */
export function ModelsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const session = useSession();
  const org = session.data?.kind === 'signedIn' ? (session.data.organisation.slug ?? '') : '';
  const [text, setText] = useState(search.q ?? '');
  const models = useModels(search.q);
  return (
    <div className="page models-page">
      <Breadcrumbs items={[{ label: org, to: '/' }, { label: 'models' }]} />
      <div className="models-head">
        <h1>Models</h1>
        <span className="muted">The organisation’s MLflow model registry</span>
      </div>
      <div className="models-toolbar">
        <input
          type="search"
          className="models-search"
          aria-label="Search models by name"
          placeholder="Search by name"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            navigate({ search: (prev) => patchSearch(prev, { q: event.target.value.trim() || undefined }), replace: true });
          }}
        />
        <span className="muted count" aria-live="polite">
          {models.data ? `${models.data.models.length}${models.data.more ? '+' : ''} models` : ''}
        </span>
      </div>
      {models.isPending ? (
        <div aria-busy="true" aria-label="Loading models" className="models-skeleton">
          {Array.from({ length: 4 }, (_, i) => <Skeleton key={i} height={22} width={`${90 - i * 8}%`} />)}
        </div>
      ) : models.isError ? (
        <Problem error={models.error} what="Models" />
      ) : models.data.models.length === 0 ? (
        search.q ? (
          <div className="empty-state"><p>No model has “{search.q}” in its name. <Link to="." search={{}}>Show all models</Link></p></div>
        ) : (
          <div className="empty-state">
            <h2>No registered models yet</h2>
            <p>Register a model from a run with the MLflow client, pointed at this server with an API key:</p>
            <pre>{`export MLFLOW_TRACKING_URI=${window.location.origin}
export MLFLOW_TRACKING_TOKEN=<your API key>
# in Python, after logging a model in a run:
mlflow.register_model(f"runs:/{run.info.run_id}/model", "my-model")`}</pre>
          </div>
        )
      ) : (
        <table className="models-table">
          <thead>
            <tr>
              <th scope="col">name</th>
              <th scope="col">latest version</th>
              <th scope="col">stages</th>
              <th scope="col">aliases</th>
              <th scope="col">description</th>
              <th scope="col">updated</th>
            </tr>
          </thead>
          <tbody>
            {models.data.models.map((model) => {
              const latest = [...(model.latest_versions ?? [])].sort((a, b) => Number(b.version) - Number(a.version));
              return (
                <tr key={model.name}>
                  <th scope="row" className="ellipsis" title={model.name}>
                    <Link to="/models/$modelName" params={{ modelName: model.name }} search={{}} className="mono">{model.name}</Link>
                  </th>
                  <td className="mono">{latest[0] ? `v${latest[0].version}` : '—'}</td>
                  <td>
                    {latest.filter((v) => v.current_stage && v.current_stage !== 'None').map((v) => (
                      <span key={v.version} className={`stage stage-${(v.current_stage ?? '').toLowerCase()}`}>{v.current_stage} v{v.version}</span>
                    ))}
                  </td>
                  <td>
                    {(model.aliases ?? []).map((a) => <span key={a.alias} className="chip">{a.alias} → v{a.version}</span>)}
                  </td>
                  <td className="muted ellipsis" title={model.description}>{model.description}</td>
                  <td className="muted"><RelativeTime iso={iso(model.last_updated_timestamp)} /></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
