import { describe, expect, it } from 'vitest';
import { firstRunSnippets } from './snippets.ts';

describe('first-run snippets', () => {
  it('fill in this server, the new project and the key on screen', () => {
    const [mlflow, native] = firstRunSnippets('https://rl.example/', { id: 'p-1', name: 'Vision' }, 'rl_secret');
    expect(mlflow!.text).toContain('MLFLOW_TRACKING_URI=https://rl.example\n');
    expect(mlflow!.text).toContain('MLFLOW_TRACKING_TOKEN=rl_secret');
    expect(mlflow!.text).toContain('mlflow.set_experiment("Vision")');
    expect(native!.text).toContain('https://rl.example/api/v1/projects/p-1/runs');
    expect(native!.text).toContain('Bearer rl_secret');
  });

  it('use placeholders until there is a project and a key', () => {
    const [mlflow, native] = firstRunSnippets('http://127.0.0.1:8080', undefined, undefined);
    expect(mlflow!.text).toContain('MLFLOW_TRACKING_TOKEN=<your API key>');
    expect(native!.text).toContain('/api/v1/projects/<project id>/runs');
  });
});
