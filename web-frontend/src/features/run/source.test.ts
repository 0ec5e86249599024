import { describe, expect, it } from 'vitest';
import { commandPieces, shortCommit, sourceFacts, SOURCE_TAG_KEYS } from './source.ts';

describe('source facts', () => {
  it('reads Runledger tags first and MLflow system tags otherwise, in display order', () => {
    const facts = sourceFacts({
      'mlflow.source.git.commit': 'aaaa',
      'git.commit': 'bbbb',
      command: 'python train.py',
      host: 'gpu-01',
      'mlflow.user': 'alice',
      stage: 'dev',
    });
    expect(facts).toEqual([
      { label: 'Host', key: 'host', value: 'gpu-01' },
      { label: 'Command', key: 'command', value: 'python train.py' },
      { label: 'Git commit', key: 'git.commit', value: 'bbbb' },
      { label: 'Client user', key: 'mlflow.user', value: 'alice' },
    ]);
  });

  it('shows nothing for a run that logged none of them, or logged them empty', () => {
    expect(sourceFacts({ stage: 'dev', host: '  ' })).toEqual([]);
    expect(sourceFacts(undefined)).toEqual([]);
  });

  it('takes an MLflow run its entry point and commit', () => {
    const facts = sourceFacts({ 'mlflow.source.name': 'finetune.py', 'mlflow.source.git.commit': 'c0ffee' });
    expect(facts.map((f) => f.label)).toEqual(['Entry point', 'Git commit']);
    expect(SOURCE_TAG_KEYS.has('mlflow.source.type')).toBe(true);
    expect(SOURCE_TAG_KEYS.has('stage')).toBe(false);
  });

  it('shortens a full hash to 10 characters and leaves anything else alone', () => {
    expect(shortCommit('0123456789abcdef0123456789abcdef01234567')).toBe('0123456789');
    expect(shortCommit('v1.2')).toBe('v1.2');
  });
});

describe('a long command', () => {
  it('breaks only after spaces, slashes, equals signs and commas, and its pieces join back to the command', () => {
    const command = 'python -m eval --checkpoint s3://bucket/ckpt/epoch-030/model.safetensors --severity=1,2,3';
    const pieces = commandPieces(command);
    expect(pieces.join('')).toBe(command);
    expect(pieces).toContain('model.safetensors ');
    expect(pieces).toContain('epoch-030/');
    expect(pieces).toContain('--severity=');
    expect(pieces.slice(-3)).toEqual(['1,', '2,', '3']);
    for (const piece of pieces) expect(piece).not.toMatch(/[ /=,][^ /=,]/);
    expect(commandPieces('')).toEqual([]);
  });
});
