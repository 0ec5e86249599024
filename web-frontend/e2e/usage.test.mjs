import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { BASE_URL, close, devFile, projectId, screenshots, signedInForFile, signedInSession, unexpected } from './harness.mjs';

/**
 * Usage, budgets and billing (admins and owners), and what members and viewers see instead. The budget this file
 * creates is named uniquely, capped far above anything the demo writes, and deleted again, so the demo stays as it was.
 */
const session = signedInForFile('ADMIN');

/** A budget a failed run left behind is removed through the API, so a hard cap never outlives its test. */
after(async () => {
  const key = devFile().orgs.find((o) => o.slug === 'acme').apiKeys.admin;
  const headers = { Authorization: `Bearer ${key}` };
  const list = await (await fetch(`${BASE_URL}/api/v1/budgets?limit=100`, { headers })).json();
  for (const status of list.items ?? []) {
    if (status.budget.name.startsWith('e2e cap ')) {
      await fetch(`${BASE_URL}/api/v1/budgets/${status.budget.id}`, { method: 'DELETE', headers });
    }
  }
});

/**
 * Chromium logs each 4xx answer; these are the ones the tests cause on purpose. The demo admin is in two
 * organisations, so the app's first "who am I" is the API's 400 ("choose one"), answered by choosing the first.
 */
const AMBIGUOUS = /status of 400 .*\/api\/v1\/organisation\)$/;
const BAD_WEBHOOK = /status of 400 .*\/api\/v1\/budgets/;
const NO_PORTAL = /status of 409 .*\/api\/v1\/billing\/portal/;
const NO_INVOICE = /status of 404 .*\/api\/v1\/billing\/invoices\//;

describe('usage', () => {
  it('shows the current month per meter with non-zero demo usage, the forecast, daily charts and top projects', async () => {
    const { page, errors } = session;
    errors.splice(0);
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Usage & billing' }).click();
    await page.waitForURL((url) => url.pathname === '/usage');
    const points = page.getByRole('article', { name: 'Data points' });
    const value = points.locator('.meter-card-value');
    await value.waitFor();
    const shown = await value.textContent();
    assert.match(shown, /^[\d.]+[kMGT]? points$/, `data points read as a number with a unit: ${shown}`);
    assert.notEqual(shown, '0 points', 'the demo has logged data points this month');
    assert.match(await points.textContent(), /Forecast by \d\d-\d\d: [\d.]+[kMGT]? points/);
    await page.getByText(/Forecasts are the server's: linear/).waitFor();
    // The seeded organisation budget shows against its meter.
    await points.getByText(/% of “Monthly data points”/).waitFor();

    for (const chart of ['Data points per day', 'Tracked hours per day', 'Storage per day']) {
      await page.getByRole('figure', { name: chart }).locator('canvas').first().waitFor();
    }
    const top = page.getByRole('table', { name: 'Top projects' });
    await top.getByRole('row').nth(1).waitFor();
    const first = top.getByRole('row').nth(1);
    assert.match(await first.textContent(), /[\d.]+[kMGT]? points/);
    assert.doesNotMatch(await first.locator('td').nth(1).textContent(), /^0 points$/, 'the busiest project used points');
    await page.getByRole('figure', { name: 'Data points per day by project' }).locator('canvas').first().waitFor();
    await screenshots(page, 'usage', async () => {
      await page.getByRole('figure', { name: 'Data points per day' }).locator('canvas').first().waitFor();
    });

    // The meter of the project views and the period are in the URL; back returns to where it was.
    await page.getByRole('radio', { name: 'Tracked hours' }).click();
    await page.waitForURL((url) => url.searchParams.get('meter') === 'TRACKED_HOURS');
    await top.getByRole('columnheader', { name: 'Tracked hours' }).waitFor();
    await page.getByRole('button', { name: 'Previous month' }).click();
    await page.waitForURL((url) => /^\d{4}-\d\d$/.test(url.searchParams.get('period') ?? ''));
    await page.getByText('This month is over: these are its final totals.').waitFor();
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('period') && url.searchParams.get('meter') === 'TRACKED_HOURS');
    assert.deepEqual(unexpected(errors, [AMBIGUOUS]), []);
  });
});

