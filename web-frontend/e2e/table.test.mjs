import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { projectId, runRows, runTotal, screenshots, signedInForFile } from './harness.mjs';

/**
 * The runs table's columns (resize, reorder, pin), the AND/OR filter builder, "select all matching" and the bulk
 * actions. Bulk changes that remove runs happen in project nlp (12 runs) and are undone, so other files' counts hold;
 * in vision (the sweep and its companion runs; counted by the API) a tag is added to all of them and removed again.
 */
let vision;
let nlp;
/** How many runs vision has, and the table's "N runs" count for it. */
let total;
let counted;
const session = signedInForFile('MEMBER');
before(async () => {
  vision = await projectId('vision');
  nlp = await projectId('nlp');
  total = await runTotal(vision);
  counted = new RegExp(`^${total} runs`);
});

const rows = runRows;
/** The group cell's index in a row of the nlp table below (checkbox, name, state, group). */
const COLUMN_GROUP = 3;
const COLS = ['name', 'state', 'created', 'p:optimizer.name', 'p:lr', 'm:last:val/loss', 'm:min:val/loss', 'm:max:val/loss', 'm:last:train/loss', 'user', 'duration', 'group'];
const searchParam = (page, name) => {
  const raw = new URL(page.url()).searchParams.get(name);
  return raw === null ? undefined : JSON.parse(raw);
};

describe('the runs table columns', () => {
  it('resizes by dragging or with the keyboard, reorders by dragging or Alt+arrows, pins columns that stay while scrolling sideways', async () => {
    const { page, errors } = session;
    await page.goto(`/projects/${vision}?charts=hide&cols=${encodeURIComponent(JSON.stringify(COLS))}`);
    await page.getByText(counted).waitFor();
    const table = page.getByRole('table', { name: 'Runs' });

    // Keyboard: the separator at a header's edge takes ←/→ (16 px a step).
    const handle = table.getByRole('separator', { name: 'Width of State' });
    const before = Number(await handle.getAttribute('aria-valuenow'));
    await handle.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.waitForURL((url) => url.searchParams.get('w')?.includes('"state":' + (before + 32)));
    assert.equal(Number(await handle.getAttribute('aria-valuenow')), before + 32);

    // Pointer: drag the edge of Created 80 px to the right; the header grows by that much.
    const created = table.getByRole('columnheader', { name: /^Created/ });
    const box = await created.boundingBox();
    const edge = await table.getByRole('separator', { name: 'Width of Created' }).boundingBox();
    await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
    await page.mouse.down();
    await page.mouse.move(edge.x + edge.width / 2 + 40, edge.y + edge.height / 2, { steps: 4 });
    await page.mouse.move(edge.x + edge.width / 2 + 80, edge.y + edge.height / 2, { steps: 4 });
    await page.mouse.up();
    await page.waitForURL((url) => url.searchParams.get('w')?.includes('"created"'));
    const wider = await created.boundingBox();
    assert.ok(Math.abs(wider.width - (box.width + 80)) <= 2, `created ${box.width} → ${wider.width}`);
    assert.equal((await rows(page).first().getByRole('cell').nth(3).boundingBox()).width, wider.width, 'rows follow the header');

    // Reorder with the keyboard: Alt+→ on the State header moves it one place right.
    await table.getByRole('columnheader', { name: /^State/ }).getByRole('button').focus();
    await page.keyboard.press('Alt+ArrowRight');
    await page.waitForURL((url) => (searchParam(page, 'cols') ?? [])[2] === 'state');
    // Reorder by dragging: the lr header onto the optimizer header.
    await table.getByRole('columnheader', { name: /^lr/ }).dragTo(table.getByRole('columnheader', { name: /^optimizer\.name/ }));
    await page.waitForURL((url) => {
      const cols = JSON.parse(url.searchParams.get('cols') ?? '[]');
      return cols.indexOf('p:lr') < cols.indexOf('p:optimizer.name');
    });

    // Pin val/loss from the column picker (its keyboard way, with move left/right) and scroll sideways.
    await page.getByRole('button', { name: /^Columns/ }).click();
    await page.getByRole('button', { name: 'Pin val/loss' }).click();
    await page.waitForURL((url) => url.searchParams.get('pin') !== null);
    assert.deepEqual(searchParam(page, 'pin'), ['m:last:val/loss']);
    await page.getByRole('button', { name: 'Move duration left' }).click();
    await page.waitForURL((url) => {
      const cols = JSON.parse(url.searchParams.get('cols') ?? '[]');
      return cols.indexOf('duration') < cols.indexOf('user');
    });
    await page.keyboard.press('Escape');
    const pinnedHeader = table.getByRole('columnheader', { name: /^val\/loss/ });
    const pinnedAt = (await pinnedHeader.boundingBox()).x;
    const nameHeader = table.getByRole('columnheader', { name: /^Name/ });
    assert.ok(pinnedAt < (await table.getByRole('columnheader', { name: /^State/ }).boundingBox()).x, 'pinned columns come right after name');
    await table.evaluate((el) => el.scrollBy({ left: 600 }));
    await page.waitForFunction(() => document.querySelector('[role=table]').scrollLeft > 0);
    assert.equal((await pinnedHeader.boundingBox()).x, pinnedAt, 'the pinned header stays put');
    assert.ok((await nameHeader.boundingBox()).x < pinnedAt, 'name stays too');
    const scrolledState = await table.getByRole('columnheader', { name: /^State/ }).boundingBox();
    assert.ok(scrolledState === null || scrolledState.x < pinnedAt, 'unpinned columns slide under the pinned ones');
    await screenshots(page, 'runs-columns');
    await table.evaluate((el) => el.scrollTo({ left: 0 }));

    // A saved view keeps widths and pins.
    const name = `wide ${Date.now()}`;
    await page.getByRole('button', { name: 'Views' }).click();
    const menu = page.getByRole('dialog', { name: 'Saved views' });
    await menu.getByLabel('Name of the new view').fill(name);
    await menu.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: `View: ${name}`, exact: true }).waitFor();
    const saved = new URL(page.url());
    await page.goto(`/projects/${vision}`);
    await page.getByText(counted).waitFor();
    await page.getByRole('button', { name: 'Views' }).click();
    await page.getByRole('dialog', { name: 'Saved views' }).getByRole('button', { name, exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('pin') !== null);
    assert.deepEqual(searchParam(page, 'w'), JSON.parse(saved.searchParams.get('w')));
    assert.deepEqual(searchParam(page, 'pin'), ['m:last:val/loss']);
    await page.getByRole('button', { name: `View: ${name}`, exact: true }).click();
    await page.getByRole('button', { name: `Delete view ${name}` }).click();
    assert.deepEqual(errors, []);
  });
});

