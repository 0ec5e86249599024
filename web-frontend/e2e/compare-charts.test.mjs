import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BASE_URL, devFile, screenshots, signedInForFile } from './harness.mjs';

/** Compare's parallel coordinates and scatter, opened from the seeded "where to look" compare link. */
const session = signedInForFile('VIEWER');

describe('compare charts', () => {
  it('draws parallel coordinates of the params that differ against a metric, names a run on hover and brushes an axis', async () => {
    const { page, errors } = session;
    await page.goto(devFile().tour.compare.replace(BASE_URL, ''));
    const parallel = page.getByRole('region', { name: 'Parallel coordinates' });
    const svg = parallel.getByRole('img', { name: /Parallel coordinates of/ });
    await svg.waitFor();
    const axes = await parallel.locator('.parallel-axis-label').allTextContents();
    assert.ok(axes.includes('optimizer.lr'), axes.join());
    assert.ok(!axes.includes('model.arch'), 'one architecture: no axis for it');
    assert.equal(axes.at(-1), 'val/loss (last)');
    const lines = parallel.locator('.parallel-lines path');
    assert.equal(await lines.count(), 5);
    // Lines are coloured by the metric: not all the same colour.
    const colours = new Set(await lines.evaluateAll((paths) => paths.map((p) => p.getAttribute('stroke'))));
    assert.ok(colours.size > 1, [...colours].join());

    await screenshots(page, 'compare-parallel', async () => {
      await parallel.evaluate((e) => e.scrollIntoView());
      await page.waitForTimeout(150);
    });
    await lines.first().hover({ force: true });
    await parallel.locator('.parallel-hover').waitFor();
    assert.match(await parallel.locator('.parallel-hover').textContent(), /resnet-50-lr/);

    // Brush the top of the metric axis: the runs with the highest loss stay, the others fade.
    const hit = parallel.locator('.parallel-hit').last();
    const box = await hit.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.3, { steps: 5 });
    await page.mouse.up();
    await parallel.getByText(/of 5 runs in the brushed ranges/).waitFor();
    assert.ok((await parallel.locator('.parallel-lines path.out').count()) > 0);
    assert.ok((await parallel.locator('.parallel-lines path:not(.out)').count()) > 0, 'the diverged run at the top stays');
    await parallel.getByRole('button', { name: 'Clear' }).click();
    assert.equal(await parallel.locator('.parallel-lines path.out').count(), 0);

    // Another metric summary recolours and relabels the last axis.
    await parallel.getByLabel('Parallel coordinates metric').selectOption('min:train/loss');
    assert.equal((await parallel.locator('.parallel-axis-label').allTextContents()).at(-1), 'train/loss (min)');
    // The choice is in the URL: the same link shows the same chart.
    await page.waitForURL(/pc=/);
    await page.goto(page.url());
    await parallel.getByRole('img', { name: /Parallel coordinates of/ }).waitFor();
    assert.equal((await parallel.locator('.parallel-axis-label').allTextContents()).at(-1), 'train/loss (min)');
    assert.deepEqual(errors, []);
  });

  it('scatters any param or metric summary against a metric summary', async () => {
    const { page, errors } = session;
    await page.goto(devFile().tour.compare.replace(BASE_URL, ''));
    const scatter = page.getByRole('region', { name: 'Scatter' });
    await scatter.locator('canvas').waitFor();
    const x = scatter.getByLabel('Scatter x (param or metric summary)');
    const options = await x.locator('option').evaluateAll((o) => o.map((e) => e.value));
    assert.ok(options.includes('param:optimizer.lr'));
    assert.ok(options.includes('max:train/loss'));
    await x.selectOption('min:val/loss');
    await scatter.getByLabel('Scatter y (metric summary)').selectOption('last:val/acc');
    await scatter.getByRole('img', { name: 'val/acc (last) against val/loss (min)' }).waitFor();
    assert.match(await scatter.textContent(), /5 of 5 runs have both values/);
    await screenshots(page, 'compare-scatter', async () => {
      await scatter.evaluate((e) => e.scrollIntoView());
      await page.waitForTimeout(150);
    });
    assert.deepEqual(errors, []);
  });
});
