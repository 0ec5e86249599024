/**
 * The newcomer's journey in the browser, against real Keycloak and the local mail sink: create an account on
 * Keycloak's registration form, verify the address from the e-mail Keycloak sent, create an organisation, a first
 * project and a first API key, log a run with that key through the MLflow REST API and see it in the project; then
 * invite a colleague, who follows the invitation link, creates an account and lands in the organisation with the role
 * given.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { BASE_URL, ROOT, close, openPage, runRows, screenshots, SIGNED_OUT, unexpected } from './harness.mjs';

const MAIL_DIR = process.env.RUNLEDGER_MAIL_DIR || join(ROOT, '.runledger', 'data', 'mail');
const stamp = Date.now().toString(36);
const owner = { email: `owner-${stamp}@newco.test`, password: `Pw-${stamp}-owner!`, first: 'Olga', last: 'Owner' };
const colleague = { email: `colleague-${stamp}@newco.test`, password: `Pw-${stamp}-colleague!`, first: 'Carl', last: 'Colleague' };
const orgName = `Newco ${stamp}`;
const orgSlug = `newco-${stamp}`;

after(close);

/** Quoted-printable soft breaks and escapes, then HTML's &amp;: enough to read a link out of Keycloak's e-mail. */
function decode(message) {
  return message
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)))
    .replaceAll('&amp;', '&');
}

