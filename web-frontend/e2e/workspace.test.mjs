import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { close, keycloakLogin, login, openPage, projectId, screenshots, signIn, SIGNED_OUT, unexpected } from './harness.mjs';

after(close);

describe('arriving and signing in', () => {
  it('shows a sign-in page to a stranger and the organisation’s projects after signing in through Keycloak', async () => {
    const { page, errors, context } = await openPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in to Runledger' }).waitFor();
    await screenshots(page, 'sign-in');

    await signIn(page, 'MEMBER');

    const projects = page.getByRole('list', { name: 'Projects' });
    await projects.getByRole('link', { name: /Vision/ }).waitFor();
    assert.ok(await projects.getByRole('link', { name: /NLP/ }).isVisible());
    assert.ok(await projects.getByRole('link', { name: /Demo/ }).isVisible());
    assert.equal(await page.getByRole('navigation', { name: 'Breadcrumbs' }).textContent(), 'acme/Projects');
    await screenshots(page, 'projects');
    assert.deepEqual(unexpected(errors, [SIGNED_OUT]), []);
    await context.close();
  });

  it('sends a signed-out visitor of a project link through sign-in and back to that exact view', async () => {
    const vision = await projectId('vision');
    const { page, errors, context } = await openPage();
    const view = `/projects/${vision}?q=${encodeURIComponent("state = 'FAILED'")}`;
    await page.goto(view);
    await page.getByRole('heading', { name: 'Sign in to Runledger' }).waitFor();
    await page.getByRole('link', { name: 'Sign in' }).click();
    // The owner: a person in one organisation (adam, the demo's person in two, is the switcher's test).
    const { email, password } = login('OWNER');
    await keycloakLogin(page, email, password);

    await page.getByRole('combobox', { name: 'Filter runs' }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/projects/${vision}`);
    assert.equal(await page.getByRole('combobox', { name: 'Filter runs' }).inputValue(), "state = 'FAILED'");
    assert.deepEqual(unexpected(errors, [SIGNED_OUT]), []);
    await context.close();
  });
});
