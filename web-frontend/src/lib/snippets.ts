/**
 * The copy-paste lines shown once with a new API key: MLflow's environment variables (the server speaks MLflow's
 * REST API under `/api/2.0/mlflow`, so the tracking URI is the bare origin: the MLflow client adds the path) and a
 * curl call of the native API.
 */
export type Snippet = { id: string; label: string; text: string };

export function keySnippets(origin: string, secret: string): Snippet[] {
  const base = origin.replace(/\/+$/, '');
  return [
    {
      id: 'mlflow',
      label: 'MLflow (existing scripts, unchanged)',
      text: `export MLFLOW_TRACKING_URI=${base}\nexport MLFLOW_TRACKING_TOKEN=${secret}\npython train.py`,
    },
    {
      id: 'curl',
      label: 'Native API (curl)',
      text: `curl -H "Authorization: Bearer ${secret}" ${base}/api/v1/projects`,
    },
  ];
}

/** An ISO instant `days` from `now` (the expiry picker's choices), or undefined for a key that never expires. */
export function expiryFrom(days: number | undefined, now: number = Date.now()): string | undefined {
  if (days === undefined) return undefined;
  return new Date(now + days * 86_400_000).toISOString();
}

export const EXPIRY_CHOICES: { days: number | undefined; label: string }[] = [
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
  { days: undefined, label: 'Never' },
];
