import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { projectId, screenshots, signedInForFile, unexpected } from './harness.mjs';

/** The runs table over the seeded sweep (project vision: 200 runs + the live one). */
let vision;

const session = signedInForFile('VIEWER');
before(async () => {
  vision = await projectId('vision');
});

const rows = (page) => page.getByRole('table', { name: 'Runs' }).locator('[role=rowgroup]').nth(1).getByRole('row');

describe('the runs table', () => {
  it('lists the sweep newest first with its total, and loads further pages while scrolling', async () => {
    const { page, errors } = session;
    await page.goto(`/projects/${vision}`);
    await page.getByText(/^201 runs/).waitFor();
    assert.equal(await rows(page).first().getByRole('link').textContent(), 'vit-s16-long-live');
    assert.ok(await rows(page).first().getByText('Running').isVisible());
    await screenshots(page, 'runs-table');

    // 200 per page: the 201st run only exists after scrolling to the end.
    const scroller = page.getByRole('table', { name: 'Runs' });
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.waitForFunction(() => document.querySelector('[aria-rowindex="202"]') !== null);
    // Virtualised: only the rows in view are in the DOM.
    assert.ok((await rows(page).count()) < 80, 'rows outside the view are not rendered');
    assert.deepEqual(errors, []);
  });

  it('sorts on the server by a metric column and keeps the sort in the URL', async () => {
    const { page, errors } = session;
    await page.goto(`/projects/${vision}`);
    await page.getByText(/^201 runs/).waitFor();
    await page.getByRole('columnheader', { name: 'val/loss' }).getByRole('button').click();
    await page.waitForURL(/sort=/);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('sort'), 'm:last:val/loss');
    assert.equal(url.searchParams.get('dir'), 'desc');
    await page.getByRole('columnheader', { name: 'val/loss' }).getByRole('button').click();
    await page.waitForURL(/dir=asc/);
    await page.locator('[role=table][aria-busy=false]').waitFor();
    const first = Number(await rows(page).nth(0).getByRole('cell').last().getAttribute('title'));
    const second = Number(await rows(page).nth(1).getByRole('cell').last().getAttribute('title'));
    assert.ok(first <= second, `${first} <= ${second}`);
    assert.equal(await page.getByRole('columnheader', { name: 'val/loss' }).getAttribute('aria-sort'), 'ascending');

    await page.goBack();
    await page.waitForURL((u) => u.searchParams.get('dir') === 'desc');
    assert.deepEqual(errors, []);
  });

  it('filters with the search language, autocompletes keys, and shows the server’s error at its position', async () => {
    const { page, errors } = session;
    await page.goto(`/projects/${vision}`);
    const filter = page.getByRole('combobox', { name: 'Filter runs' });
    await filter.click();
    await filter.pressSequentially('metrics.val/l');
    await page.getByRole('option', { name: 'metrics.val/loss' }).waitFor();
    await filter.press('Tab');
    assert.equal(await filter.inputValue(), 'metrics.val/loss');
    await filter.pressSequentially(" < 0.4 and state = 'FINISHED'");
    await filter.press('Enter');
    await page.waitForURL(/q=/);
    await page.locator('[role=table][aria-busy=false]').waitFor();
    await page.getByText(/^\d+ runs/).filter({ hasNotText: '201 runs' }).waitFor();
    const count = await page.getByText(/^\d+ runs/).textContent();
    const n = Number(count.split(' ')[0]);
    assert.ok(n > 0 && n < 200, count);

    await filter.fill("state = FAILED");
    await filter.press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), /expected a value .* at position 9/);
    assert.equal(await filter.getAttribute('aria-invalid'), 'true');
    await screenshots(page, 'runs-filter-error');
    // A failing filter is an answer, not a console error.
    assert.deepEqual(unexpected(errors, [/status of 400 .*\/runs\/search\)$/]), []);
    errors.length = 0;
  });

  it('adds a param column from the picker and keeps the columns in the URL', async () => {
    const { page, errors } = session;
    await page.goto(`/projects/${vision}`);
    await page.getByText(/^201 runs/).waitFor();
    await page.getByRole('button', { name: /^Columns/ }).click();
    await page.getByRole('searchbox', { name: 'Search columns' }).fill('dropout');
    await page.getByRole('checkbox', { name: 'model.dropout' }).check();
    await page.keyboard.press('Escape');
    await page.getByRole('columnheader', { name: 'model.dropout' }).waitFor();
    assert.ok(new URL(page.url()).searchParams.get('cols').includes('p:model.dropout'));
    assert.deepEqual(errors, []);
  });

  it('selects runs with checkboxes and shift-click ranges, in the URL', async () => {
    const { page, errors } = session;
    await page.goto(`/projects/${vision}`);
    await page.getByText(/^201 runs/).waitFor();
    await rows(page).nth(1).getByRole('checkbox').click();
    await rows(page).nth(4).getByRole('checkbox').click({ modifiers: ['Shift'] });
    await page.getByText('4 selected', { exact: false }).waitFor();
    assert.equal(JSON.parse(new URL(page.url()).searchParams.get('sel')).length, 4);
    await screenshots(page, 'runs-selected');
    assert.deepEqual(errors, []);
  });
});
