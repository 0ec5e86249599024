import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, close, devFile, login, openPage, projectId, screenshots, signedInSession, unexpected } from './harness.mjs';

/**
 * The reports editor end to end, as a member: create a report, add a text and a chart block, reorder, autosave
 * (a reload shows it), a version conflict provoked through the API and merged, a version restored, a comment with a
 * mention, a share link opened with no account and then revoked. A viewer reads the same report with no edit action.
 * The tests run in order and build on each other (one report).
 */
const keys = devFile().orgs.find((o) => o.slug === 'acme').apiKeys;
/** The browser reports the 409 of the provoked conflict and the 404s of a revoked link as failed resources. */
const EXPECTED = [/status of 409/, /status of 404 .*\/api\/v1\/shared\/reports\//];

async function api(method, path, body) {
  const answer = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: { Authorization: `Bearer ${keys.member}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  assert.ok(answer.ok, `${method} ${path} answered ${answer.status}: ${await answer.clone().text()}`);
  return answer.status === 204 ? undefined : answer.json();
}

let member;
let vision;
let metric;
let reportId;
let shareUrl;
const title = `E2E report ${Date.now().toString(36)}`;

before(async () => {
  vision = await projectId('vision');
  const runs = await api('POST', `/api/v1/projects/${vision}/runs/search`, { limit: 20, orderBy: ['started_at DESC'] });
  const logged = [...new Set(runs.runs.flatMap((r) => Object.keys(r.metrics ?? {})))].sort();
  metric = logged.find((key) => /loss/.test(key) && !key.startsWith('system/')) ?? logged[0];
  member = await signedInSession('MEMBER');
});

after(async () => {
  await member?.context.close();
  await close();
});

const saved = (page) => page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor({ timeout: 30_000 });
const blockIds = (page) => page.locator('.report-editor [data-block-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-block-id')));

describe('the reports editor', () => {
  it('creates a report from the project’s report list', async () => {
    const { page } = member;
    await page.goto(`/reports?project=${vision}`);
    await page.getByRole('heading', { name: 'Reports' }).waitFor();
    await page.getByRole('button', { name: 'Create report' }).waitFor();
    await screenshots(page, 'reports-index');
    // The client checks the title first.
    await page.getByRole('button', { name: 'Create report' }).click();
    assert.equal(await page.getByRole('alert').first().innerText(), 'Give the report a title.');
    await page.getByLabel('New report').fill(title);
    await page.getByRole('button', { name: 'Create report' }).click();
    await page.waitForURL(/\/reports\/[0-9a-f-]{36}/);
    reportId = new URL(page.url()).pathname.split('/').pop();
    assert.equal(await page.getByLabel('Report title').inputValue(), title);
    await page.getByRole('heading', { name: 'An empty report' }).waitFor();
    assert.deepEqual(unexpected(member.errors), []);
  });

  it('adds a text block and a chart block, reorders them, and a reload shows what was autosaved', async () => {
    const { page } = member;
    await page.getByRole('button', { name: '+ Text' }).click();
    const text = page.locator('.block-markdown textarea');
    await text.fill('## Findings\n\nThe **lowest** loss wins.');
    await saved(page);

    await page.getByRole('button', { name: '+ Line chart' }).click();
    const chart = page.locator('.block-lineChart');
    await chart.getByRole('alert').filter({ hasText: 'Name at least one metric' }).waitFor();
    await chart.getByLabel('Title').fill('Loss of the latest runs');
    await chart.getByLabel('Metrics (comma-separated)').fill(metric);
    await saved(page);
    await chart.locator('canvas').first().waitFor({ timeout: 30_000 });
    const [textId, chartId] = await blockIds(page);

    // With the keyboard: focus the chart's ↑ and press Enter; the focus stays in the block's toolbar (on ↓).
    await page.getByRole('button', { name: /^Move up: Line chart/ }).focus();
    await page.keyboard.press('Enter');
    assert.deepEqual(await blockIds(page), [chartId, textId]);
    assert.match(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''), /^Move down: Line chart/);
    await saved(page);
    await screenshots(page, 'reports-editor');

    await page.reload();
    await page.getByRole('heading', { name: 'Findings' }).waitFor();
    assert.deepEqual(await blockIds(page), [chartId, textId]);
    await page.locator('.block-lineChart canvas').first().waitFor({ timeout: 30_000 });
    const stored = await api('GET', `/api/v1/reports/${reportId}`);
    assert.deepEqual(stored.blocks.map((b) => b.type), ['lineChart', 'markdown']);
    assert.deepEqual(stored.blocks[0].metrics, [metric]);
    assert.deepEqual(unexpected(member.errors), []);
  });

  it('shows both versions when someone saved meanwhile, and saves the merge', async () => {
    const { page } = member;
    const current = await api('GET', `/api/v1/reports/${reportId}`);
    await api('PUT', `/api/v1/reports/${reportId}`, {
      version: current.version,
      title: current.title,
      description: 'Written through the API meanwhile.',
      blocks: current.blocks,
    });
    await page.getByLabel('Report title').fill(`${title} (edited)`);
    const conflict = page.getByRole('region', { name: 'Version conflict' });
    await conflict.waitFor({ timeout: 30_000 });
    await conflict.getByRole('columnheader', { name: `Theirs (version ${current.version + 1})` }).waitFor();
    await screenshots(page, 'reports-conflict');
    await conflict.getByRole('button', { name: 'Copy their description into mine' }).click();
    assert.equal(await page.getByLabel('Description').inputValue(), 'Written through the API meanwhile.');
    await conflict.getByRole('button', { name: 'Save mine over theirs' }).click();
    await saved(page);
    const merged = await api('GET', `/api/v1/reports/${reportId}`);
    assert.equal(merged.version, current.version + 2);
    assert.equal(merged.title, `${title} (edited)`);
    assert.equal(merged.description, 'Written through the API meanwhile.');
    assert.deepEqual(unexpected(member.errors, EXPECTED), []);
  });

  it('restores an old version as the next one, and back', async () => {
    const { page } = member;
    const before = await api('GET', `/api/v1/reports/${reportId}`);
    await page.getByRole('button', { name: 'History' }).click();
    const history = page.getByRole('region', { name: 'Version history' });
    await history.getByRole('button', { name: 'Restore version 1' }).waitFor();
    await screenshots(page, 'reports-history');
    await history.getByRole('button', { name: 'Restore version 1' }).click();
    await page.getByRole('heading', { name: 'An empty report' }).waitFor();
    await saved(page);
    const restored = await api('GET', `/api/v1/reports/${reportId}`);
    assert.equal(restored.version, before.version + 1);
    assert.deepEqual(restored.blocks, []);
    assert.equal(restored.title, title);

    await history.getByRole('button', { name: `Restore version ${before.version}` }).click();
    await page.getByRole('heading', { name: 'Findings' }).waitFor();
    await page.locator('.block-lineChart canvas').first().waitFor({ timeout: 30_000 });
    const back = await api('GET', `/api/v1/reports/${reportId}`);
    assert.equal(back.version, before.version + 2);
    assert.equal(back.blocks.length, 2);
    assert.deepEqual(unexpected(member.errors, EXPECTED), []);
  });

  it('deletes a block at once and puts it back with Undo', async () => {
    const { page } = member;
    const before = await blockIds(page);
    await page.getByRole('button', { name: 'Delete: Text: Findings' }).click();
    assert.deepEqual(await blockIds(page), before.filter((id) => id !== before[1]));
    const toast = page.locator('.toast').filter({ hasText: 'Deleted Text: Findings' });
    await toast.getByRole('button', { name: 'Undo' }).click();
    assert.deepEqual(await blockIds(page), before);
    await saved(page);
    const stored = await api('GET', `/api/v1/reports/${reportId}`);
    assert.deepEqual(stored.blocks.map((b) => b.id), before);
    assert.deepEqual(unexpected(member.errors, EXPECTED), []);
  });

  it('comments with a mention picked from the members', async () => {
    const { page } = member;
    const admin = login('ADMIN').email;
    const box = page.getByRole('combobox', { name: /Add a comment/ });
    await box.click();
    await box.pressSequentially(`Please check the loss, @${admin.slice(0, 3)}`);
    const option = page.getByRole('listbox', { name: 'Members to mention' }).getByRole('option', { name: new RegExp(admin) });
    await option.waitFor();
    await box.press('Enter');
    assert.equal(await box.inputValue(), `Please check the loss, @${admin} `);
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    const posted = page.locator('.comment-list li').last();
    await posted.locator('.mention').filter({ hasText: `@${admin}` }).waitFor();
    const comments = await api('GET', `/api/v1/reports/${reportId}/comments`);
    assert.equal(comments.items.at(-1).body.trim(), `Please check the loss, @${admin}`);
    assert.deepEqual(unexpected(member.errors, EXPECTED), []);
  });

  it('shares a live link that opens with no account, counts the view, and stops working when revoked', async () => {
    const { page } = member;
    await page.getByRole('button', { name: 'Share' }).click();
    const share = page.getByRole('region', { name: 'Share' });
    await share.getByRole('button', { name: 'Create link' }).click();
    const url = share.getByLabel('New link (shown once: copy it now)');
    await url.waitFor();
    shareUrl = await url.inputValue();
    assert.match(shareUrl, /\/shared\/[A-Za-z0-9_-]+$/);

    const anonymous = await openPage();
    try {
      await anonymous.page.goto(new URL(shareUrl).pathname);
      await anonymous.page.getByRole('heading', { name: `${title} (edited)` }).waitFor({ timeout: 30_000 });
      await anonymous.page.locator('.chart-panel canvas').first().waitFor({ timeout: 30_000 });
      assert.equal(await anonymous.page.getByLabel('Report title').count(), 0);
      assert.equal(await anonymous.page.getByRole('button', { name: /^Delete/ }).count(), 0);
      await screenshots(anonymous.page, 'reports-shared');
      assert.deepEqual(unexpected(anonymous.errors), []);
    } finally {
      await anonymous.context.close();
    }

    await page.reload();
    const links = page.getByRole('region', { name: 'Share' }).getByRole('table');
    const row = links.getByRole('row').nth(1);
    await row.waitFor();
    assert.match(await row.innerText(), /live[\s\S]*never[\s\S]*1[\s\S]*active/);
    await screenshots(page, 'reports-share');
    await row.getByRole('button', { name: /^Revoke link/ }).click();
    await links.getByRole('row').nth(1).filter({ hasText: 'revoked' }).waitFor();

    const late = await openPage();
    try {
      await late.page.goto(new URL(shareUrl).pathname);
      await late.page.getByRole('heading', { name: 'Report not found' }).waitFor({ timeout: 30_000 });
      assert.match(await late.page.getByRole('alert').innerText(), /does not exist or was revoked/);
      assert.deepEqual(unexpected(late.errors, EXPECTED), []);
    } finally {
      await late.context.close();
    }
    assert.deepEqual(unexpected(member.errors, EXPECTED), []);
  });

  it('starts a report from the runs selected in the workspace', async () => {
    const { page } = member;
    const runs = await api('POST', `/api/v1/projects/${vision}/runs/search`, { limit: 3, orderBy: ['started_at DESC'], filter: "state = 'FINISHED'" });
    const ids = runs.runs.map((r) => r.id);
    await page.goto(`/projects/${vision}?sel=${encodeURIComponent(JSON.stringify(ids))}`);
    await page.getByRole('link', { name: 'New report from these runs' }).click();
    await page.getByLabel(`New report from ${ids.length} selected runs`).fill(`${title} from runs`);
    await page.getByRole('button', { name: 'Create report' }).click();
    await page.waitForURL(/\/reports\/[0-9a-f-]{36}/);
    await page.locator('.block-lineChart canvas').first().waitFor({ timeout: 30_000 });
    const created = await api('GET', `/api/v1/reports/${new URL(page.url()).pathname.split('/').pop()}`);
    assert.deepEqual(created.blocks.map((b) => b.type), ['markdown', 'lineChart', 'runsTable']);
    assert.deepEqual(created.blocks[1].runSet.runIds, ids);
    const rows = page.locator('.block-runsTable tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), ids.length);
    assert.deepEqual(unexpected(member.errors, EXPECTED), []);
  });

  it('shows a viewer the report with no edit actions', async () => {
    const viewer = await signedInSession('VIEWER');
    try {
      const { page } = viewer;
      await page.goto(`/reports/${reportId}`);
      await page.getByRole('heading', { name: `${title} (edited)` }).waitFor();
      await page.locator('.chart-panel canvas').first().waitFor({ timeout: 30_000 });
      for (const name of ['History', 'Share', '+ Text', 'Edit', /^Delete/, /^Move up/]) {
        assert.equal(await page.getByRole('button', { name }).count(), 0, `a viewer sees no ${name} button`);
      }
      assert.equal(await page.getByLabel('Report title').count(), 0);
      await screenshots(page, 'reports-viewer');
      await page.goto(`/reports?project=${vision}`);
      await page.getByRole('link', { name: `${title} (edited)` }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Create report' }).count(), 0);
      assert.deepEqual(unexpected(viewer.errors), []);
    } finally {
      await viewer.context.close();
    }
  });
});