describe('budgets', () => {
  it('creates a hard-capped budget (the server’s refusal shown at its field), edits it and deletes it', async () => {
    const { page, errors } = session;
    errors.splice(0);
    const name = `e2e cap ${Date.now()}`;
    const vision = await projectId('vision');
    await page.goto('/budgets');
    await page.getByRole('table', { name: 'Budgets' }).getByText('Monthly data points').waitFor();
    await page.getByRole('button', { name: 'New budget' }).click();
    await page.waitForURL((url) => url.searchParams.get('edit') === 'new');
    const form = page.getByRole('form', { name: 'New budget' });

    // Checked on the page first: nothing is sent while the form is wrong.
    await form.getByRole('button', { name: 'Create budget' }).click();
    await form.getByText('Give the budget a name (1 to 200 characters).').waitFor();
    await form.getByText('The limit must be a positive number.').waitFor();

    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Scope').selectOption(vision);
    await form.getByLabel('Limits').selectOption('DATA_POINTS');
    await form.getByLabel('Monthly limit (points)').fill('1000000000000');
    await form.getByLabel('Alert at (% of the limit)').fill('75, 100');
    await form.getByLabel('Hard cap').check();
    await form.getByText(/When reached, new metric data in this budget's scope is refused with 429 until the month ends/).waitFor();
    // A host that does not resolve passes the page's checks; the server refuses it, and says so at the field.
    await form.getByLabel('Webhook (optional)').fill('https://hooks.invalid/runledger');
    await form.getByRole('button', { name: 'Create budget' }).click();
    const webhookError = form.locator('.form-field.invalid').getByText('webhookUrl host hooks.invalid does not resolve');
    await webhookError.waitFor();
    assert.equal(await form.getByLabel('Webhook (optional)').getAttribute('aria-invalid'), 'true');
    await screenshots(page, 'budget-editor-server-error');

    await form.getByLabel('Webhook (optional)').fill('');
    await form.getByRole('button', { name: 'Create budget' }).click();
    await page.getByRole('status').getByText(`Created budget “${name}”.`).waitFor();
    await page.waitForURL((url) => !url.searchParams.has('edit'));
    const row = page.getByRole('table', { name: 'Budgets' }).getByRole('row').filter({ hasText: name });
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    assert.equal(cells[1], 'Vision');
    assert.equal(cells[2], '1T points');
    assert.equal(await row.locator('td').nth(2).getAttribute('title'), 'Data points: 1,000,000,000,000 points');
    assert.equal(cells[5], '75, 100 %');
    assert.equal(cells[6], 'On');
    await screenshots(page, 'budgets');

    // Edit: the form comes back in the units it was typed in; a new limit is saved.
    await row.getByRole('button', { name: `Edit ${name}` }).click();
    const edit = page.getByRole('form', { name: `Edit budget ${name}` });
    assert.equal(await edit.getByLabel('Monthly limit (points)').inputValue(), '1000000000000');
    assert.equal(await edit.getByLabel('Hard cap').isChecked(), true);
    await edit.getByLabel('Monthly limit (points)').fill('2000000000000');
    await edit.getByLabel('Hard cap').uncheck();
    await edit.getByText('Off: reaching the limit alerts, and data keeps flowing.').waitFor();
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText(`Saved budget “${name}”.`).waitFor();
    await row.locator('td').nth(2).getByText('2T points').waitFor();
    assert.equal(await row.locator('td').nth(6).textContent(), 'Off');

    // Delete asks once in the row, then the budget is gone.
    await row.getByRole('button', { name: `Delete ${name}` }).click();
    await row.getByRole('button', { name: `Delete “${name}”` }).click();
    await page.getByRole('status').getByText(`Deleted budget “${name}”.`).waitFor();
    await row.waitFor({ state: 'detached' });
    await page.getByRole('table', { name: 'Alert history' }).or(page.getByText(/No threshold crossed yet/)).first().waitFor();
    assert.deepEqual(unexpected(errors, [AMBIGUOUS, BAD_WEBHOOK]), []);
  });
});

describe('alert history', () => {
  it('lists a crossed threshold with how its email and webhook went out', async () => {
    const { page, errors } = session;
    errors.splice(0);
    // A budget the month's usage has already passed (1 point, no hard cap, so nothing is refused): the budget job
    // (every 30 s) raises its thresholds' alerts.
    const name = `e2e cap alert ${Date.now()}`;
    const key = devFile().orgs.find((o) => o.slug === 'acme').apiKeys.admin;
    const created = await fetch(`${BASE_URL}/api/v1/budgets`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, meter: 'DATA_POINTS', limit: 1, thresholds: [100], hardCap: false }),
    });
    assert.equal(created.status, 201);
    await page.goto('/budgets');
    const history = page.getByRole('table', { name: 'Alert history' });
    const alert = history.getByRole('row').filter({ hasText: name });
    for (let i = 0; i < 12 && (await alert.count()) === 0; i++) {
      await page.waitForTimeout(5000);
      await page.reload();
      await page.getByRole('table', { name: 'Budgets' }).waitFor();
    }
    const cells = await alert.locator('td').allTextContents();
    assert.equal(cells[2], '100 %');
    assert.match(cells[3], /^[\d.]+[kMGT]? points of 1 points$/);
    assert.match(cells[4], /sent|retrying|failed|mail not set up|no recipients|refused/, 'the email channel says how it went');
    assert.equal(cells[5], '–', 'no webhook, no webhook delivery');
    // The budget's row is red: reached.
    const row = page.getByRole('table', { name: 'Budgets' }).getByRole('row').filter({ hasText: name });
    assert.equal(await row.locator('.budget-bar').getAttribute('class'), 'budget-bar reached');
    await screenshots(page, 'budgets-alert-history');
    assert.deepEqual(unexpected(errors, [AMBIGUOUS]), []);
  });
});

