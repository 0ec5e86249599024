import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { devFile, BASE_URL, projectId, runRows, signedInForFile } from './harness.mjs';

/**
 * The performance marks the ui-* benchmarks time (src/lib/perf.ts, bench/README.md), in the real app: set when the
 * rows and charts are on screen, with details that match what is shown. (The marks draw nothing: no screenshots.)
 */
let vision;
const session = signedInForFile('VIEWER');
before(async () => {
  vision = await projectId('vision');
});

const marks = (page, name) =>
  page.evaluate((n) => performance.getEntriesByName(n, 'mark').map((m) => ({ t: m.startTime, detail: m.detail })), name);

async function firstByServer(orderBy) {
  const key = devFile().orgs.find((o) => o.slug === 'acme').apiKeys.viewer;
  const answer = await fetch(`${BASE_URL}/api/v1/projects/${vision}/runs/search`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ limit: 1, orderBy }),
  });
  return (await answer.json()).runs[0].name;
}

describe('performance marks', () => {
  it('marks the first rows once, a sort’s new rows as a repaint once they are shown, and the drawn charts', async () => {
    const { page, errors } = session;
    await page.goto(`/projects/${vision}`);
    await page.waitForFunction(() => performance.getEntriesByName('runs:rows-painted', 'mark').length > 0);
    const [first] = await marks(page, 'runs:rows-painted');
    assert.equal(first.detail.rows, 200, 'the first page of 200 runs');
    assert.ok(first.t > 0);

    // The charts beside the table: the first 10 runs' series, drawn.
    await page.waitForFunction(() => performance.getEntriesByName('charts:drawn', 'mark').length > 0);
    const [charts] = await marks(page, 'charts:drawn');
    assert.ok(charts.detail.series >= 10, `${charts.detail.series} series drawn`);
    assert.ok(charts.detail.points > 0);
    assert.ok((await page.locator('.run-charts canvas').count()) > 0, 'a chart is on screen');

    // Sort by name: exactly one repaint, after the click, when the server's first run by name is on screen.
    const clicked = await page.evaluate(() => performance.now());
    await page.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
    await page.waitForFunction(() => performance.getEntriesByName('runs:rows-repainted', 'mark').length > 0);
    const repaints = await marks(page, 'runs:rows-repainted');
    assert.equal(repaints.length, 1);
    assert.ok(repaints[0].t > clicked);
    const want = await firstByServer(['name DESC']);
    assert.equal(await runRows(page).first().locator('[role=cell].name').getAttribute('title'), want);

    // Scrolling to the end appends the next page: no repaint, and still one first paint.
    const scroller = page.getByRole('table', { name: 'Runs' });
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.waitForFunction(() => document.querySelector('[aria-rowindex="202"]') !== null);
    await page.waitForTimeout(200);
    assert.equal((await marks(page, 'runs:rows-repainted')).length, 1);
    assert.equal((await marks(page, 'runs:rows-painted')).length, 1);
    assert.deepEqual(errors, []);
  });
});
