import { describe, expect, it } from 'vitest';
import { aliasError, aliasesOf, filterArtifacts, openVersion, typeCounts } from './logic.ts';

const artifact = (name: string, type: string) => ({ id: name, name, type });
const version = (n: number, aliases: string[], state = 'COMMITTED') => ({ version: n, aliases, state });

describe('the artifacts list', () => {
  const all = [artifact('ckpt-a', 'model'), artifact('imagenet-100', 'dataset'), artifact('ckpt-b', 'model')];

  it('counts the artifacts of each type, types by name', () => {
    expect(typeCounts(all)).toEqual([
      { type: 'dataset', count: 1 },
      { type: 'model', count: 2 },
    ]);
  });

  it('keeps the artifacts of the chosen type whose name contains the search, ignoring case', () => {
    expect(filterArtifacts(all, 'model', undefined).map((a) => a.name)).toEqual(['ckpt-a', 'ckpt-b']);
    expect(filterArtifacts(all, undefined, 'CKPT-B').map((a) => a.name)).toEqual(['ckpt-b']);
    expect(filterArtifacts(all, 'dataset', 'ckpt')).toEqual([]);
  });
});

describe('aliases', () => {
  it('refuses an empty alias, latest, a version-like name and odd characters before asking the server', () => {
    expect(aliasError('')).toMatch(/Name the alias/);
    expect(aliasError('latest')).toMatch(/cannot be moved/);
    expect(aliasError('v3')).toMatch(/version number/);
    expect(aliasError('best model')).toMatch(/Start with a letter/);
    expect(aliasError('production')).toBeUndefined();
  });

  it('lists every alias with its version, latest first', () => {
    expect(aliasesOf([version(2, ['latest', 'staging']), version(1, ['best'])])).toEqual([
      { alias: 'latest', version: 2 },
      { alias: 'best', version: 1 },
      { alias: 'staging', version: 2 },
    ]);
  });

  it('opens the version the URL names, else the newest committed one', () => {
    const versions = [version(3, [], 'DELETED'), version(2, ['latest']), version(1, [])];
    expect(openVersion(versions, 1)?.version).toBe(1);
    expect(openVersion(versions, undefined)?.version).toBe(2);
    expect(openVersion(versions, 9)?.version).toBe(2);
  });
});
