import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  BASE_URL,
  SIGNED_OUT,
  close,
  devFile,
  keycloakLogin,
  login,
  openPage,
  screenshots,
  signedInForFile,
  unexpected,
} from './harness.mjs';

/**
 * Organisation settings (/admin/*) and the notifications bell, as the demo's acme admin (adam), owner (alice) and
 * viewer (victor). Adam is also in globex, so his first "who am I" gets the API's 400 (choose an organisation) once.
 */
const AMBIGUOUS = /status of 400 .*\/api\/v1\/organisation\)$/;
const session = signedInForFile('ADMIN');
const acme = () => devFile().orgs.find((o) => o.slug === 'acme');
const adminKey = () => acme().apiKeys.admin;
const run = Date.now().toString(36);

async function apiAs(key, method, path, body) {
  const answer = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await answer.text();
  return { status: answer.status, body: text ? JSON.parse(text) : undefined };
}

function memberRow(page, email) {
  return page.getByRole('table', { name: 'Members' }).getByRole('row').filter({ hasText: email });
}

describe('organisation settings for an admin', () => {
  it('lists the members with viewers marked free, invites a person, changes a role and removes a member', async () => {
    const { page, errors } = session;
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL(/\/admin\/members$/);
    await page.getByRole('heading', { name: 'Organisation settings' }).waitFor();
    await page.getByText('Viewers are free.').waitFor();
    await memberRow(page, 'victor@acme.test').getByText('Free viewer').waitFor();
    assert.equal(await memberRow(page, 'mia@acme.test').getByText('Free viewer').count(), 0, 'a member is not a free viewer');
    // An admin cannot change an owner: no role picker on alice's row.
    await memberRow(page, 'alice@acme.test').getByText('only an owner changes an owner').waitFor();
    assert.equal(await memberRow(page, 'alice@acme.test').getByRole('combobox').count(), 0);

    // Invite: the client checks the address first, then the server takes it.
    const invite = page.getByRole('form', { name: 'Invite a person' });
    await invite.getByLabel('Invite by email').fill('not-an-email');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await invite.getByText('This is not an email address.').waitFor();
    const invitee = `new-${run}@acme.test`;
    await invite.getByLabel('Invite by email').fill(invitee);
    await invite.getByLabel('Role').selectOption('VIEWER');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await invite.getByText(`Invited ${invitee} as viewer`).waitFor();
    const pending = page.getByRole('table', { name: 'Pending invitations' }).getByRole('row').filter({ hasText: invitee });
    await pending.getByText('Free viewer').waitFor();
    const invited = await apiAs(adminKey(), 'GET', '/api/v1/invitations?limit=200');
    assert.ok(invited.body.items.some((i) => i.email === invitee && i.role === 'VIEWER'), 'the server has the invitation');

    // Change mia's role to viewer and back; the server's answer is what the row shows.
    const mia = memberRow(page, 'mia@acme.test');
    await mia.getByRole('combobox', { name: 'Role of mia@acme.test' }).selectOption('VIEWER');
    await mia.getByText('Free viewer').waitFor();
    const members = await apiAs(adminKey(), 'GET', '/api/v1/members?limit=200');
    assert.equal(members.body.items.find((m) => m.email === 'mia@acme.test').role, 'VIEWER');
    await screenshots(page, 'admin-members');
    await mia.getByRole('combobox', { name: 'Role of mia@acme.test' }).selectOption('MEMBER');
    await mia.getByText('Free viewer').waitFor({ state: 'detached' });

    // Remove a member (added for this test through the API), after confirming.
    const leaver = `leaver-${run}@acme.test`;
    const added = await apiAs(adminKey(), 'POST', '/api/v1/members', { email: leaver, displayName: 'Leaver', role: 'MEMBER' });
    assert.equal(added.status, 201);
    await page.reload();
    await memberRow(page, leaver).getByRole('button', { name: `Remove ${leaver}` }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('every API key they hold is revoked').waitFor();
    await screenshots(page, 'admin-members-remove-confirm');
    await dialog.getByRole('button', { name: 'Remove member' }).click();
    await memberRow(page, leaver).waitFor({ state: 'detached' });
    assert.equal((await apiAs(adminKey(), 'GET', `/api/v1/members/${added.body.userId}`)).status, 404);
    assert.deepEqual(unexpected(errors, [AMBIGUOUS]), []);
  });

  it('creates an API key, shows its secret once with working snippets, and revokes it', async () => {
    const { page, errors } = session;
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'API keys' }).click();
    await page.waitForURL(/\/admin\/api-keys$/);
    const form = page.getByRole('form', { name: 'New API key' });
    await form.getByRole('button', { name: 'Create key' }).click();
    await form.getByText('Give the key a name.').waitFor();
    const name = `e2e key ${run}`;
    await form.getByLabel('Key name').fill(name);
    await form.getByLabel('Role').selectOption('MEMBER');
    await form.getByLabel('Expires in').selectOption('30');
    await form.getByRole('button', { name: 'Create key' }).click();

    const secretBox = page.getByRole('region', { name: /created: copy its secret now/ });
    const secret = (await secretBox.getByLabel('API key secret').textContent()).trim();
    assert.match(secret, /^rl_[A-Za-z0-9]{12}_[A-Za-z0-9]{32}$/);
    const mlflow = await secretBox.getByLabel('MLflow (existing scripts, unchanged)').textContent();
    assert.ok(mlflow.includes(`export MLFLOW_TRACKING_URI=${BASE_URL}\n`), mlflow);
    assert.ok(mlflow.includes(`export MLFLOW_TRACKING_TOKEN=${secret}`));
    const curl = await secretBox.getByLabel('Native API (curl)').textContent();
    assert.equal(curl, `curl -H "Authorization: Bearer ${secret}" ${BASE_URL}/api/v1/projects`);
    await screenshots(page, 'admin-api-key-secret');

    // The key works, with the snippet's own call and with MLflow's API under the tracking URI.
    const projects = await fetch(`${BASE_URL}/api/v1/projects`, { headers: { Authorization: `Bearer ${secret}` } });
    assert.equal(projects.status, 200);
    const experiments = await fetch(`${BASE_URL}/api/2.0/mlflow/experiments/search?max_results=1`, { headers: { Authorization: `Bearer ${secret}` } });
    assert.equal(experiments.status, 200, 'MLflow is served under the tracking URI the snippet names');

    // Once closed, the secret is gone for good; the table shows its prefix only.
    await secretBox.getByRole('button', { name: 'I have copied it' }).click();
    await secretBox.waitFor({ state: 'detached' });
    assert.equal(await page.getByText(secret).count(), 0);
    const row = page.getByRole('table', { name: 'API keys' }).getByRole('row').filter({ hasText: name });
    await row.getByText(`${secret.slice(0, 15)}…`).waitFor();
    await row.getByText('Member').waitFor();
    await screenshots(page, 'admin-api-keys');

    await row.getByRole('button', { name: /^Revoke key/ }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('stops working immediately').waitFor();
    await dialog.getByRole('button', { name: 'Revoke key' }).click();
    await row.getByText('revoked').waitFor();
    const after = await fetch(`${BASE_URL}/api/v1/projects`, { headers: { Authorization: `Bearer ${secret}` } });
    assert.equal(after.status, 401, 'a revoked key is refused at once');
    assert.deepEqual(unexpected(errors, [AMBIGUOUS]), []);
  });

  it('creates a service account, gives it a key that works, and deletes it (revoking the key)', async () => {
    const { page, errors } = session;
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Service accounts' }).click();
    await page.waitForURL(/\/admin\/service-accounts$/);
    const accountName = `ci-${run}`;
    const form = page.getByRole('form', { name: 'New service account' });
    await form.getByLabel('Service account name').fill(accountName);
    await form.getByLabel('Role').selectOption('MEMBER');
    await form.getByRole('button', { name: 'Create service account' }).click();
    const card = page.getByRole('listitem', { name: `Service account ${accountName}` });
    await card.getByText('0 active keys').waitFor();

    await card.getByRole('button', { name: 'New key' }).click();
    const keyForm = card.getByRole('form', { name: `New key for ${accountName}` });
    // A member service account's key can be at most a member.
    assert.deepEqual(await keyForm.getByLabel('Role').locator('option').allTextContents(), ['Viewer', 'Member']);
    await keyForm.getByLabel('Key name').fill('pipeline');
    await keyForm.getByRole('button', { name: 'Create key' }).click();
    const secret = (await card.getByLabel('API key secret').textContent()).trim();
    const works = await fetch(`${BASE_URL}/api/v1/projects`, { headers: { Authorization: `Bearer ${secret}` } });
    assert.equal(works.status, 200);
    await screenshots(page, 'admin-service-account-key');
    await card.getByRole('button', { name: 'I have copied it' }).click();
    await card.getByText('1 active key').waitFor();
    await card.getByRole('table', { name: `Keys of ${accountName}` }).getByText(`${accountName} (service account)`).waitFor();
    await screenshots(page, 'admin-service-accounts');

    await card.getByRole('button', { name: `Delete service account ${accountName}` }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete service account' }).click();
    await card.waitFor({ state: 'detached' });
    const gone = await fetch(`${BASE_URL}/api/v1/projects`, { headers: { Authorization: `Bearer ${secret}` } });
    assert.equal(gone.status, 401, 'deleting the account revoked its key');
    assert.deepEqual(unexpected(errors, [AMBIGUOUS]), []);
  });

  it('checks an identity provider form on the client before sending it', async () => {
    const { page, errors } = session;
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Identity providers' }).click();
    await page.waitForURL(/\/admin\/identity-providers$/);
    // The demo links no provider; the page teaches what one is for.
    await page.getByRole('heading', { name: 'No identity providers linked' }).waitFor();
    await page.getByRole('button', { name: 'Add identity provider' }).click();
    const form = page.getByRole('form', { name: 'Add an identity provider' });
    await form.getByLabel('Alias').fill('Not OK');
    await form.getByLabel('Email domains').fill('example.com, nope');
    await form.getByRole('button', { name: 'Link provider' }).click();
    await form.getByText('Use 1–40 lowercase letters, digits or dashes.').waitFor();
    await form.getByText('“nope” is not an email domain.').waitFor();
    assert.equal(await form.getByText('Required.').count(), 4, 'authorization URL, token URL, client id and secret');
    await form.getByLabel('SAML 2.0').check();
    await form.getByLabel('Single sign-on service URL').waitFor();
    assert.equal(await form.getByText('Required.').count(), 2, 'SSO URL and entity id');
    await screenshots(page, 'admin-identity-providers');
    await form.getByRole('button', { name: 'Cancel' }).click();
    assert.deepEqual(unexpected(errors, [AMBIGUOUS]), []);
  });

  it('shows the audit log of those actions, filtered by action, actor and days in the URL, and exports it', async () => {
    const { page, errors } = session;
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Audit log' }).click();
    await page.waitForURL(/\/admin\/audit-log$/);
    const table = page.getByRole('table', { name: 'Audit log' });
    for (const action of ['member.invited', 'member.role_changed', 'member.removed', 'api_key.created', 'api_key.revoked', 'service_account.deleted']) {
      await table.getByRole('cell', { name: action, exact: true }).first().waitFor();
    }

    await page.getByLabel('Action').fill('api_key.*');
    await page.getByLabel('Action').press('Enter');
    await page.waitForURL(/action=api_key\.\*/);
    await table.getByRole('cell', { name: 'member.invited' }).first().waitFor({ state: 'detached' });
    await table.getByRole('cell', { name: 'api_key.created' }).first().waitFor();
    const actions = await table.locator('tbody tr td:nth-child(3)').allTextContents();
    assert.ok(actions.length >= 2 && actions.every((a) => a.startsWith('api_key.')), actions.join());

    const adam = (await apiAs(adminKey(), 'GET', '/api/v1/members?limit=200')).body.items.find((m) => m.email === 'adam@acme.test');
    await page.getByLabel('Actor').selectOption(adam.userId);
    await page.waitForURL(new RegExp(`actor=${adam.userId}`));
    const today = new Date().toISOString().slice(0, 10);
    await page.getByLabel('From (UTC)').fill(today);
    await page.getByLabel('To (UTC, inclusive)').fill(today);
    await page.waitForURL(new RegExp(`to=${today}`));
    await table.getByRole('cell', { name: 'api_key.revoked' }).first().waitFor();
    await screenshots(page, 'admin-audit-log');

    // The export is the same filter's entries as a file.
    const link = page.getByRole('link', { name: 'Export CSV' });
    const href = await link.getAttribute('href');
    assert.ok(href.startsWith('/api/v1/audit-log/export?') && href.includes('action=api_key.*') && href.includes('format=csv'), href);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.match(csv.split('\r\n')[0], /^id,at,actorKind,actorId,action/);
    assert.ok(csv.includes('api_key.created') && csv.includes('api_key.revoked'));
    assert.ok(!csv.includes('member.invited'), 'only what the filter matches');

    // A pasted link reproduces the view; an impossible window is the server's plain message at the dates.
    await page.goto(`/admin/audit-log?action=api_key.*&from=${today}&to=2020-01-01`);
    await page.getByText('from must be before to').waitFor();
    // That 400 was asked for: the page shares its error list with the next tests.
    errors.splice(0, errors.length, ...unexpected(errors, [/status of 400 .*\/api\/v1\/audit-log\?/]));
    assert.deepEqual(unexpected(errors, [AMBIGUOUS]), []);
  });

  it('rings the bell for a budget alert and marks it read', async () => {
    const { page, errors } = session;
    // A budget far below the demo's usage: the next evaluation (every 30 s) raises its alerts and notifications.
    const budget = await apiAs(adminKey(), 'POST', '/api/v1/budgets', { name: `e2e bell ${run}`, meter: 'DATA_POINTS', limit: 1000, hardCap: false });
    assert.equal(budget.status, 201);
    try {
      let unread = [];
      for (let i = 0; i < 50 && unread.length === 0; i++) {
        const listed = await apiAs(adminKey(), 'GET', '/api/v1/notifications?limit=50');
        unread = listed.body.items.filter((n) => !n.readAt && n.title.includes(`e2e bell ${run}`));
        if (unread.length === 0) await new Promise((resolve) => setTimeout(resolve, 2000));
      }
      assert.ok(unread.length > 0, 'the budget raised a notification');
      await page.goto('/admin/members');
      const bell = page.getByRole('button', { name: /^Notifications, \d+ unread$/ });
      const before = Number((await bell.getAttribute('aria-label')).match(/(\d+) unread/)[1]);
      assert.ok(before >= unread.length);
      await bell.click();
      const popover = page.getByRole('dialog', { name: 'Notifications' });
      const item = popover.getByRole('listitem').filter({ hasText: `e2e bell ${run}` }).first();
      await item.getByRole('link', { name: 'Open budgets' }).waitFor();
      await screenshots(page, 'notifications-bell', async () => {
        if (!(await popover.isVisible())) await bell.click();
      });
      if (!(await popover.isVisible())) await bell.click();
      await item.getByRole('button', { name: /^Mark “.*” as read$/ }).click();
      await page.getByRole('button', { name: before - 1 === 0 ? 'Notifications, none unread' : `Notifications, ${before - 1} unread` }).waitFor();
    } finally {
      await apiAs(adminKey(), 'DELETE', `/api/v1/budgets/${budget.body.budget.id}`);
    }
    assert.deepEqual(unexpected(errors, [AMBIGUOUS]), []);
  });
});

describe('organisation settings for other roles', () => {
  it('tells the last owner why they cannot step down', async () => {
    const { page, errors, context } = await openPage();
    try {
      const { email, password } = login('OWNER');
      await page.goto('/');
      await page.getByRole('link', { name: 'Sign in' }).click();
      await keycloakLogin(page, email, password);
      await page.waitForURL((url) => url.origin === new URL(BASE_URL).origin);
      await page.getByRole('heading', { name: 'Projects' }).waitFor();
      await page.goto('/admin/members');
      const alice = memberRow(page, 'alice@acme.test');
      await alice.getByRole('combobox', { name: 'Role of alice@acme.test' }).selectOption('ADMIN');
      await alice.getByText('This is the last owner. An organisation always keeps at least one owner').waitFor();
      await screenshots(page, 'admin-members-last-owner');
      const members = await apiAs(adminKey(), 'GET', '/api/v1/members?limit=200');
      assert.equal(members.body.items.find((m) => m.email === 'alice@acme.test').role, 'OWNER');
      assert.deepEqual(unexpected(errors, [SIGNED_OUT, /status of 409 .*\/api\/v1\/members\//]), []);
    } finally {
      await context.close();
    }
  });

  it('shows a viewer the members read-only, no admin tabs, no bell, and a plain state on admin pages', async () => {
    const { page, errors, context } = await openPage();
    try {
      const { email, password } = login('VIEWER');
      await page.goto('/');
      await page.getByRole('link', { name: 'Sign in' }).click();
      await keycloakLogin(page, email, password);
      await page.waitForURL((url) => url.origin === new URL(BASE_URL).origin);
      await page.getByRole('heading', { name: 'Projects' }).waitFor();
      assert.equal(await page.getByRole('button', { name: /^Notifications/ }).count(), 0, 'no bell for a viewer');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await memberRow(page, 'adam@acme.test').waitFor();
      const tabs = await page.getByRole('navigation', { name: 'Settings' }).getByRole('link').allTextContents();
      assert.deepEqual(tabs, ['Members']);
      assert.equal(await page.getByRole('form', { name: 'Invite a person' }).count(), 0);
      assert.equal(await page.getByRole('table', { name: 'Members' }).getByRole('combobox').count(), 0);
      assert.equal(await page.getByRole('button', { name: /^Remove / }).count(), 0);
      assert.equal(await page.getByRole('table', { name: 'Pending invitations' }).count(), 0);
      await memberRow(page, 'victor@acme.test').getByText('(you)').waitFor();
      await screenshots(page, 'admin-members-viewer');

      await page.goto('/admin/api-keys');
      await page.getByRole('heading', { name: 'Only admins can see the API keys' }).waitFor();
      assert.equal(await page.getByRole('form', { name: 'New API key' }).count(), 0);
      await screenshots(page, 'admin-api-keys-viewer');
      await page.goto('/admin/audit-log');
      await page.getByRole('heading', { name: 'Only admins can see the audit log' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Export CSV' }).count(), 0);
      assert.equal(await page.getByRole('alert').count(), 0, 'a refusal is a state, not an error');
      assert.deepEqual(unexpected(errors, [SIGNED_OUT, /status of 403 .*\/api\/v1\/(api-keys|audit-log|service-accounts)/]), []);
    } finally {
      await context.close();
      await close();
    }
  });
});
