import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { projectId, runRows, screenshots, signedInForFile } from './harness.mjs';

/** A member changes runs: tags, notes, delete with undo (project nlp, so the sweep's counts stay put). */
let nlp;
const session = signedInForFile('MEMBER');
before(async () => {
  nlp = await projectId('nlp');
});

const rows = runRows;

describe('changing runs', () => {
  it('adds and removes a tag and writes markdown notes on the run page', async () => {
    const { page, errors } = session;
    await page.goto(`/projects/${nlp}?q=${encodeURIComponent("name = 'ft-3'")}`);
    await page.getByRole('link', { name: 'ft-3' }).click();
    const overview = page.getByRole('region', { name: 'Overview' });
    await overview.getByLabel('Tag key').fill('reviewed');
    await overview.getByLabel('Tag value').fill('yes');
    await overview.getByRole('button', { name: 'Add tag' }).click();
    await overview.getByText('reviewed: yes').waitFor();

    await overview.getByRole('button', { name: 'Edit notes' }).click();
    await overview.getByLabel('Notes (markdown)').fill('Best **LoRA** rank so far.\n\n<img src=x onerror=alert(1)>');
    await overview.getByRole('button', { name: 'Save notes' }).click();
    await overview.locator('strong', { hasText: 'LoRA' }).waitFor();
    assert.equal(await overview.locator('img').count(), 0, 'notes never render HTML');
    await screenshots(page, 'run-editing');

    await overview.getByRole('button', { name: 'Remove tag reviewed' }).click();
    await overview.getByText('reviewed: yes').waitFor({ state: 'detached' });
    assert.deepEqual(errors, []);
  });

  it('deletes selected runs without asking and brings them back with Undo', async () => {
    const { page, errors } = session;
    await page.goto(`/projects/${nlp}`);
    await page.getByText(/^12 runs/).waitFor();
    const name = await rows(page).nth(0).getByRole('link').textContent();
    await rows(page).nth(0).getByRole('checkbox').click();
    await page.getByRole('button', { name: 'Delete 1' }).click();
    const toast = page.getByRole('status').filter({ hasText: 'Deleted 1 run.' });
    await toast.waitFor();
    await page.getByText(/^11 runs/).waitFor();
    assert.equal(await page.getByRole('link', { name, exact: true }).count(), 0);

    await toast.getByRole('button', { name: 'Undo' }).click();
    await page.getByText(/^12 runs/).waitFor();
    await page.getByRole('link', { name, exact: true }).waitFor();
    assert.deepEqual(errors, []);
  });

  it('renames a metric for one run and shows the new name everywhere, then renames it back', async () => {
    const { page, errors } = session;
    await page.goto(`/projects/${nlp}?q=${encodeURIComponent("name = 'ft-5'")}`);
    await page.getByRole('link', { name: 'ft-5' }).click();
    const panel = page.getByRole('figure', { name: 'val/acc' });
    await panel.getByRole('button', { name: 'Rename val/acc' }).click();
    await panel.getByLabel('New name for val/acc').fill('val/accuracy');
    await panel.getByRole('button', { name: 'Rename', exact: true }).click();

    const renamed = page.getByRole('figure', { name: 'val/accuracy' });
    await renamed.getByText('logged as').waitFor();
    assert.equal(await page.getByRole('figure', { name: 'val/acc', exact: true }).count(), 0);
    await renamed.locator('canvas').first().waitFor();
    await screenshots(page, 'metric-renamed');

    await renamed.getByRole('button', { name: 'undo rename' }).click();
    await page.getByRole('figure', { name: 'val/acc', exact: true }).waitFor();
    assert.deepEqual(errors, []);
  });
});
