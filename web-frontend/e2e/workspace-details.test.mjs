import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  BASE_URL,
  devFile,
  projectId,
  runRows,
  runTotal,
  SCHEMES,
  screenshots,
  signedInForFile,
  signedInSession,
  VIEWPORTS,
} from './harness.mjs';

/**
 * The workspace's finer points: "all matching except these" with bulk actions on exactly those runs, the drop
 * indicator while a column is dragged, the "No recent activity" badge, run colours that differ among the runs drawn
 * together, the lineage graph at 1280 px and a long command on the run page. Changes (a tag) are made in vision and
 * taken away again.
 */
let vision;
let total;
const session = signedInForFile('MEMBER');
const rows = runRows;
const COLS = ['name', 'state', 'created', 'p:optimizer.name', 'p:lr', 'm:last:val/loss', 'user'];

before(async () => {
  vision = await projectId('vision');
  total = await runTotal(vision);
});

/** A run search through the API with the viewer's key (the test's own view of the server, not the UI's). */
async function search(filter, limit = 1000) {
  const key = devFile().orgs.find((o) => o.slug === 'acme').apiKeys.viewer;
  const answer = await fetch(`${BASE_URL}/api/v1/projects/${vision}/runs/search`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ filter, limit, count: true }),
  });
  assert.equal(answer.status, 200);
  return answer.json();
}

const searchParam = (page, name) => {
  const raw = new URL(page.url()).searchParams.get(name);
  return raw === null ? undefined : JSON.parse(raw);
};

describe('all matching except these', () => {
  it('unticking runs of "all matching" leaves them out, and a bulk tag reaches every other matching run', async () => {
    const { page, errors } = session;
    await page.goto(`/projects/${vision}?charts=hide`);
    await page.getByText(new RegExp(`^${total} runs`)).waitFor();
    await rows(page).first().getByRole('link').waitFor();
    // The selection lives in the URL, so the box turns checked a moment after the click (a navigation): click, then
    // wait for what the selection shows, rather than check(), which wants the state at once.
    await page.getByRole('checkbox', { name: 'Select all loaded runs' }).click();
    await page.getByRole('checkbox', { name: 'Select all loaded runs' }).and(page.locator(':checked')).waitFor();
    const bar = page.getByRole('region', { name: 'Selection' });
    await bar.getByRole('button', { name: `Select all ${total} runs matching in this project` }).click();
    await bar.getByText(`All ${total} runs matching in this project are selected.`).waitFor();

    // Untick the first and third run, then shift-click the fifth: the third to the fifth take its state (out).
    const name = async (i) => rows(page).nth(i).getByRole('link').textContent();
    const left = [await name(0), await name(2), await name(3), await name(4)];
    await rows(page).nth(0).getByRole('checkbox').click();
    await rows(page).nth(2).getByRole('checkbox').click();
    await rows(page).nth(4).getByRole('checkbox').click({ modifiers: ['Shift'] });
    await bar.getByText(`All ${total} runs matching in this project except 4 are selected: ${total} − 4 = ${total - 4}.`).waitFor();
    await page.getByText(`${total} runs · ${total - 4} selected`).waitFor();
    assert.equal(await rows(page).nth(1).getByRole('checkbox').isChecked(), true, 'the rest stay selected');
    assert.equal(await rows(page).nth(3).getByRole('checkbox').isChecked(), false);
    assert.equal(await page.getByRole('checkbox', { name: 'Select all loaded runs' }).evaluate((box) => box.indeterminate), true);
    assert.equal(searchParam(page, 'all'), true);
    assert.equal(searchParam(page, 'allx').length, 4, 'the left-out ids are in the URL');
    assert.equal(searchParam(page, 'sel'), undefined, 'no selected ids in the URL');
    // Tick the first run again: it is back in.
    await rows(page).nth(0).getByRole('checkbox').click();
    left.shift();
    await page.getByText(`${total} runs · ${total - 3} selected`).waitFor();
    await screenshots(page, 'runs-select-all-except');

    // The pasted link reproduces the selection.
    await page.reload();
    await page.getByText(`${total} runs · ${total - 3} selected`).waitFor();
    assert.equal(await rows(page).nth(2).getByRole('checkbox').isChecked(), false);

    // Tag them: the server tags every matching run but the three.
    await bar.getByRole('button', { name: 'Tags…' }).click();
    const tags = page.getByRole('dialog', { name: 'Tag the selected runs' });
    await tags.getByLabel('Key').fill('e2e-except');
    await tags.getByLabel('Value').fill('1');
    await tags.getByRole('button', { name: 'Add tag' }).click();
    await page.getByRole('status').filter({ hasText: `Tagged ${total - 3} runs e2e-except:1.` }).waitFor();
    const tagged = await search("tags.e2e-except = '1'");
    assert.equal(tagged.total, total - 3);
    const taggedNames = new Set(tagged.runs.map((r) => r.name));
    for (const out of left) assert.ok(!taggedNames.has(out), `${out} was left out`);

    // And take the tag away again (from the same runs).
    await bar.getByRole('button', { name: 'Tags…' }).click();
    await tags.getByLabel('Key').fill('e2e-except');
    await tags.getByRole('button', { name: 'Remove tag e2e-except' }).click();
    await page.getByRole('status').filter({ hasText: `Removed tag e2e-except from ${total - 3} runs.` }).waitFor();
    assert.equal((await search("tags.e2e-except = '1'")).total, 0);

    // "Take back" makes it all matching again; unticking every loaded run one by one never drops to the loaded rows.
    await bar.getByRole('button', { name: 'Take back the 3 left out' }).click();
    await bar.getByText(`All ${total} runs matching in this project are selected.`).waitFor();
    assert.equal(searchParam(page, 'allx'), undefined);
    assert.deepEqual(errors, []);
  });

  it('shows a viewer the same selection without any action that changes runs', async () => {
    const viewer = await signedInSession('VIEWER');
    try {
      const { page, errors } = viewer;
      const first = (await search('', 1)).runs[0];
      await page.goto(`/projects/${vision}?charts=hide&all=true&allx=${encodeURIComponent(JSON.stringify([first.id]))}`);
      const bar = page.getByRole('region', { name: 'Selection' });
      await bar.getByText(/except 1 are selected/).waitFor();
      assert.equal(await bar.getByRole('button', { name: 'Tags…' }).count(), 0);
      assert.equal(await bar.getByRole('button', { name: /^Delete/ }).count(), 0);
      assert.equal(await bar.getByRole('button', { name: 'Group…' }).count(), 0);
      await bar.getByRole('button', { name: 'Clear selection' }).waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await viewer.context.close();
    }
  });
});

