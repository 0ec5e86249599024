import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { BASE_URL, devFile, projectId, screenshots, signedInForFile, unexpected } from './harness.mjs';

/** The run page: overview, config tree, charts by key prefix, live follow of the seeded live run. */
let vision;

async function findRun(filter) {
  const key = devFile().orgs.find((o) => o.slug === 'acme').apiKeys.viewer;
  const answer = await fetch(`${BASE_URL}/api/v1/projects/${vision}/runs/search`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ filter, limit: 1 }),
  });
  const body = await answer.json();
  return body.runs[0];
}

const session = signedInForFile('VIEWER');
before(async () => {
  vision = await projectId('vision');
});

describe('the run page', () => {
  it('opens from the table and shows overview, config tree and a chart per metric grouped by prefix', async () => {
    const { page, errors } = session;
    const run = await findRun("state = 'FINISHED' and params.model.arch = 'resnet-50'");
    await page.goto(`/projects/${vision}?q=${encodeURIComponent(`name = '${run.name}'`)}`);
    await page.getByRole('link', { name: run.name }).click();
    await page.waitForURL(`**/runs/${run.id}`);

    await page.getByRole('heading', { name: run.name, level: 1 }).waitFor();
    const sections = await page.locator('.chart-section h2').allTextContents();
    assert.deepEqual(sections, ['train', 'val', 'System']);
    for (const key of ['train/loss', 'train/lr', 'val/acc', 'val/loss', 'system/gpu_util', 'system/gpu_memory_gb']) {
      await page.getByRole('figure', { name: key }).locator('canvas').first().waitFor();
    }
    const overview = page.getByRole('region', { name: 'Overview' });
    assert.match(await overview.textContent(), /Finished/);
    assert.match(await overview.textContent(), /sweep: lr-week47/);
    // A viewer reads; only members and above get edit controls.
    assert.equal(await overview.getByRole('button', { name: 'Edit notes' }).count(), 0);
    assert.equal(await overview.getByLabel('Tag key').count(), 0);
    const config = page.getByRole('region', { name: 'Config' });
    assert.ok(await config.getByText('optimizer', { exact: true }).isVisible());
    await screenshots(page, 'run-page', () => page.waitForTimeout(150));

    await config.getByRole('searchbox', { name: 'Search the config' }).fill('lr');
    await page.waitForURL(/config=lr/);
    const rows = await config.locator('tbody tr th').allTextContents();
    assert.deepEqual(rows, ['optimizer.lr']);
    assert.deepEqual(errors, []);
  });

  it('follows a running run: its charts extend by themselves without a reload', async () => {
    const { page, errors } = session;
    const run = await findRun("tags.demo = 'live-demo' and state = 'RUNNING'");
    await page.goto(`/runs/${run.id}`);
    await page.getByText('following live').waitFor();
    const meta = page.getByRole('figure', { name: 'train/loss' }).locator('.panel-meta');
    await meta.waitFor();
    const before = Number((await meta.textContent()).match(/([\d,]+) pts/)[1].replaceAll(',', ''));
    const navigations = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    await page.waitForFunction(
      (n) => {
        const text = document.querySelector('figure[aria-label="train/loss"] .panel-meta')?.textContent ?? '';
        const match = text.match(/([\d,]+) pts/);
        return match && Number(match[1].replaceAll(',', '')) > n;
      },
      before,
      { timeout: 15_000 },
    );
    assert.deepEqual(navigations, [], 'no reload');
    await screenshots(page, 'run-live');
    assert.deepEqual(errors, []);
  });

  it('answers an unknown run with a plain not-found message', async () => {
    const { page, errors } = session;
    await page.goto('/runs/00000000-0000-7000-8000-000000000000');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), /Run: Not found/);
    assert.deepEqual(unexpected(errors, [/status of 404 .*\/api\/v1\/runs\//]), []);
    errors.length = 0;
  });

  it('jumps to a run from anywhere with Ctrl-K', async () => {
    const { page, errors } = session;
    await page.goto('/');
    await page.getByRole('heading', { name: 'Projects' }).waitFor();
    await page.keyboard.press('Control+k');
    const input = page.getByRole('combobox', { name: 'Project or run name' });
    await input.fill('s16-live');
    await page.getByRole('option', { name: /vit-s16-live-\d+/ }).first().waitFor();
    await screenshots(page, 'command-palette');
    await input.press('Enter');
    await page.getByRole('heading', { name: /^vit-s16-live-\d+$/, level: 1 }).waitFor();
    assert.match(page.url(), /\/runs\//);
    assert.deepEqual(errors, []);
  });
});
