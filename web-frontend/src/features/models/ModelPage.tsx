import { useState, type FormEvent } from 'react';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Markdown } from '../../components/Markdown.tsx';
import { Problem, describeProblem } from '../../components/Problem.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { RelativeTime } from '../../components/Time.tsx';
import { isApiError } from '../../lib/api/client.ts';
import { useSession } from '../../lib/session.ts';
import {
  useDeleteModelAlias,
  useDeleteModelTag,
  useDeleteModelVersion,
  useDeleteVersionTag,
  useModel,
  useModelVersions,
  useSetModelAlias,
  useSetModelTag,
  useSetVersionTag,
  useTransitionStage,
  useUpdateDescription,
} from './api.ts';
import { modelAliasError, runUuid, STAGES, tagKeyError, type MlflowTag, type ModelVersion } from './mlflow.ts';
import './models.css';

const route = getRouteApi('/shell/models/$modelName');
const WRITERS = new Set(['OWNER', 'ADMIN', 'MEMBER']);
const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : undefined);
const detailOf = (error: unknown) => (isApiError(error) && error.detail ? error.detail : describeProblem(error).detail);

/**
 * A registered model: its description and tags, its aliases, and its versions (stage, aliases, source run, status,
 * tags). Members edit all of it (MLflow's write permission); viewers read. The open version (`v`) is in the URL.
 */
export function ModelPage() {
  const { modelName } = route.useParams();
  const search = route.useSearch();
  const session = useSession();
  const role = session.data?.kind === 'signedIn' ? session.data.organisation.caller?.role : undefined;
  const canEdit = WRITERS.has(role ?? '');
  const org = session.data?.kind === 'signedIn' ? (session.data.organisation.slug ?? '') : '';
  const model = useModel(modelName);
  const versions = useModelVersions(modelName);
  const open = versions.data?.find((v) => v.version === search.v) ?? versions.data?.[0];
  const setTag = useSetModelTag(modelName);
  const deleteTag = useDeleteModelTag(modelName);
  return (
    <div className="page model-page">
      <Breadcrumbs items={[{ label: org, to: '/' }, { label: 'models', to: '/models' }, { label: modelName }]} />
      {model.isPending ? (
        <div aria-busy="true" aria-label="Loading the model">
          <Skeleton width={300} height={24} />
          <div style={{ height: 12 }} />
          <Skeleton height={140} />
        </div>
      ) : model.isError ? (
        <Problem error={model.error} what="Model" />
      ) : (
        <>
          <header className="model-head">
            <h1 className="mono">{model.data.name}</h1>
            <span className="muted">
              registered <RelativeTime iso={iso(model.data.creation_timestamp)} /> · updated <RelativeTime iso={iso(model.data.last_updated_timestamp)} />
            </span>
          </header>
          <Description name={modelName} text={model.data.description ?? ''} canEdit={canEdit} />
          <div className="model-grid">
            <section aria-labelledby="model-versions-title">
              <h2 id="model-versions-title">Versions</h2>
              {versions.isPending ? <Skeleton height={80} /> : versions.isError ? <Problem error={versions.error} what="Versions" /> : (
                <VersionsTable name={modelName} versions={versions.data} open={open?.version} canEdit={canEdit} />
              )}
              {open ? <VersionPanel name={modelName} version={open} canEdit={canEdit} /> : null}
            </section>
            <aside className="model-side">
              <Aliases name={modelName} aliases={model.data.aliases ?? []} versions={versions.data ?? []} canEdit={canEdit} />
              <Tags
                title="Tags"
                idPrefix="model-tag"
                tags={model.data.tags ?? []}
                canEdit={canEdit}
                setTag={setTag}
                deleteTag={deleteTag}
                toSet={(key, value) => ({ key, value })}
                toDelete={(key) => key}
              />
            </aside>
          </div>
        </>
      )}
    </div>
  );
}

