import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { projectId, screenshots, signedInForFile } from './harness.mjs';

/** Saved views (project nlp; each run names its view uniquely and deletes it, so the demo data stays as it was). */
let nlp;
const session = signedInForFile('MEMBER');
before(async () => {
  nlp = await projectId('nlp');
});

describe('saved views', () => {
  it('saves the current filter and sort under a name, opens it again, updates it, and deletes it', async () => {
    const { page, errors } = session;
    const name = `e2e view ${Date.now()}`;
    const filter = "name = 'ft-3'";
    await page.goto(`/projects/${nlp}?q=${encodeURIComponent(filter)}&sort=created&dir=asc`);
    await page.getByText(/^1 runs?/).waitFor();

    await page.getByRole('button', { name: 'Views' }).click();
    const menu = page.getByRole('dialog', { name: 'Saved views' });
    await menu.getByLabel('Name of the new view').fill(name);
    await menu.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL((url) => url.searchParams.has('sv'));
    await page.getByRole('button', { name: `View: ${name}`, exact: true }).click();
    await menu.getByRole('button', { name, exact: true }).waitFor();
    await screenshots(page, 'saved-views');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });

    // From the plain project, the view brings its filter and sort back.
    await page.goto(`/projects/${nlp}`);
    await page.getByText(/^12 runs/).waitFor();
    await page.getByRole('button', { name: 'Views' }).click();
    await page.getByRole('dialog', { name: 'Saved views' }).getByRole('button', { name, exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === filter);
    assert.equal(new URL(page.url()).searchParams.get('sort'), 'created');
    assert.equal(new URL(page.url()).searchParams.get('dir'), 'asc');
    await page.getByText(/^1 runs?/).waitFor();
    await page.getByRole('button', { name: `View: ${name}` }).waitFor();

    // Changing the table marks the view changed; Update saves the new state into it.
    await page.getByRole('button', { name: 'Hide charts' }).click();
    await page.getByRole('button', { name: `View: ${name} (changed)` }).click();
    await page.getByRole('button', { name: `Update “${name}” with this view` }).click();
    await page.getByRole('button', { name: `View: ${name}`, exact: true }).click();
    await page.getByRole('button', { name: `Delete view ${name}` }).click();
    await page.getByRole('dialog', { name: 'Saved views' }).getByRole('button', { name, exact: true }).waitFor({ state: 'detached' });
    assert.equal(new URL(page.url()).searchParams.has('sv'), false, 'the deleted view is no longer named in the URL');
    assert.deepEqual(errors, []);
  });
});