describe('billing', () => {
  it('shows the plan with free viewers, the draft invoice, and the usage behind a line', async () => {
    const { page, errors } = session;
    errors.splice(0);
    await page.goto('/billing');
    await page.getByText('Viewers are free and unlimited; you pay for data, never seats.').first().waitFor();
    const points = page.getByRole('table', { name: 'Data points prices' });
    await points.getByText('first 10 1M data points').waitFor();
    assert.match(await points.textContent(), /free/);
    const lines = page.getByRole('table', { name: 'Draft invoice lines' });
    await lines.getByText(/^Data points, [\d.]+ × 1M data points/).waitFor();
    // Admins read billing; the payment portal is the owners'.
    await page.getByText('Only owners manage payment methods and receipts.').waitFor();
    // The demo organisation has no closed month yet, so no past invoice to open.
    await page.getByText(/No invoices yet/).waitFor();
    await screenshots(page, 'billing');

    await lines.getByRole('button', { name: 'Show the usage behind line 1' }).click();
    await page.waitForURL((url) => url.searchParams.get('line') === '1');
    const detail = page.getByRole('region', { name: 'Usage behind line 1' });
    const byProject = detail.getByRole('table', { name: 'Line 1 by project' });
    await byProject.getByRole('row').nth(1).waitFor();
    const firstProject = await byProject.getByRole('row').nth(1).textContent();
    assert.match(firstProject, /[\d.]+[kMGT]? points/);
    assert.doesNotMatch(firstProject, /no project/);
    await detail.getByRole('figure', { name: 'Line 1 usage per day' }).locator('canvas').first().waitFor();
    await detail.getByRole('table', { name: 'Tiers of line 1' }).getByText('included').waitFor();
    await screenshots(page, 'billing-line-usage');

    // A pasted link opens the same line.
    await page.reload();
    await page.getByRole('region', { name: 'Usage behind line 1' }).getByRole('table', { name: 'Line 1 by project' }).waitFor();

    // An invoice that is not this organisation's (or does not exist) reads as such, with the way back.
    await page.goto(`/billing/invoices/${randomUUID()}`);
    await page.getByRole('alert').getByText('Invoice: Not found').waitFor();
    await page.getByRole('link', { name: 'Back to billing' }).waitFor();
    assert.deepEqual(unexpected(errors, [AMBIGUOUS, NO_INVOICE]), []);
  });

  it('tells an owner in plain words when the payment portal is not available', async () => {
    const owner = await signedInSession('OWNER');
    try {
      await owner.page.goto('/billing');
      await owner.page.getByRole('button', { name: 'Payment methods and receipts ↗' }).click();
      await owner.page.getByRole('alert').getByText(/The payment portal is not available right now/).waitFor();
      assert.equal(new URL(owner.page.url()).pathname, '/billing', 'the page stays');
      assert.deepEqual(unexpected(owner.errors, [NO_PORTAL]), []);
    } finally {
      await owner.context.close();
    }
  });
});

describe('members and viewers', () => {
  let viewer;
  after(async () => {
    await viewer?.context.close();
    await close();
  });

  it('a viewer gets no usage entry and no budget actions, and is told who may and that viewers are free', async () => {
    viewer = await signedInSession('VIEWER');
    const { page, errors } = viewer;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).first().waitFor();
    assert.equal(await page.getByRole('link', { name: 'Usage & billing' }).count(), 0);

    await page.goto('/budgets');
    await page.getByRole('heading', { name: 'Only admins and owners see budgets' }).waitFor();
    await page.getByText(/Viewers are free and unlimited; you pay for data, never seats/).first().waitFor();
    assert.equal(await page.getByRole('button', { name: 'New budget' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /^Edit / }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /^Delete / }).count(), 0);
    assert.equal(await page.getByRole('alert').count(), 0, 'a plain note, not an error');
    await screenshots(page, 'budgets-viewer');

    await page.goto('/billing');
    await page.getByRole('heading', { name: 'Only admins and owners see billing' }).waitFor();
    assert.deepEqual(unexpected(errors), [], 'nothing was asked that the viewer may not read');
  });
});