function Description({ name, text, canEdit }: { name: string; text: string; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(text);
  const update = useUpdateDescription(name);
  if (!editing) {
    return (
      <div className="model-description">
        {text ? <Markdown text={text} /> : <p className="muted">No description.</p>}
        {canEdit ? (
          <button type="button" className="button small" onClick={() => { setDraft(text); update.reset(); setEditing(true); }}>
            Edit description
          </button>
        ) : null}
      </div>
    );
  }
  return (
    <form
      className="model-description editing"
      onSubmit={(event) => {
        event.preventDefault();
        update.mutate(draft, { onSuccess: () => setEditing(false) });
      }}
    >
      <label htmlFor="model-description">Description (Markdown)</label>
      <textarea id="model-description" rows={4} value={draft} onChange={(event) => setDraft(event.target.value)} />
      {update.isError ? <span className="field-error" role="alert">{detailOf(update.error)}</span> : null}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={update.isPending}>Save</button>
        <button type="button" className="button" onClick={() => setEditing(false)}>Cancel</button>
      </div>
    </form>
  );
}

function VersionsTable({ name, versions, open, canEdit }: { name: string; versions: ModelVersion[]; open: string | undefined; canEdit: boolean }) {
  const transition = useTransitionStage(name);
  const remove = useDeleteModelVersion(name);
  const [confirm, setConfirm] = useState<string | null>(null);
  const [archive, setArchive] = useState(false);
  if (versions.length === 0) return <p className="muted">No versions yet: register one from a run with <code>mlflow.register_model</code>.</p>;
  return (
    <>
      {canEdit ? (
        <label className="toggle small archive-toggle">
          <input type="checkbox" checked={archive} onChange={(event) => setArchive(event.target.checked)} />
          Moving a version to Staging or Production archives the versions there
        </label>
      ) : null}
      <table className="models-table">
        <thead>
          <tr>
            <th scope="col">version</th>
            <th scope="col">stage</th>
            <th scope="col">aliases</th>
            <th scope="col">source run</th>
            <th scope="col">status</th>
            <th scope="col">tags</th>
            <th scope="col">created</th>
            {canEdit ? <th scope="col"><span className="visually-hidden">Actions</span></th> : null}
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => {
            const run = runUuid(v.run_id);
            return (
              <tr key={v.version} className={v.version === open ? 'open' : undefined} aria-current={v.version === open ? 'true' : undefined}>
                <th scope="row" className="mono">
                  <Link to="." search={{ v: v.version }} replace>v{v.version}</Link>
                </th>
                <td>
                  {canEdit ? (
                    <select
                      aria-label={`Stage of version ${v.version}`}
                      value={v.current_stage ?? 'None'}
                      disabled={transition.isPending}
                      onChange={(event) => transition.mutate({ version: v.version, stage: event.target.value, archive: archive && (event.target.value === 'Staging' || event.target.value === 'Production') })}
                    >
                      {STAGES.map((s) => <option key={s} value={s}>{s}</option>)}
                    </select>
                  ) : (
                    <span className={`stage stage-${(v.current_stage ?? 'none').toLowerCase()}`}>{v.current_stage ?? 'None'}</span>
                  )}
                </td>
                <td>{(v.aliases ?? []).map((a) => <span key={a} className="chip">{a}</span>)}</td>
                <td className="ellipsis">
                  {run ? <Link to="/runs/$runId" params={{ runId: run }} className="mono" title={v.source}>{v.run_id?.slice(0, 8)}</Link> : <span className="mono muted" title={v.source}>{v.source}</span>}
                </td>
                <td><span className={`status status-${(v.status ?? '').toLowerCase()}`} title={v.status_message}>{(v.status ?? '').replace(/_/g, ' ').toLowerCase()}</span></td>
                <td className="ellipsis">{(v.tags ?? []).map((t) => <span key={t.key} className="chip" title={`${t.key}=${t.value}`}>{t.key}={t.value}</span>)}</td>
                <td className="muted"><RelativeTime iso={iso(v.creation_timestamp)} /></td>
                {canEdit ? (
                  <td className="row-actions">
                    <button type="button" className="button small" aria-label={`Delete version ${v.version}`} onClick={() => { remove.reset(); setConfirm(v.version); }}>
                      Delete
                    </button>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
      {transition.isError ? <p className="field-error" role="alert">{detailOf(transition.error)}</p> : null}
      {confirm !== null ? (
        <ConfirmDialog
          title={`Delete version ${confirm} of ${name}?`}
          body={<p>MLflow deletes a model version for good: its stage, aliases and tags go with it. The run and its files stay.</p>}
          confirmLabel={`Delete version ${confirm}`}
          pending={remove.isPending}
          error={remove.error}
          onClose={() => setConfirm(null)}
          onConfirm={() => remove.mutate(confirm, { onSuccess: () => setConfirm(null) })}
        />
      ) : null}
    </>
  );
}

/** The open version: where it came from, its description, and its tags (members set and delete them). */
function VersionPanel({ name, version, canEdit }: { name: string; version: ModelVersion; canEdit: boolean }) {
  const setTag = useSetVersionTag(name);
  const deleteTag = useDeleteVersionTag(name);
  return (
    <div className="version-panel">
      <h3>
        Version {version.version} <span className="muted">· {version.current_stage ?? 'None'}</span>
      </h3>
      <dl className="facts">
        <dt>source</dt>
        <dd className="mono">{version.source}</dd>
        {version.description ? (<><dt>description</dt><dd>{version.description}</dd></>) : null}
        <dt>registered by</dt>
        <dd className="mono">{version.user_id}</dd>
      </dl>
      <Tags
        title={`Tags of version ${version.version}`}
        idPrefix="version-tag"
        tags={version.tags ?? []}
        canEdit={canEdit}
        setTag={setTag}
        deleteTag={deleteTag}
        toSet={(key, value) => ({ version: version.version, key, value })}
        toDelete={(key) => ({ version: version.version, key })}
      />
    </div>
  );
}

function Aliases({ name, aliases, versions, canEdit }: { name: string; aliases: { alias: string; version: string }[]; versions: ModelVersion[]; canEdit: boolean }) {
  const set = useSetModelAlias(name);
  const remove = useDeleteModelAlias(name);
  const [alias, setAlias] = useState('');
  const [target, setTarget] = useState<string | undefined>(undefined);
  const [touched, setTouched] = useState(false);
  const chosen = target ?? versions[0]?.version;
  const error = (touched ? modelAliasError(alias) : undefined) ?? (set.isError ? detailOf(set.error) : undefined);
  return (
    <section className="side-panel" aria-labelledby="model-aliases-title">
      <h2 id="model-aliases-title">Aliases</h2>
      {aliases.length === 0 ? <p className="muted small">No aliases. An alias (champion, challenger) names one version for code to load: <code>models:/{name}@champion</code>.</p> : (
        <ul className="kv-list">
          {aliases.map((a) => (
            <li key={a.alias}>
              <span className="chip">{a.alias}</span>
              {canEdit ? (
                <select aria-label={`Version of alias ${a.alias}`} value={a.version} disabled={set.isPending} onChange={(event) => set.mutate({ alias: a.alias, version: event.target.value })}>
                  {versions.map((v) => <option key={v.version} value={v.version}>v{v.version}</option>)}
                </select>
              ) : <span className="mono">v{a.version}</span>}
              {canEdit ? <button type="button" className="button small" aria-label={`Remove alias ${a.alias}`} onClick={() => remove.mutate(a.alias)}>Remove</button> : null}
            </li>
          ))}
        </ul>
      )}
      {remove.isError ? <p className="field-error" role="alert">{detailOf(remove.error)}</p> : null}
      {canEdit && versions.length > 0 ? (
        <form
          className="inline-form"
          noValidate
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            setTouched(true);
            if (modelAliasError(alias) || !chosen) return;
            set.mutate({ alias: alias.trim(), version: chosen }, { onSuccess: () => { setAlias(''); setTouched(false); } });
          }}
        >
          <label htmlFor="model-alias">Set an alias</label>
          <div className="row">
            <input id="model-alias" value={alias} placeholder="champion" aria-invalid={Boolean(error)} aria-describedby={error ? 'model-alias-error' : undefined} onChange={(event) => { setAlias(event.target.value); set.reset(); }} />
            <select aria-label="Version for the alias" value={chosen} onChange={(event) => setTarget(event.target.value)}>
              {versions.map((v) => <option key={v.version} value={v.version}>v{v.version}</option>)}
            </select>
            <button type="submit" className="button" disabled={set.isPending}>Set</button>
          </div>
          {error ? <span id="model-alias-error" className="field-error" role="alert">{error}</span> : null}
        </form>
      ) : null}
    </section>
  );
}

type TagWrite<S, D> = {
  mutate: (input: S, options?: { onSuccess?: () => void }) => void;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  reset: () => void;
} & { _delete?: D };

function Tags<S, D>({ title, idPrefix, tags, canEdit, setTag, deleteTag, toSet, toDelete }: {
  title: string;
  idPrefix: string;
  tags: MlflowTag[];
  canEdit: boolean;
  setTag: TagWrite<S, never>;
  deleteTag: { mutate: (input: D) => void; isError: boolean; error: unknown };
  toSet: (key: string, value: string) => S;
  toDelete: (key: string) => D;
}) {
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [touched, setTouched] = useState(false);
  const error = (touched ? tagKeyError(key) : undefined) ?? (setTag.isError ? detailOf(setTag.error) : undefined);
  return (
    <section className="side-panel" aria-label={title}>
      <h2>{title}</h2>
      {tags.length === 0 ? <p className="muted small">No tags.</p> : (
        <ul className="kv-list">
          {tags.map((t) => (
            <li key={t.key}>
              <span className="mono tag-key">{t.key}</span>
              <span className="mono tag-value" title={t.value}>{t.value}</span>
              {canEdit ? <button type="button" className="button small" aria-label={`Delete tag ${t.key}`} onClick={() => deleteTag.mutate(toDelete(t.key))}>Delete</button> : null}
            </li>
          ))}
        </ul>
      )}
      {deleteTag.isError ? <p className="field-error" role="alert">{detailOf(deleteTag.error)}</p> : null}
      {canEdit ? (
        <form
          className="inline-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setTouched(true);
            if (tagKeyError(key)) return;
            setTag.mutate(toSet(key.trim(), value), { onSuccess: () => { setKey(''); setValue(''); setTouched(false); } });
          }}
        >
          <label htmlFor={`${idPrefix}-key`}>Set a tag</label>
          <div className="row">
            <input id={`${idPrefix}-key`} placeholder="key" value={key} aria-invalid={Boolean(error)} onChange={(event) => { setKey(event.target.value); setTag.reset(); }} />
            <input aria-label="Tag value" placeholder="value" value={value} onChange={(event) => setValue(event.target.value)} />
            <button type="submit" className="button" disabled={setTag.isPending}>Set</button>
          </div>
          {error ? <span className="field-error" role="alert">{error}</span> : null}
        </form>
      ) : null}
    </section>
  );
}
