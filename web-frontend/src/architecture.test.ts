import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The one-way flow of bulletproof-react: app → features → components/lib. A feature never imports another feature
 * (what two features share moves down into components/ or lib/), and shared code never imports a feature or the app.
 */
const SRC = resolve(dirname(new URL(import.meta.url).pathname));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : files(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Top-level area of a file under src/: `features/runs`, `components`, `lib`, `app`, or `` for src itself. */
function area(path: string): string {
  const parts = relative(SRC, path).split(sep);
  if (parts[0] === 'features') return `features/${parts[1]}`;
  return parts.length > 1 ? parts[0]! : '';
}

function violations(): string[] {
  const found: string[] = [];
  for (const file of files(SRC)) {
    const from = area(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"](\.{1,2}\/[^'"]+)['"]/gm)) {
      const to = area(resolve(dirname(file), match[1]!));
      const reachesFeature = to.startsWith('features/') && to !== from;
      const sharedReachesUp = (from === 'components' || from === 'lib') && (to.startsWith('features/') || to === 'app');
      const featureReachesApp = from.startsWith('features/') && to === 'app';
      if ((reachesFeature && from !== 'app') || sharedReachesUp || featureReachesApp) {
        found.push(`${relative(SRC, file)} imports ${match[1]}`);
      }
    }
  }
  return found;
}

describe('the source layout', () => {
  it('keeps features apart and shared code free of features and the app', () => {
    expect(violations()).toEqual([]);
  });

  it('sees the imports it checks (the check is not vacuous)', () => {
    const app = readFileSync(join(SRC, 'app', 'router.tsx'), 'utf8');
    expect(app).toMatch(/from '\.\.\/features\/runs\//);
    expect(files(SRC).some((f) => area(f) === 'features/runs')).toBe(true);
  });
});