describe('the filter builder', () => {
  it('writes AND/OR conditions with a group into the query box and reads back what it can show', async () => {
    const { page, errors } = session;
    await page.goto(`/projects/${vision}?charts=hide`);
    await page.getByText(counted).waitFor();
    await page.getByRole('button', { name: 'Builder' }).click();
    const builder = page.getByRole('dialog', { name: 'Filter builder' });
    await builder.getByLabel('Field').first().fill('params.optimizer.name');
    await builder.getByLabel('Value').first().fill('adamw');
    await builder.getByRole('button', { name: '+ Group' }).click();
    const group = builder.locator('fieldset');
    await group.getByLabel('Field').nth(0).fill('metrics.val/loss');
    await group.getByLabel('Operator').nth(0).selectOption('<');
    await group.getByLabel('Value').nth(0).fill('1.5');
    await group.getByLabel('Field').nth(1).fill('state');
    await group.getByLabel('Value').nth(1).fill('RUNNING');
    const expected = "params.optimizer.name = 'adamw' and (metrics.val/loss < 1.5 or state = 'RUNNING')";
    assert.equal(await builder.getByLabel('Query').textContent(), expected);
    await screenshots(page, 'runs-filter-builder');
    await builder.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === expected);
    await page.locator('[role=table][aria-busy=false]').waitFor();
    assert.equal(await page.getByRole('combobox', { name: 'Filter runs' }).inputValue(), expected);

    // Reopened, it shows the rows of the query in the box.
    await page.getByRole('button', { name: 'Builder' }).click();
    assert.equal(await builder.getByLabel('Field').count(), 3);
    assert.equal(await builder.getByLabel('Join of group 2').inputValue(), 'or');
    await page.keyboard.press('Escape');

    // A query it cannot show: it says so and leaves the text alone.
    const filter = page.getByRole('combobox', { name: 'Filter runs' });
    await filter.fill("not state = 'RUNNING'");
    await filter.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === "not state = 'RUNNING'");
    await page.getByRole('button', { name: 'Builder' }).click();
    await builder.getByRole('note').getByText(/uses NOT or deeper nesting/).waitFor();
    await builder.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await filter.inputValue(), "not state = 'RUNNING'");
    assert.deepEqual(errors, []);
  });
});

