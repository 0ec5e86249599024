import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BASE_URL, devFile, screenshots, signedInForFile } from './harness.mjs';

/** The run page's source facts (host, command, git) and its artifacts with lineage, on the seeded sweep. */
const session = signedInForFile('VIEWER');

const tour = () => devFile().tour;

describe('a run page with artifacts', () => {
  it('shows where the run ran, what it used and made, and a lineage graph whose nodes are links', async () => {
    const { page, errors } = session;
    const runUrl = tour().run;
    const runId = runUrl.split('/runs/')[1];
    await page.goto(runUrl.replace(BASE_URL, ''));

    const overview = page.getByRole('region', { name: 'Overview' });
    await overview.getByText('Host').waitFor();
    const facts = await overview.locator('dt').allTextContents();
    for (const label of ['Host', 'Command', 'Git commit', 'Branch', 'Repository']) assert.ok(facts.includes(label), facts.join());
    const overviewText = await overview.textContent();
    assert.match(overviewText, /python train\.py --config sweeps\/lr-week47\.yaml/);
    assert.ok(!/command: python/.test(overviewText), 'the command is a fact, not a tag chip as well');

    const artifacts = page.getByRole('region', { name: 'Artifacts and lineage' });
    const used = artifacts.locator('.artifact-list').filter({ hasText: 'Used' });
    await used.getByText('imagenet-subset:v1').waitFor();
    assert.match(await used.textContent(), /dataset/);
    assert.match(await used.textContent(), /stable/, 'the alias');
    const produced = artifacts.locator('.artifact-list').filter({ hasText: 'Produced' });
    await produced.getByText(/^ckpt-.*:v1$/).waitFor();
    assert.match(await produced.textContent(), /best/);
    assert.match(await produced.textContent(), /KiB/);

    // A file downloads with the session: the link answers the bytes.
    const href = await produced.getByRole('link', { name: 'model.safetensors' }).getAttribute('href');
    const status = await page.evaluate(async (url) => (await fetch(url)).status, href);
    assert.equal(status, 200);

    const graph = page.getByRole('group', { name: /Lineage/ });
    const nodes = await graph.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('aria-label')));
    assert.ok(nodes.some((t) => t.startsWith('prepare-imagenet-subset')), nodes.join(' | '));
    assert.ok(nodes.some((t) => t.startsWith('eval-')), nodes.join(' | '));
    assert.ok(nodes.some((t) => t.includes('this run')));
    await screenshots(page, 'run-artifacts', async () => {
      await page.getByRole('heading', { name: 'Artifacts and lineage' }).evaluate((h) => h.scrollIntoView());
      await page.waitForTimeout(150);
    });

    // Upstream: the run that prepared the dataset, its own page lists the dataset as produced.
    await graph.getByRole('link', { name: /^prepare-imagenet-subset/ }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/runs/') && !url.pathname.endsWith(runId));
    await page.getByRole('heading', { name: 'prepare-imagenet-subset', level: 1 }).waitFor();
    const prepProduced = page.getByRole('region', { name: 'Artifacts and lineage' }).locator('.artifact-list').filter({ hasText: 'Produced' });
    await prepProduced.getByText('imagenet-subset:v1').waitFor();
    // Two hundred runs used the dataset: the graph counts most of them instead of drawing them.
    await page.getByText(/\+ [\d,]+ more/).first().waitFor();
    await screenshots(page, 'run-lineage-upstream', async () => {
      await page.getByRole('heading', { name: 'Artifacts and lineage' }).evaluate((h) => h.scrollIntoView());
      await page.waitForTimeout(150);
    });
    assert.deepEqual(errors, []);
  });

  it('says so when a run logged no artifacts, and shows MLflow source tags of an MLflow-style run', async () => {
    const { page, errors } = session;
    const key = devFile().orgs.find((o) => o.slug === 'acme').apiKeys.viewer;
    const projects = await (await fetch(`${BASE_URL}/api/v1/projects?limit=200`, { headers: { Authorization: `Bearer ${key}` } })).json();
    const nlp = projects.items.find((p) => p.slug === 'nlp').id;
    const found = await (
      await fetch(`${BASE_URL}/api/v1/projects/${nlp}/runs/search`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ limit: 1 }),
      })
    ).json();
    await page.goto(`/runs/${found.runs[0].id}`);
    const overview = page.getByRole('region', { name: 'Overview' });
    await overview.getByText('Entry point').waitFor();
    assert.match(await overview.textContent(), /finetune\.py/);
    assert.ok((await overview.locator('dt').allTextContents()).includes('Git commit'));
    assert.ok(!(await overview.locator('dt').allTextContents()).includes('Host'), 'nothing for what was not logged');
    await page.getByText('This run logged no artifacts.').waitFor();
    assert.deepEqual(errors, []);
  });
});
