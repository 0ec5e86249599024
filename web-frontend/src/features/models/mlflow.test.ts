import { describe, expect, it } from 'vitest';
import { mlflowError, modelAliasError, nameFilter, newestFirst, runUuid, tagKeyError, versionsOf } from './mlflow.ts';

describe('the MLflow protocol helpers', () => {
  it('searches names containing the text, ignoring case, with quotes and wildcards taken literally', () => {
    expect(nameFilter('  ')).toBeUndefined();
    expect(nameFilter('res')).toBe("name ILIKE '%res%'");
    expect(nameFilter("o'k_50%")).toBe("name ILIKE '%o''k\\_50\\%%'");
  });

  it('filters a model’s versions by its exact name', () => {
    expect(versionsOf("it's")).toBe("name = 'it''s'");
  });

  it('orders versions newest first by number, not by text', () => {
    expect(newestFirst([{ name: 'm', version: '2' }, { name: 'm', version: '10' }, { name: 'm', version: '1' }]).map((v) => v.version)).toEqual([
      '10',
      '2',
      '1',
    ]);
  });

  it('turns MLflow’s 32-digit run id into the run page’s UUID, and refuses anything else', () => {
    expect(runUuid('0123456789abcdef0123456789ABCDEF')).toBe('01234567-89ab-cdef-0123-456789abcdef');
    expect(runUuid('not-a-run')).toBeUndefined();
    expect(runUuid(undefined)).toBeUndefined();
  });

  it('carries MLflow’s error message as the detail shown to the person', () => {
    const error = mlflowError(400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'Invalid alias name' });
    expect(error.status).toBe(400);
    expect(error.detail).toBe('Invalid alias name');
    expect(error.title).toBe('INVALID_PARAMETER_VALUE');
  });

  it('checks aliases and tag keys as MLflow would before a round trip', () => {
    expect(modelAliasError('champion')).toBeUndefined();
    expect(modelAliasError('')).toMatch(/Name the alias/);
    expect(modelAliasError('v3')).toMatch(/reserved/);
    expect(modelAliasError('latest')).toMatch(/reserved/);
    expect(modelAliasError('a b')).toMatch(/letters, digits/);
    expect(tagKeyError(' ')).toMatch(/Name the tag/);
  });
});