describe('reordering columns by dragging', () => {
  it('shows a 2 px accent bar where the dragged column will land, then moves it there', async () => {
    const { page, errors } = session;
    await page.goto(`/projects/${vision}?charts=hide&cols=${encodeURIComponent(JSON.stringify(COLS))}`);
    await page.getByText(new RegExp(`^${total} runs`)).waitFor();
    const table = page.getByRole('table', { name: 'Runs' });
    const lr = table.getByRole('columnheader', { name: /^lr/ });
    const optimizer = table.getByRole('columnheader', { name: /^optimizer\.name/ });
    const created = table.getByRole('columnheader', { name: /^Created/ });
    const accent = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim());

    /** Starts dragging lr and holds it over `target`; answers the bar's side and look. */
    const hover = async (target) => {
      const from = await lr.boundingBox();
      const to = await target.boundingBox();
      await page.mouse.move(from.x + 20, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
      return target.evaluate((el) => {
        const bar = getComputedStyle(el, '::before');
        return { side: el.dataset.drop, width: bar.width, background: bar.backgroundColor, left: bar.left, right: bar.right };
      });
    };
    const release = async () => {
      const from = await lr.boundingBox();
      await page.mouse.move(from.x + 20, from.y + from.height / 2, { steps: 4 });
      await page.mouse.up();
    };

    // Onto a header to its left: it lands before it, so the bar is on that header's left edge.
    const before = await hover(optimizer);
    assert.equal(before.side, 'before');
    assert.equal(before.width, '2px');
    assert.equal(before.left, '-1px');
    const rgb = await page.evaluate((colour) => {
      const probe = document.createElement('span');
      probe.style.color = colour;
      document.body.append(probe);
      const value = getComputedStyle(probe).color;
      probe.remove();
      return value;
    }, accent);
    assert.equal(before.background, rgb, 'the accent colour');
    for (const viewport of VIEWPORTS) {
      for (const scheme of SCHEMES) {
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
        await page.screenshot({ path: `test-results/screenshots/runs-column-drop-indicator-${scheme}-${viewport.width}x${viewport.height}.png` });
      }
    }
    await page.setViewportSize(VIEWPORTS[0]);
    await page.emulateMedia({ colorScheme: 'light' });
    await release();
    assert.equal(await optimizer.getAttribute('data-drop'), null, 'no bar left behind after dropping on itself');
    assert.deepEqual(searchParam(page, 'cols'), COLS, 'dropping on itself moves nothing');

    // Onto a header to its right: the bar is on that header's right edge.
    const after = await hover(table.getByRole('columnheader', { name: /^val\/loss/ }));
    assert.equal(after.side, 'after');
    assert.equal(after.right, '-1px');
    await release();

    // Dropped onto Created: lr lands where the bar said, before Created.
    await hover(created);
    await page.mouse.up();
    await page.waitForURL((url) => {
      const cols = JSON.parse(url.searchParams.get('cols') ?? '[]');
      return cols.indexOf('p:lr') === cols.indexOf('created') - 1;
    });
    assert.equal(await created.getAttribute('data-drop'), null);
    assert.deepEqual(errors, []);
  });
});

