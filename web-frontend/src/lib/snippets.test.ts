import { describe, expect, it } from 'vitest';
import { expiryFrom, keySnippets } from './snippets.ts';

describe('the snippets shown with a new key', () => {
  it('point MLflow at the bare origin (its client adds /api/2.0/mlflow) with the key as token', () => {
    const mlflow = keySnippets('https://runledger.example.com/', 'rl_abc_def').find((s) => s.id === 'mlflow')!;
    expect(mlflow.text).toContain('export MLFLOW_TRACKING_URI=https://runledger.example.com\n');
    expect(mlflow.text).toContain('export MLFLOW_TRACKING_TOKEN=rl_abc_def');
  });

  it('call the native API with the key as a bearer token', () => {
    const curl = keySnippets('http://127.0.0.1:8082', 'rl_abc_def').find((s) => s.id === 'curl')!;
    expect(curl.text).toBe('curl -H "Authorization: Bearer rl_abc_def" http://127.0.0.1:8082/api/v1/projects');
  });

  it('turn an expiry choice into an instant that many days ahead, and never into none', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(expiryFrom(30, now)).toBe('2026-12-31T10:00:00.000Z');
    expect(expiryFrom(undefined, now)).toBeUndefined();
  });
});
