import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { BASE_URL, projectId, runTotal, screenshots, runRows, signedInForFile, unexpected } from './harness.mjs';

/** The runs table over the seeded sweep (project vision: 200 runs, data preparation, evaluation, live runs). */
let vision;
let total;

const session = signedInForFile('VIEWER');
before(async () => {
  vision = await projectId('vision');
  total = await runTotal(vision);
});

const rows = runRows;

describe('the runs table', () => {
  it('lists the sweep newest first with its total, and loads further pages while scrolling', async () => {
    const { page, errors } = session;
    await page.goto(`/projects/${vision}`);
    await page.getByText(new RegExp(`^${total} runs`)).waitFor();
    assert.match(await rows(page).first().getByRole('link').textContent(), /^vit-s16-live-\d+$/);
    assert.ok(await rows(page).first().getByText('Running').isVisible());
    await screenshots(page, 'runs-table');

    // 200 per page: the runs after the 200th only exist after scrolling to the end.
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
    await page.getByText(new RegExp(`^${total} runs`)).waitFor();
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
    await page.getByText(/^\d+ runs/).filter({ hasNotText: `${total} runs` }).waitFor();
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
    await page.getByText(new RegExp(`^${total} runs`)).waitFor();
    await page.getByRole('button', { name: /^Columns/ }).click();
    // A param the same in every run, so never a default column.
    await page.getByRole('searchbox', { name: 'Search columns' }).fill('weight_decay');
    await page.getByRole('checkbox', { name: 'optimizer.weight_decay' }).check();
    await page.keyboard.press('Escape');
    await page.getByRole('columnheader', { name: 'optimizer.weight_decay' }).waitFor();
    assert.ok(new URL(page.url()).searchParams.get('cols').includes('p:optimizer.weight_decay'));
    assert.deepEqual(errors, []);
  });

  it('selects runs with checkboxes and shift-click ranges, in the URL', async () => {
    const { page, errors } = session;
    await page.goto(`/projects/${vision}`);
    await page.getByText(new RegExp(`^${total} runs`)).waitFor();
    await rows(page).nth(1).getByRole('checkbox').click();
    await rows(page).nth(4).getByRole('checkbox').click({ modifiers: ['Shift'] });
    await page.getByText(`${total} runs · 4 selected`).waitFor();
    assert.equal(JSON.parse(new URL(page.url()).searchParams.get('sel')).length, 4);
    await screenshots(page, 'runs-selected');
    assert.deepEqual(errors, []);
  });
});

describe('the charts beside the table', () => {
  it('draws the first runs, then the selected ones, with a legend that hides runs and a drag that zooms', async () => {
    const { page, errors } = session;
    await page.goto(`/projects/${vision}`);
    await page.getByText(new RegExp(`^${total} runs`)).waitFor();
    const charts = page.getByRole('region', { name: 'Charts' });
    await charts.getByRole('figure', { name: 'val/loss' }).locator('canvas').first().waitFor();
    assert.equal(await charts.getByRole('list', { name: 'Runs in the charts' }).getByRole('button').count(), 10);

    await rows(page).nth(2).getByRole('checkbox').click();
    await rows(page).nth(3).getByRole('checkbox').click();
    const legend = charts.getByRole('list', { name: 'Runs in the charts' }).getByRole('button');
    await page.waitForFunction(() => document.querySelectorAll('[aria-label="Runs in the charts"] button').length === 2);
    const name = await rows(page).nth(2).getByRole('link').textContent();
    assert.equal(await legend.first().textContent(), name);
    await legend.first().click();
    assert.equal(await legend.first().getAttribute('aria-pressed'), 'false');
    await legend.first().click();

    // Drag across the middle of a panel: zoomed, finer buckets fetched for the range.
    const plot = charts.getByRole('figure', { name: 'train/loss' }).locator('.u-over');
    const box = await plot.boundingBox();
    const zoomed = page.waitForResponse((r) => r.url().endsWith('/api/v1/series/query') && r.request().postData().includes('minStep'));
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await zoomed;
    await charts.getByRole('button', { name: 'Reset zoom' }).waitFor();

    await charts.getByLabel('x-axis').selectOption('relative');
    await page.waitForURL(/cx=relative/);
    await charts.getByRole('figure', { name: 'val/loss' }).locator('canvas').first().waitFor();
    await screenshots(page, 'runs-with-charts', () => page.waitForTimeout(150));
    assert.deepEqual(errors, []);
  });
});

describe('compare', () => {
  it('compares the selected runs: overlaid charts, the params that differ, a scatter, and a link that reproduces it', async () => {
    const { page, errors } = session;
    await page.goto(`/projects/${vision}?q=${encodeURIComponent("params.model.arch = 'resnet-18' and state = 'FINISHED'")}`);
    await page.locator('[role=table][aria-busy=false]').waitFor();
    for (const i of [0, 1, 2]) await rows(page).nth(i).getByRole('checkbox').click();
    await page.getByRole('button', { name: 'Compare 3' }).click();
    await page.waitForURL(/view=compare/);

    const diff = page.getByRole('region', { name: /^Params/ });
    await diff.getByRole('table').waitFor();
    const keys = await diff.locator('tbody th').allTextContents();
    assert.ok(keys.includes('optimizer.lr') || keys.includes('seed') || keys.includes('batch_size'), keys.join());
    assert.ok(!keys.includes('model.arch'), 'the shared arch is not a difference');
    await diff.getByLabel(/Show all/).check();
    assert.ok((await diff.locator('tbody th').allTextContents()).includes('model.arch'));
    await page.getByRole('region', { name: 'Scatter' }).locator('canvas').waitFor();
    await page.getByRole('region', { name: 'Charts' }).getByRole('figure', { name: 'val/loss' }).locator('canvas').first().waitFor();
    await screenshots(page, 'compare', () => page.waitForTimeout(150));

    // The URL alone reproduces the comparison.
    const link = page.url();
    await page.goto('about:blank');
    await page.goto(link);
    await diff.getByRole('table').waitFor();
    assert.equal(await page.getByRole('region', { name: 'Charts' }).getByRole('list', { name: 'Runs in the charts' }).getByRole('button').count(), 3);
    assert.deepEqual(errors, []);
  });
});

describe('an empty project', () => {
  it('teaches the two ways to log, with this server’s URL and the project filled in', async () => {
    const { page, errors } = session;
    const demo = await projectId('demo');
    await page.goto(`/projects/${demo}`);
    const empty = page.getByRole('region', { name: 'No runs in this project yet' });
    await empty.waitFor();
    const text = await empty.textContent();
    assert.ok(text.includes(`MLFLOW_TRACKING_URI=${BASE_URL}`), text);
    assert.ok(text.includes(`/api/v1/projects/${demo}/runs`));
    await screenshots(page, 'empty-project');
    assert.deepEqual(errors, []);
  });
});