describe('a run that went quiet', () => {
  it('reads "No recent activity" in the table and on its page, and its long command wraps between words', async () => {
    const { page, errors } = session;
    const found = await search("tags.demo = 'went-quiet'");
    assert.equal(found.total, 1, 'the demo seeds one run that went quiet');
    const quiet = found.runs[0];
    assert.equal(quiet.state, 'RUNNING');
    assert.equal(quiet.active, false, 'the server says: no recent activity');

    await page.goto(`/projects/${vision}?charts=hide&q=${encodeURIComponent("tags.demo = 'went-quiet' or tags.demo = 'live-demo'")}`);
    const row = rows(page).filter({ has: page.getByRole('link', { name: quiet.name, exact: true }) });
    const badge = row.getByText('No recent activity');
    await badge.waitFor();
    assert.match(await badge.getAttribute('title'), /nothing logged and no heartbeat since/);
    // The live run beside it is still Running.
    const live = rows(page).filter({ hasNot: page.getByRole('link', { name: quiet.name, exact: true }) }).filter({ hasText: 'Running' });
    assert.ok((await live.count()) >= 1, 'the live run reads Running');
    await screenshots(page, 'runs-no-recent-activity');

    await row.getByRole('link', { name: quiet.name, exact: true }).click();
    await page.getByRole('heading', { name: quiet.name, level: 1 }).waitFor();
    await page.locator('.run-header').getByText('No recent activity').waitFor();
    const overview = page.getByRole('region', { name: 'Overview' });
    await overview.getByText('No recent activity').waitFor();
    // Quiet is not ended: it is still RUNNING, so the page keeps following it for new points.
    assert.equal(await page.locator('.run-header').getByText('following live').count(), 1);

    // The command: a block across the card, lines broken only after a space, / = or , and nothing sticking out.
    const command = overview.locator('dd.command');
    await command.waitFor();
    assert.equal(await command.locator('code').textContent(), quiet.tags.command);
    const layout = await command.evaluate((dd) => {
      const code = dd.querySelector('code');
      const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
      const chars = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let i = 0; i < node.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (rect) chars.push({ ch: node.data[i], top: Math.round(rect.top) });
        }
      }
      const breaks = [];
      for (let i = 1; i < chars.length; i++) if (chars[i].top > chars[i - 1].top + 2) breaks.push(chars[i - 1].ch + chars[i].ch);
      return { breaks, overflows: dd.scrollWidth > dd.clientWidth + 1, width: dd.getBoundingClientRect().width };
    });
    assert.ok(layout.breaks.length >= 1, 'the long command takes several lines');
    for (const pair of layout.breaks) assert.match(pair[0], /[ /=,]/, `a line ends with ${JSON.stringify(pair)}`);
    assert.equal(layout.overflows, false);
    assert.ok(layout.width > 280, `the command spans the card (${layout.width} px)`);
    await overview.getByRole('button', { name: 'Copy the command' }).waitFor();
    await screenshots(page, 'run-no-recent-activity');
    assert.deepEqual(errors, []);
  });
});

