import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { BASE_URL, devFile, projectId, screenshots, signedInForFile } from './harness.mjs';

/** The demo seeds a live report on the sweep; a member reads it, and anyone reads it through a share link. */
let report;
const session = signedInForFile('VIEWER');
before(async () => {
  const vision = await projectId('vision');
  const key = devFile().orgs.find((o) => o.slug === 'acme').apiKeys.viewer;
  const answer = await fetch(`${BASE_URL}/api/v1/projects/${vision}/reports?limit=100`, { headers: { Authorization: `Bearer ${key}` } });
  report = (await answer.json()).items.find((r) => r.title === 'Week 47: learning-rate sweep');
  assert.ok(report, 'the demo report is seeded');
});

describe('the demo report', () => {
  it('shows the sweep’s findings with a live chart and the candidates table', async () => {
    const { page, errors } = session;
    await page.goto(`/reports/${report.id}`);
    await page.getByRole('heading', { name: 'Week 47: learning-rate sweep' }).waitFor();
    await page.getByRole('heading', { name: /^Validation loss of the candidates/ }).waitFor();
    await page.getByRole('heading', { name: 'Candidates, best first' }).waitFor();
    await page.locator('canvas').first().waitFor();
    await screenshots(page, 'demo-report');
    assert.deepEqual(errors, []);
  });
});
