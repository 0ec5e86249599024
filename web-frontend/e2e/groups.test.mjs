import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { projectId, runTotal, screenshots, signedInForFile } from './harness.mjs';

/** Group by over the seeded sweep (project vision: 200 runs, data preparation, evaluation, live runs). */
let vision;
let total;
const session = signedInForFile('VIEWER');
before(async () => {
  vision = await projectId('vision');
  total = await runTotal(vision);
});

describe('grouping the runs table', () => {
  it('groups by a param with counts that add up, aggregates the first metric column, and narrows to a group', async () => {
    const { page, errors } = session;
    await page.goto(`/projects/${vision}?cols=${encodeURIComponent(JSON.stringify(['name', 'm:last:val/loss']))}`);
    await page.getByText(new RegExp(`^${total} runs`)).waitFor();
    await page.getByLabel('Group by').selectOption('p:optimizer.name');
    await page.waitForURL((url) => url.searchParams.get('gb') === 'p:optimizer.name');
    const groups = page.getByRole('region', { name: 'Runs grouped by optimizer.name' });
    await groups.getByRole('columnheader', { name: 'mean val/loss' }).waitFor();
    const rows = groups.locator('tbody tr');
    await rows.first().getByRole('button').waitFor();
    const counts = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.children[1].textContent.replace(/,/g, ''))));
    assert.ok(counts.length >= 2, `several optimizers: ${counts}`);
    assert.equal(counts.reduce((a, b) => a + b, 0), total, 'every run is in exactly one group');
    assert.deepEqual([...counts].sort((a, b) => b - a), counts, 'largest groups first');
    await screenshots(page, 'runs-grouped');

    const first = (await rows.first().getByRole('button').textContent()).trim();
    await rows.first().getByRole('button').click();
    await page.waitForURL((url) => url.searchParams.get('q') === `params.optimizer.name = '${first}'`);
    await page.getByText(new RegExp(`^${counts[0]} runs`)).waitFor();
    assert.deepEqual(errors, []);
  });
});
