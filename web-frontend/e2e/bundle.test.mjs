import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { close, openPage, signIn, SIGNED_OUT, unexpected } from './harness.mjs';

/** Code splitting: the start page and the sign-in card load no chart or report code; a run page loads it on demand. */
async function scriptsOf(page) {
  return page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js')).map((e) => e.name));
}

async function texts(page, urls) {
  return page.evaluate(async (list) => Promise.all(list.map(async (u) => (await fetch(u)).text())), urls);
}

describe('the bundle', () => {
  it('keeps uPlot and the reports out of the sign-in card and the start page', async () => {
    const { page, errors, context } = await openPage();
    try {
      await page.goto('/');
      await page.getByRole('link', { name: 'Sign in' }).waitFor();
      const signedOut = await scriptsOf(page);
      for (const source of await texts(page, signedOut)) assert.ok(!source.includes('u-over'), 'no uPlot before signing in');

      await signIn(page, 'VIEWER');
      await page.getByRole('heading', { name: 'Projects' }).waitFor();
      const start = await scriptsOf(page);
      for (const source of await texts(page, start)) {
        assert.ok(!source.includes('u-over'), 'no uPlot on the start page');
        assert.ok(!source.includes('/api/v1/shared/reports/'), 'no report code on the start page');
      }

      await page.getByRole('link', { name: 'Vision' }).first().click();
      await page.getByRole('table', { name: 'Runs' }).waitFor();
      const workspace = (await scriptsOf(page)).filter((u) => !start.includes(u));
      assert.ok(workspace.length > 0, 'the runs workspace arrives as its own chunks');
      assert.deepEqual(unexpected(errors, [SIGNED_OUT]), []);
    } finally {
      await context.close();
      await close();
    }
  });
});