/** The link in the newest e-mail to `to` that arrived after `since` (ms), waiting for it to arrive. */
async function linkInMail(to, since) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (existsSync(MAIL_DIR)) {
      const mails = readdirSync(MAIL_DIR)
        .filter((name) => name.endsWith('.eml') && !name.startsWith('.'))
        .map((name) => readFileSync(join(MAIL_DIR, name), 'utf8'))
        .filter((text) => text.split('\r\n', 2)[1]?.includes(`<${to}>`));
      for (const mail of mails.reverse()) {
        const link = decode(mail).match(/https?:\/\/[^\s"<>]*login-actions\/action-token[^\s"<>]*/)?.[0];
        if (link) return link;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no e-mail with a link to ${to} in ${MAIL_DIR} since ${new Date(since).toISOString()}`);
}

/** Keycloak's registration form (e-mail as username), then the e-mailed verification link, back to the app. */
async function register(page, person) {
  await page.locator('#kc-register-form').waitFor();
  await page.locator('#email').fill(person.email);
  await page.locator('#password').fill(person.password);
  await page.locator('#password-confirm').fill(person.password);
  await page.locator('#firstName').fill(person.first);
  await page.locator('#lastName').fill(person.last);
  const sent = Date.now();
  await page.locator('#kc-register-form [type=submit]').click();
  await page.getByText(/verify your email/i).first().waitFor();
  const link = await linkInMail(person.email, sent);
  await page.goto(link);
  // Keycloak continues the login it started; some versions ask for one more click.
  const proceed = page.getByRole('link', { name: /click here to proceed/i });
  const back = (url) => url.origin === new URL(BASE_URL).origin;
  await Promise.race([
    page.waitForURL(back).catch(() => {}),
    proceed.waitFor({ timeout: 20_000 }).then(() => proceed.click(), () => {}),
  ]);
  await page.waitForURL(back);
}

/** The MLflow REST API as a script with the key would call it. */
async function mlflow(key, path, body) {
  const answer = await fetch(`${BASE_URL}/api/2.0/mlflow/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await answer.text();
  assert.equal(answer.status, 200, `${path}: ${text}`);
  return JSON.parse(text);
}

describe('sign-up and onboarding', () => {
  const state = {};

  it('a newcomer creates an account, verifies the address, creates an organisation, a project and a key, and logs an MLflow run with it', async () => {
    const { context, page, errors } = await openPage();
    state.owner = { context, page, errors };
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in to Runledger' }).waitFor();
    await screenshots(page, 'signin');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await register(page, owner);

    // Signed in, in no organisation yet: the first thing asked is to create one.
    await page.getByRole('heading', { name: 'Welcome to Runledger' }).waitFor();
    const form = page.getByRole('form', { name: 'New organisation' });
    await form.getByRole('button', { name: 'Create organisation' }).click();
    await form.getByText('Give your organisation a name.').waitFor();
    await form.getByLabel('Organisation name').fill(orgName);
    assert.equal(await form.getByLabel('Short name (in links and the API)').inputValue(), orgSlug);
    await screenshots(page, 'create-organisation');
    await form.getByRole('button', { name: 'Create organisation' }).click();

    // Getting started: project, key, first run.
    await page.waitForURL(/\/welcome$/);
    await page.getByRole('heading', { name: `Getting started with ${orgName}` }).waitFor();
    const project = page.getByRole('form', { name: 'New project' });
    await project.getByLabel('Project name').fill('Image classification');
    await project.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('listitem', { name: /Step 1: Create a project \(done\)/ }).waitFor();
    await page.getByRole('form', { name: 'New API key' }).getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.getByLabel('API key secret').textContent()).trim();
    assert.match(secret, /^rl_[A-Za-z0-9]{12}_[A-Za-z0-9]{32}$/);
    const mlflowLines = await page.getByLabel('Python, with the MLflow client you already use').textContent();
    assert.ok(mlflowLines.includes(`MLFLOW_TRACKING_TOKEN=${secret}`), 'the snippet carries the new key');
    assert.ok(mlflowLines.includes('mlflow.set_experiment("Image classification")'), 'and the new project');
    await screenshots(page, 'welcome-key');

    // What the snippet does, as MLflow's client sends it: the project is the experiment of its name.
    const experiment = await mlflow(secret, 'experiments/get-by-name?experiment_name=Image%20classification');
    const run = await mlflow(secret, 'runs/create', {
      experiment_id: experiment.experiment.experiment_id,
      run_name: 'first-run',
      start_time: Date.now(),
    });
    const runId = run.run.info.run_id;
    await mlflow(secret, 'runs/log-batch', {
      run_id: runId,
      params: [{ key: 'lr', value: '0.001' }],
      metrics: Array.from({ length: 20 }, (_, step) => ({ key: 'loss', value: 1 / (step + 1), timestamp: Date.now(), step })),
    });
    await mlflow(secret, 'runs/update', { run_id: runId, status: 'FINISHED', end_time: Date.now() });

    await page.getByRole('button', { name: 'I have copied it' }).click();
    await page.getByRole('listitem', { name: /Step 2: .* \(done\)/ }).waitFor();
    await page.getByRole('link', { name: 'Image classification' }).first().click();
    await runRows(page).filter({ hasText: 'first-run' }).first().waitFor();
    assert.deepEqual(unexpected(errors, [SIGNED_OUT]), []);
  });

  it('an invited colleague follows the link, creates an account and lands in the organisation with the role given', async () => {
    const { page } = state.owner;
    await page.goto('/admin/members');
    const invite = page.getByRole('form', { name: 'Invite a person' });
    await invite.getByLabel('Invite by email').fill(colleague.email);
    await invite.getByLabel('Role').selectOption('MEMBER');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    const link = (await invite.locator('.invite-link code').textContent()).trim();
    assert.equal(link, `${BASE_URL}/join?org=${orgSlug}`);

    const second = await openPage({ scheme: 'dark' });
    await second.page.goto(link);
    await second.page.getByRole('heading', { name: `Join ${orgSlug} on Runledger` }).waitFor();
    await screenshots(second.page, 'join-invitation');
    await second.page.getByRole('link', { name: 'Create an account' }).click();
    await register(second.page, colleague);

    // Back on the remembered /join page, the app asks in the invited organisation, which accepts the invitation.
    await second.page.getByRole('heading', { name: `You are in ${orgName}` }).waitFor();
    await second.page.getByText('You joined as member.').waitFor();
    await screenshots(second.page, 'joined');
    await second.page.getByRole('link', { name: 'Open its projects' }).click();
    await second.page.getByRole('heading', { name: 'Projects' }).waitFor();
    await second.page.getByText(`${orgName}'s projects.`).waitFor();
    await second.page.getByRole('button', { name: 'Account' }).click();
    await second.page.getByText(`Signed in to ${orgSlug} as member`).waitFor();
    await second.page.keyboard.press('Escape');
    await second.page.getByRole('link', { name: 'Image classification' }).first().waitFor();
    assert.deepEqual(unexpected(second.errors, [SIGNED_OUT]), []);

    // The owner sees the colleague as a member now, and the invitation as taken.
    await page.reload();
    await page.getByRole('table', { name: 'Members' }).getByRole('row').filter({ hasText: colleague.email }).waitFor();
    assert.deepEqual(unexpected(state.owner.errors, [SIGNED_OUT]), []);
    await second.context.close();
    await state.owner.context.close();
  });
});
