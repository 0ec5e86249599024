/**
 * An empty project teaches the two ways to log (UI.md "States that teach"): MLflow's environment variables and
 * the native API, with this server's URL and this project filled in.
 */
export function EmptyProject({ projectId }: { projectId: string }) {
  const origin = window.location.origin;
  return (
    <section className="empty-state runs-empty" aria-labelledby="empty-title">
      <h2 id="empty-title">No runs in this project yet</h2>
      <p>Log from an existing MLflow script without changing it (use a member API key as the token):</p>
      <pre>{`export MLFLOW_TRACKING_URI=${origin}
export MLFLOW_TRACKING_TOKEN=<your API key>
python train.py`}</pre>
      <p>or with the native API (columnar batches, idempotent with a batchId):</p>
      <pre>{`curl -H "Authorization: Bearer <your API key>" -H 'Content-Type: application/json' \\
  -d '{"name": "resnet-1", "config": {"optimizer": {"lr": 0.001}}}' \\
  ${origin}/api/v1/projects/${projectId}/runs`}</pre>
      <p className="muted">Runs appear here as soon as they start; running ones update live.</p>
    </section>
  );
}