describe('run colours', () => {
  it('gives the runs drawn together different colours, and the table swatches the same colours as the legend', async () => {
    const { page, errors } = session;
    await page.goto(`/projects/${vision}`);
    await page.getByText(new RegExp(`^${total} runs`)).waitFor();
    const legend = page.getByRole('list', { name: 'Runs in the charts' });
    await legend.getByRole('button').nth(9).waitFor();
    const drawn = await legend.getByRole('button').evaluateAll((buttons) =>
      buttons.map((b) => ({ name: b.textContent.trim(), colour: getComputedStyle(b.querySelector('.swatch')).backgroundColor })),
    );
    assert.equal(drawn.length, 10);
    assert.equal(new Set(drawn.map((d) => d.colour)).size, 10, drawn.map((d) => `${d.name} ${d.colour}`).join(', '));
    for (const { name, colour } of drawn) {
      const swatch = rows(page).filter({ has: page.getByRole('link', { name, exact: true }) }).locator('.swatch');
      assert.equal(await swatch.evaluate((s) => getComputedStyle(s).backgroundColor), colour, name);
    }

    // Compare of five runs: five colours, the same in the param diff's header and the scatter.
    const ids = (await search("tags.stage = 'candidate'", 5)).runs.map((r) => r.id);
    await page.goto(`/projects/${vision}?view=compare&sel=${encodeURIComponent(JSON.stringify(ids))}`);
    const header = page.locator('.diff-table thead .swatch');
    await header.nth(4).waitFor();
    const compared = await header.evaluateAll((swatches) => swatches.map((s) => getComputedStyle(s).backgroundColor));
    assert.equal(new Set(compared).size, 5, compared.join(', '));
    const legendColours = await page
      .getByRole('list', { name: 'Runs in the charts' })
      .locator('.swatch')
      .evaluateAll((swatches) => swatches.map((s) => getComputedStyle(s).backgroundColor));
    assert.deepEqual(new Set(legendColours), new Set(compared));
    await page.locator('.run-charts').getByText('val/loss', { exact: true }).first().waitFor();
    await screenshots(page, 'compare-distinct-colours');
    assert.deepEqual(errors, []);
  });
});

describe('the lineage graph', () => {
  it('keeps node names readable and apart at 1280 px, scrolling sideways when it must', async () => {
    const { page, errors } = session;
    const runUrl = devFile().tour.run;
    await page.goto(runUrl.replace(BASE_URL, ''));
    const graph = page.getByRole('group', { name: /Lineage/ });
    await graph.getByRole('link').first().waitFor();
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(150);
      const nodes = await graph.locator('.lineage-node').evaluateAll((links) =>
        links.map((a) => {
          const label = a.querySelector('.lineage-name');
          const box = a.getBoundingClientRect();
          return {
            name: a.getAttribute('aria-label'),
            shown: label.textContent,
            clipped: label.scrollWidth > label.clientWidth + 1 || label.scrollHeight > label.clientHeight + 1,
            box: { left: box.left, right: box.right, top: box.top, bottom: box.bottom },
          };
        }),
      );
      assert.ok(nodes.length >= 4, `${nodes.length} nodes`);
      for (const node of nodes) {
        assert.equal(node.clipped, false, `${node.name} is cut off at ${viewport.width} px`);
        const full = node.name.replace(/, [^,]+$/, '');
        assert.ok(node.shown === full || node.shown.replace('…', '').length >= 18, `${node.shown} is too short for ${full} at ${viewport.width} px`);
      }
      for (let i = 0; i < nodes.length; i++) {
        for (let j = i + 1; j < nodes.length; j++) {
          const a = nodes[i].box;
          const b = nodes[j].box;
          const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
          assert.equal(overlap, false, `${nodes[i].name} overlaps ${nodes[j].name}`);
        }
      }
    }
    await page.setViewportSize(VIEWPORTS[0]);
    await screenshots(page, 'run-lineage-readable', async () => {
      await page.getByRole('heading', { name: 'Artifacts and lineage' }).evaluate((h) => h.scrollIntoView());
      await page.waitForTimeout(150);
    });
    assert.deepEqual(errors, []);
  });
});
