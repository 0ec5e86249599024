import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { screenshots, signedInForFile, unexpected } from './harness.mjs';

/**
 * The demo's acme admin (adam) is also a member of globex: the sidebar offers to switch. Before any choice, a person
 * in several organisations gets the API's 400 ("choose one") once, which the app answers by choosing the first.
 */
const AMBIGUOUS = /status of 400 .*\/api\/v1\/organisation\)$/;
const session = signedInForFile('ADMIN');

describe('the organisation switcher', () => {
  it('lists the person’s organisations with their role and switches the whole workspace to another', async () => {
    const { page, errors } = session;
    await page.goto('/');
    const switcher = page.getByRole('button', { name: /^Organisation: Acme\. Switch organisation$/ });
    await switcher.click();
    const menu = page.getByRole('menu');
    await menu.getByRole('menuitem', { name: 'Acme' }).getByText('admin · current').waitFor();
    await menu.getByRole('menuitem', { name: 'Globex' }).getByText('member').waitFor();
    await screenshots(page, 'organisation-switcher');

    await menu.getByRole('menuitem', { name: 'Globex' }).click();
    await page.getByRole('button', { name: /^Organisation: Globex\./ }).waitFor();
    await page.getByRole('heading', { name: 'Projects' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Demo' }).waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Vision' }).count(), 0, 'acme’s projects are gone');
    await page.getByRole('button', { name: 'Account' }).getByText('member').waitFor();
    await screenshots(page, 'organisation-switched');

    // The choice survives a reload, and switching back restores acme.
    await page.reload();
    await page.getByRole('button', { name: /^Organisation: Globex\./ }).click();
    await page.getByRole('menu').getByRole('menuitem', { name: 'Acme' }).click();
    await page.getByRole('button', { name: /^Organisation: Acme\./ }).waitFor();
    assert.deepEqual(unexpected(errors, [AMBIGUOUS]), []);
    assert.equal(errors.filter((e) => AMBIGUOUS.test(e)).length, 1, 'once, before the first choice');
  });
});