describe('selecting and changing runs in bulk', () => {
  it('selects all runs matching, tags them on the server and removes the tag again', async () => {
    const { page, errors } = session;
    await page.goto(`/projects/${vision}?charts=hide`);
    await page.getByText(counted).waitFor();
    // The selection lives in the URL, so the box turns checked a moment after the click (a navigation): click, then
    // wait for what the selection shows, rather than check(), which wants the state at once.
    await page.getByRole('checkbox', { name: 'Select all loaded runs' }).click();
    await page.getByRole('checkbox', { name: 'Select all loaded runs' }).and(page.locator(':checked')).waitFor();
    const bar = page.getByRole('region', { name: 'Selection' });
    await bar.getByText('200 selected.').waitFor();
    await bar.getByRole('button', { name: `Select all ${total} runs matching in this project` }).click();
    await bar.getByText(`All ${total} runs matching in this project are selected.`).waitFor();
    await page.getByText(`${total} runs · ${total} selected`).waitFor();
    assert.equal(new URL(page.url()).searchParams.get('sel'), null, 'no ids in the URL');
    await screenshots(page, 'runs-select-all');

    await bar.getByRole('button', { name: 'Tags…' }).click();
    const tags = page.getByRole('dialog', { name: 'Tag the selected runs' });
    await tags.getByLabel('Key').fill('e2e-batch');
    await tags.getByLabel('Value').fill('1');
    await tags.getByRole('button', { name: 'Add tag' }).click();
    await page.getByRole('status').filter({ hasText: `Tagged ${total} runs e2e-batch:1.` }).waitFor();

    await bar.getByRole('button', { name: 'Tags…' }).click();
    await tags.getByLabel('Key').fill('e2e-batch');
    await tags.getByRole('button', { name: 'Remove tag e2e-batch' }).click();
    await page.getByRole('status').filter({ hasText: `Removed tag e2e-batch from ${total} runs.` }).waitFor();
    assert.deepEqual(errors, []);
  });

  it('deletes all matching runs and undoes exactly that, moves runs to a group, and restores a deleted run', async () => {
    const { page, errors } = session;
    await page.goto(`/projects/${nlp}?charts=hide&cols=${encodeURIComponent(JSON.stringify(['name', 'state', 'group']))}&q=${encodeURIComponent("name LIKE 'ft-%'")}`);
    await page.getByText(/^\d+ runs/).waitFor();
    const count = Number((await page.getByText(/^\d+ runs/).textContent()).match(/^(\d+)/)[1]);
    assert.ok(count >= 2, `ft runs: ${count}`);
    // The selection lives in the URL, so the box turns checked a moment after the click (a navigation): click, then
    // wait for what the selection shows, rather than check(), which wants the state at once.
    await page.getByRole('checkbox', { name: 'Select all loaded runs' }).click();
    await page.getByRole('checkbox', { name: 'Select all loaded runs' }).and(page.locator(':checked')).waitFor();
    const bar = page.getByRole('region', { name: 'Selection' });
    await bar.getByRole('button', { name: `Delete ${count}` }).click();
    const toast = page.getByRole('status').filter({ hasText: `Deleted ${count} runs.` });
    await toast.waitFor();
    await page.getByText(/^0 runs/).waitFor();
    await toast.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('status').filter({ hasText: `Restored ${count} runs.` }).waitFor();
    await page.getByText(new RegExp(`^${count} runs`)).waitFor();

    // Group two runs, take them out of any group, then put them back where they were.
    const groupCell = (i) => rows(page).nth(i).getByRole('cell').nth(COLUMN_GROUP);
    const original = await groupCell(0).textContent();
    assert.equal(await groupCell(1).textContent(), original, 'the first two runs share a group');
    await rows(page).nth(0).getByRole('checkbox').click();
    await rows(page).nth(1).getByRole('checkbox').click();
    await bar.getByRole('button', { name: 'Group…' }).click();
    const group = page.getByRole('dialog', { name: 'Move the selected runs to a group' });
    await group.getByLabel('Group').fill('e2e-group');
    await group.getByRole('button', { name: 'Move to group' }).click();
    await page.getByRole('status').filter({ hasText: 'Moved 2 runs to group e2e-group.' }).waitFor();
    await bar.getByRole('button', { name: 'Group…' }).click();
    await group.getByRole('button', { name: 'Clear group' }).click();
    await page.getByRole('status').filter({ hasText: 'Took 2 runs out of their group.' }).waitFor();
    await groupCell(0).getByText(original).waitFor({ state: 'detached' });
    if (original) {
      await bar.getByRole('button', { name: 'Group…' }).click();
      await group.getByLabel('Group').fill(original);
      await group.getByRole('button', { name: 'Move to group' }).click();
      await groupCell(1).getByText(original).waitFor();
    }

    // Delete one, show deleted runs, restore it.
    await bar.getByRole('button', { name: 'Clear selection' }).click();
    const name = await rows(page).nth(0).getByRole('link').textContent();
    await rows(page).nth(0).getByRole('checkbox').click();
    await bar.getByRole('button', { name: 'Delete 1' }).click();
    await page.getByText(new RegExp(`^${count - 1} runs`)).waitFor();
    await page.getByLabel('Show deleted').check();
    await page.getByText(new RegExp(`^${count} runs`)).waitFor();
    const deleted = rows(page).filter({ has: page.getByRole('link', { name, exact: true }) });
    await deleted.getByText('Deleted').waitFor();
    await screenshots(page, 'runs-show-deleted');
    await deleted.getByRole('checkbox').click();
    await bar.getByRole('button', { name: 'Restore' }).click();
    await page.getByRole('status').filter({ hasText: 'Restored 1 run.' }).waitFor();
    await deleted.getByText('Deleted').waitFor({ state: 'detached' });
    assert.deepEqual(errors, []);
  });
});
