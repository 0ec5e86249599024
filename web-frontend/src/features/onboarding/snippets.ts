import type { Snippet } from '../../lib/snippets.ts';

/**
 * The lines that log a first run into a project: MLflow's client unchanged (the experiment of a project's name logs
 * into that project) and the native API (create a run, then send a batch of points). The key's secret is filled in
 * while it is on screen, else a placeholder.
 */
export function firstRunSnippets(
  origin: string,
  project: { id?: string; name?: string } | undefined,
  secret: string | undefined,
): Snippet[] {
  const base = origin.replace(/\/+$/, '');
  const key = secret ?? '<your API key>';
  // A project is the MLflow experiment of the same name.
  const experiment = project?.name ?? 'my-project';
  const projectId = project?.id ?? '<project id>';
  return [
    {
      id: 'mlflow',
      label: 'Python, with the MLflow client you already use',
      text: `export MLFLOW_TRACKING_URI=${base}
export MLFLOW_TRACKING_TOKEN=${key}
python - <<'PY'
import mlflow
mlflow.set_experiment("${experiment}")
with mlflow.start_run(run_name="first-run"):
    mlflow.log_param("lr", 0.001)
    for step in range(100):
        mlflow.log_metric("loss", 1 / (step + 1), step=step)
PY`,
    },
    {
      id: 'native',
      label: 'Native API (curl)',
      text: `RUN=$(curl -s -H "Authorization: Bearer ${key}" -H 'Content-Type: application/json' \\
  -d '{"name": "first-run", "config": {"lr": 0.001}}' ${base}/api/v1/projects/${projectId}/runs | sed 's/.*"id":"\\([^"]*\\)".*/\\1/')
curl -H "Authorization: Bearer ${key}" -H 'Content-Type: application/json' \\
  -d '{"series": [{"key": "loss", "steps": [0, 1, 2], "values": [1.0, 0.5, 0.33]}]}' ${base}/api/v1/runs/$RUN/metrics`,
    },
  ];
}
