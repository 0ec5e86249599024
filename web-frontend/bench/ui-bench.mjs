#!/usr/bin/env node
/**
 * The ui-* benchmark workloads (bench/README.md): headless Chromium (playwright-core and Debian's chromium, signed in
 * through Keycloak by e2e/harness.mjs) against the running app, timed by the UI's own performance marks
 * (src/lib/perf.ts). Bench.java runs it as a child process:
 *
 *   RUNLEDGER_URL=http://127.0.0.1:8081 RUNLEDGER_HOME=<checkout>/.runledger \
 *     node bench/ui-bench.mjs --config=ui-bench-config.json --out=ui-bench.json
 *
 * The config names the workloads, the 100k-run project (`table`), the 100-run × 10k-point project (`chart`), the
 * 20-panel report and its share link (`report`) and the loop sizes; the output holds, per workload, the per-iteration figures, the warm-up's, and the details. Every
 * workload checks what was drawn against the API (row count, first row after a sort or filter, 100 series); a failed
 * check is that workload's `error`. Progress goes to stderr.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_URL, close, devFile, openPage, signIn, SIGNED_OUT, unexpected } from '../e2e/harness.mjs';

/** The marks of src/lib/perf.ts (PERF_MARKS; perf.test.ts checks that they are the same). */
const MARK = {
  rowsFirstPainted: 'runs:rows-painted',
  rowsRepainted: 'runs:rows-repainted',
  chartsDrawn: 'charts:drawn',
  chartsZoomDrawn: 'charts:zoom-drawn',
  reportDrawn: 'report:drawn',
};
const ROW_HEIGHT = 32;
/** The table's sort and filter: the metric the run-search workload sorts by, and a param filter (~25 % of runs). */
const SORT_METRIC = 'val_loss';
const FILTER = "params.optimizer = 'sgd'";

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, ...v] = a.replace(/^--/, '').split('=');
    return [k, v.join('=')];
  }),
);
const config = JSON.parse(readFileSync(args.config, 'utf8'));
const log = (...parts) => console.error('[ui-bench]', ...parts);

const viewerKey = devFile().orgs[0].apiKeys.viewer;

async function api(path, body) {
  const answer = await fetch(`${BASE_URL}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${viewerKey}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!answer.ok) throw new Error(`${path} answered HTTP ${answer.status}: ${await answer.text()}`);
  return answer.json();
}

/** What the server says the table should show first: its total and first run for a filter and order. */
async function expected(projectId, orderBy, filter) {
  const answer = await api(`/api/v1/projects/${projectId}/runs/search`, {
    limit: 1,
    count: true,
    orderBy,
    ...(filter ? { filter } : {}),
  });
  return { total: answer.total, first: answer.runs[0]?.name };
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const percentile = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
};
const round = (v) => Math.round(v * 10) / 10;

/** The first mark of this name in the current document that starts after `after` (ms, the page's clock). */
async function waitForMark(page, name, after = 0, timeout = 60_000) {
  const handle = await page.waitForFunction(
    ([n, a]) => {
      const m = performance.getEntriesByName(n, 'mark').find((e) => e.startTime > a);
      return m ? { startTime: m.startTime, detail: m.detail } : undefined;
    },
    [name, after],
    { polling: 20, timeout },
  );
  return handle.jsonValue();
}

/** When the last input of this kind reached the page (event.timeStamp, the page's clock); recorded by an init script. */
async function lastInput(page, type) {
  return page.evaluate((t) => window.__uiBench.inputs.filter((i) => i.type === t).at(-1)?.t, type);
}

function installInputClock(context) {
  return context.addInitScript(() => {
    window.__uiBench = { inputs: [] };
    for (const type of ['click', 'keydown', 'mouseup', 'dblclick']) {
      addEventListener(
        type,
        (event) => {
          if (type !== 'keydown' || event.key === 'Enter') window.__uiBench.inputs.push({ type, t: event.timeStamp });
        },
        true,
      );
    }
  });
}

/** The requests to a path in the current document, in the page's clock. */
async function requests(page, fragment) {
  return page.evaluate(
    (f) =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes(f))
        .map((e) => ({ start: e.startTime, end: e.responseEnd })),
    fragment,
  );
}

const body = (page) => page.locator('.runs-scroll [role=rowgroup]').nth(1);
const firstRowName = (page) => body(page).locator('[role=row][aria-rowindex="2"] [role=cell].name').getAttribute('title');
const countText = (page) => page.locator('.runs-actions .count').innerText();
const tableUrl = (projectId, search = {}) => {
  const query = Object.entries(search)
    .map(([k, v]) => `${k}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`)
    .join('&');
  return `/projects/${projectId}${query ? `?${query}` : ''}`;
};

/** Runs warm-up and measured iterations of `once` (which returns one figure and its details). */
async function iterate(name, once) {
  const warmup = [];
  const figures = [];
  const perIteration = [];
  for (let i = 0; i < config.warmups + config.iterations; i++) {
    const { figure, ...rest } = await once(i);
    if (i < config.warmups) warmup.push(round(figure));
    else {
      figures.push(round(figure));
      perIteration.push(rest);
    }
    log(`${name}: ${i < config.warmups ? 'warm-up' : `iteration ${i - config.warmups + 1}`}: ${round(figure)}`, JSON.stringify(rest));
  }
  return { figures, warmup, perIteration };
}

// ---------------------------------------------------------------------------------------------------------------

/** Cold navigation (a new document, so no query cache; assets from the HTTP cache) → first rows on screen. */
async function tableFirstPaint(page) {
  const { projectId } = config.table;
  const want = await expected(projectId, ['started_at DESC']);
  const result = await iterate('ui-table-first-paint', async () => {
    await page.goto(tableUrl(projectId), { waitUntil: 'commit' });
    const mark = await waitForMark(page, MARK.rowsFirstPainted);
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return { documentMs: n.responseEnd, domContentLoadedMs: n.domContentLoadedEventEnd };
    });
    const searches = await requests(page, '/runs/search');
    await page.locator('.runs-actions .count').filter({ hasText: 'runs' }).waitFor();
    const shown = await countText(page);
    check(shown.startsWith(`${want.total.toLocaleString('en')} runs`), `the table says "${shown}", the server counts ${want.total} runs`);
    const first = await firstRowName(page);
    check(first === want.first, `first row is ${first}, the server's newest run is ${want.first}`);
    return {
      figure: mark.startTime,
      rows: mark.detail.rows,
      documentMs: round(nav.documentMs),
      domContentLoadedMs: round(nav.domContentLoadedMs),
      searchRequests: searches.map((s) => `${round(s.start)}-${round(s.end)}`),
    };
  });
  return {
    ...result,
    unit: 'ms',
    details: {
      total: want.total,
      figureIs: 'navigation start → the runs:rows-painted mark (first rows painted), cold document each iteration',
      searchRequestsAre: 'start-end (ms after navigation) of each POST /runs/search: the keys (latest 200 runs), the first page and the total count',
    },
  };
}

/** From a cold table sorted by creation: click a metric's header (sort), then apply a filter; each until repainted. */
async function tableSortFilter(page) {
  const { projectId } = config.table;
  const sortWant = await expected(projectId, [`metrics.${SORT_METRIC} DESC`]);
  const filterWant = await expected(projectId, [`metrics.${SORT_METRIC} DESC`], FILTER);
  const cols = ['name', 'state', 'created', 'p:optimizer', 'p:lr', 'p:batch_size', `m:last:${SORT_METRIC}`, 'm:last:train_loss'];
  const sorts = [];
  const filters = [];
  const result = await iterate('ui-table-sort-filter', async (i) => {
    await page.goto(tableUrl(projectId, { cols }), { waitUntil: 'commit' });
    await waitForMark(page, MARK.rowsFirstPainted);
    await page.locator(`[role=columnheader][data-column="m:last:${SORT_METRIC}"] button.sort`).click();
    const clicked = await lastInput(page, 'click');
    const sorted = await waitForMark(page, MARK.rowsRepainted, clicked);
    const first = await firstRowName(page);
    check(first === sortWant.first, `after sorting by ${SORT_METRIC} the first row is ${first}, the server's is ${sortWant.first}`);

    const filter = page.getByRole('combobox', { name: 'Filter runs' });
    await filter.fill(FILTER);
    // (Escape would clear the search input; a finished filter has no suggestions open, so Enter applies it.)
    check(!(await page.getByRole('listbox', { name: 'Suggestions' }).isVisible()), 'suggestions are open: Enter would take one');
    await filter.press('Enter');
    const entered = await lastInput(page, 'keydown');
    const filtered = await waitForMark(page, MARK.rowsRepainted, Math.max(entered, sorted.startTime));
    const firstFiltered = await firstRowName(page);
    check(firstFiltered === filterWant.first, `after the filter the first row is ${firstFiltered}, the server's is ${filterWant.first}`);
    await page.locator('.runs-actions .count').filter({ hasText: `${filterWant.total.toLocaleString('en')} runs` }).waitFor({ timeout: 10_000 });
    const sortMs = sorted.startTime - clicked;
    const filterMs = filtered.startTime - entered;
    // Where the time went: the table's page request after each input (the count is asked beside it), and the rest (rendering).
    const searches = await requests(page, '/runs/search');
    const sortRequest = searches.filter((r) => r.start >= clicked && r.end <= sorted.startTime).at(-1);
    const filterRequest = searches.filter((r) => r.start >= entered && r.end <= filtered.startTime).at(-1);
    check(sortRequest && filterRequest, 'no search request between an input and its repaint');
    if (i >= config.warmups) {
      sorts.push(round(sortMs));
      filters.push(round(filterMs));
    }
    return {
      figure: Math.max(sortMs, filterMs),
      sortMs: round(sortMs),
      sortRequestMs: round(sortRequest.end - sortRequest.start),
      filterMs: round(filterMs),
      filterRequestMs: round(filterRequest.end - filterRequest.start),
    };
  });
  return {
    ...result,
    unit: 'ms',
    details: {
      figureIs: 'per iteration the slower of: click on a column header → runs:rows-repainted, and Enter in the filter → runs:rows-repainted',
      sort: `metrics.${SORT_METRIC} DESC (first row ${sortWant.first})`,
      filter: `${FILTER} (${filterWant.total} runs, first ${filterWant.first})`,
      sortRequestMs: median(result.perIteration.map((r) => r.sortRequestMs)),
      filterRequestMs: median(result.perIteration.map((r) => r.filterRequestMs)),
      sortMs: { min: Math.min(...sorts), median: median(sorts), max: Math.max(...sorts) },
      filterMs: { min: Math.min(...filters), median: median(filters), max: Math.max(...filters) },
    },
  };
}

/**
 * Scrolls the table down with the mouse wheel at a steady speed (wheel events from outside the page, handled by the
 * browser as a person's wheel is: the compositor scrolls, the page's passive scroll listener renders the rows coming
 * into view); the frame times come from a requestAnimationFrame loop in the page. Continues in one document, so every
 * iteration scrolls through rows it has not shown yet, each next page fetched as the end comes near.
 */
async function tableScroll(page) {
  const { projectId } = config.table;
  const { warmupRows, rowsPerIteration, pxPerSecond } = config.scroll;
  await page.goto(tableUrl(projectId), { waitUntil: 'commit' });
  await waitForMark(page, MARK.rowsFirstPainted);
  const want = await expected(projectId, ['started_at DESC']);
  const result = await iterate('ui-table-scroll', async (i) => {
    const rows = i < config.warmups ? warmupRows : rowsPerIteration;
    const run = await wheelScroll(page, rows * ROW_HEIGHT, pxPerSecond);
    run.scrolledRows = run.scrolledPx / ROW_HEIGHT;
    check(run.scrolledRows >= rows * 0.5, `scrolled only ${Math.round(run.scrolledRows)} of ${rows} rows: the next pages did not arrive`);
    const fps = run.frames.length / run.seconds;
    return {
      figure: fps,
      rows: Math.round(run.scrolledRows),
      seconds: round(run.seconds),
      pxPerSecondReached: Math.round(run.scrolledPx / run.seconds),
      frames: run.frames.length,
      p50FrameMs: round(percentile(run.frames, 50)),
      p95FrameMs: round(percentile(run.frames, 95)),
      maxFrameMs: round(Math.max(...run.frames)),
      framesOver25Ms: run.frames.filter((f) => f > 25).length,
      longFrames: run.frames.filter((f) => f > 50).length,
      skeletonFrames: run.skeletonFrames,
    };
  });
  // What is on screen at the end is the right rows: a body row at the scroll position, named, and as many rows as the
  // server counts.
  const top = await page.evaluate((rowHeight) => Math.floor(document.querySelector('.runs-scroll').scrollTop / rowHeight), ROW_HEIGHT);
  const row = body(page).locator(`[role=row][aria-rowindex="${top + 2}"] [role=cell].name`);
  await row.waitFor({ timeout: 10_000 });
  check(/^search-\d+$/.test((await row.getAttribute('title')) ?? ''), 'the row at the scroll position is not a run');
  const rowcount = await page.locator('.runs-scroll').getAttribute('aria-rowcount');
  check(Number(rowcount) === want.total + 1, `aria-rowcount ${rowcount}, the server counts ${want.total} runs`);
  return {
    ...result,
    unit: 'fps',
    details: {
      figureIs: 'frames per second while scrolling (requestAnimationFrame callbacks / seconds)',
      pxPerSecond,
      rowsPerIteration,
      warmupRows,
      rowsScrolledInAll: top,
      p95FrameMs: median(result.perIteration.map((r) => r.p95FrameMs)),
      longFramesOver50Ms: result.perIteration.reduce((s, r) => s + r.longFrames, 0),
    },
  };
}

/** The workspace with the 100 runs selected: their charts (one panel, 100 series of 10k points) fetched and drawn. */
async function openCharts(page, { measure }) {
  const { projectId, runIds } = config.chart;
  // UI_BENCH_TRACE=<dir>: a Chrome trace of each measured load and zoom (chrome://tracing or the Performance panel).
  const trace = measure && process.env.UI_BENCH_TRACE;
  if (trace) await page.context().browser().startTracing(page, { path: join(trace, `ui-chart-${Date.now()}.json`) });
  await page.goto(tableUrl(projectId, { sel: runIds }), { waitUntil: 'commit' });
  const mark = await waitForMark(page, MARK.chartsDrawn);
  if (trace) await page.context().browser().stopTracing();
  const fetched = (await requests(page, '/api/v1/series/query')).filter((r) => r.start < mark.startTime).at(-1);
  check(fetched !== undefined, 'no series request before the charts were drawn');
  check(mark.detail.series === runIds.length, `the charts drew ${mark.detail.series} series, expected ${runIds.length}`);
  const points = runIds.length * config.chart.pointsPerRun;
  check(mark.detail.points === points, `the series hold ${mark.detail.points} points, expected ${points}`);
  const legend = await page.getByRole('list', { name: 'Runs in the charts' }).getByRole('listitem').count();
  check(legend === runIds.length, `the legend lists ${legend} runs, expected ${runIds.length}`);
  const panel = page.locator('.run-charts .chart-panel').first();
  await panel.locator('canvas').first().waitFor();
  check((await panel.innerText()).includes(`${points.toLocaleString('en')} pts`), 'the panel does not say it holds all points');
  if (!measure) return undefined;
  return {
    figure: mark.startTime - fetched.start,
    requestMs: round(fetched.end - fetched.start),
    drawMs: round(mark.startTime - fetched.end),
    navigationToDrawnMs: round(mark.startTime),
  };
}

async function chart(page) {
  const result = await iterate('ui-chart-100x10k', () => openCharts(page, { measure: true }));
  return {
    ...result,
    unit: 'ms',
    details: {
      figureIs: 'start of the POST /series/query → the charts:drawn mark (fetched, decoded, drawn and painted); cold document each iteration',
      runs: config.chart.runIds.length,
      pointsPerRun: config.chart.pointsPerRun,
      requestMs: median(result.perIteration.map((r) => r.requestMs)),
      drawMs: median(result.perIteration.map((r) => r.drawMs)),
    },
  };
}

/** Drag-zoom on the chart (a different range each time, so no answer comes from the cache), then double-click back. */
async function chartZoom(page) {
  await openCharts(page, { measure: false });
  const over = page.locator('.run-charts .chart-panel .u-over').first();
  const result = await iterate('ui-chart-zoom', async (i) => {
    const box = await over.boundingBox();
    const from = 0.2 + 0.03 * i;
    const y = box.y + box.height / 2;
    const trace = process.env.UI_BENCH_TRACE;
    if (trace) await page.context().browser().startTracing(page, { path: join(trace, `ui-zoom-${Date.now()}.json`) });
    await page.mouse.move(box.x + box.width * from, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * (from + 0.3), y, { steps: 8 });
    await page.mouse.up();
    const released = await lastInput(page, 'mouseup');
    const mark = await waitForMark(page, MARK.chartsZoomDrawn, released);
    if (trace) await page.context().browser().stopTracing();
    const refetch = (await requests(page, '/api/v1/series/query')).filter((r) => r.start >= released && r.start < mark.startTime);
    check(refetch.length === 1, `${refetch.length} series requests between the zoom and its drawing, expected 1`);
    check(mark.detail.series === config.chart.runIds.length, `the zoomed charts drew ${mark.detail.series} series`);
    // Back to the whole range (from the query cache) for the next iteration.
    await over.dblclick({ position: { x: box.width / 2, y: box.height / 2 } });
    await waitForMark(page, MARK.chartsDrawn, await lastInput(page, 'dblclick'));
    return {
      figure: mark.startTime - released,
      requestMs: round(refetch[0].end - refetch[0].start),
      points: mark.detail.points,
    };
  });
  return {
    ...result,
    unit: 'ms',
    details: {
      figureIs: 'mouse released after a drag over 30 % of the x-axis → the charts:zoom-drawn mark (finer buckets fetched and drawn)',
      requestMs: median(result.perIteration.map((r) => r.requestMs)),
    },
  };
}

/**
 * Opens a report in a cold document and waits for the report:drawn mark (every panel's data fetched and drawn); checks
 * the panels, their charts' series and that a canvas stands in every chart panel.
 */
async function openReport(page, path) {
  const { panels, runs } = config.report;
  await page.goto(path, { waitUntil: 'commit' });
  const mark = await waitForMark(page, MARK.reportDrawn);
  check(mark.detail.panels === panels, `the report drew ${mark.detail.panels} panels, expected ${panels}`);
  check(mark.detail.charts === panels, `the report drew ${mark.detail.charts} charts, expected ${panels}`);
  check(mark.detail.series === panels * runs, `the charts drew ${mark.detail.series} series, expected ${panels * runs}`);
  const canvases = await page.locator('.chart-panel .uplot').count();
  check(canvases === panels, `${canvases} charts on the page, expected ${panels}`);
  const data = (await requests(page, '/data')).filter((r) => r.start < mark.startTime).at(-1);
  check(data !== undefined, 'no /data request before the report was drawn');
  return { startTime: mark.startTime, dataMs: data.end - data.start, dataEnd: data.end };
}

/**
 * The 20-panel report: signed in (this session, /reports/{id}) and through its share link in a fresh browser context
 * (no cookies, no sign-in, /shared/{token}); each a cold document. The figure is the slower of the two.
 */
async function reportOpen(page) {
  const { reportId, sharedPath } = config.report;
  const member = [];
  const shared = [];
  const result = await iterate('ui-report-open', async (i) => {
    const signedIn = await openReport(page, `/reports/${reportId}`);
    const anonymous = await openPage();
    let viaLink;
    try {
      viaLink = await openReport(anonymous.page, sharedPath);
      const errors = unexpected(anonymous.errors);
      check(errors.length === 0, `console errors on the shared page: ${errors.slice(0, 3).join('; ')}`);
    } finally {
      await anonymous.context.close();
    }
    if (i >= config.warmups) {
      member.push(round(signedIn.startTime));
      shared.push(round(viaLink.startTime));
    }
    return {
      figure: Math.max(signedIn.startTime, viaLink.startTime),
      signedInMs: round(signedIn.startTime),
      signedInDataMs: round(signedIn.dataMs),
      sharedMs: round(viaLink.startTime),
      sharedDataMs: round(viaLink.dataMs),
    };
  });
  return {
    ...result,
    unit: 'ms',
    details: {
      figureIs: 'per iteration the slower of: navigation start → the report:drawn mark signed in (/reports/{id}), and the same via the share link in a fresh browser context (/shared/{token}); cold documents',
      panels: config.report.panels,
      runsPerPanel: config.report.runs,
      signedInMs: { min: Math.min(...member), median: median(member), max: Math.max(...member) },
      sharedMs: { min: Math.min(...shared), median: median(shared), max: Math.max(...shared) },
      signedInDataMs: median(result.perIteration.map((r) => r.signedInDataMs)),
      sharedDataMs: median(result.perIteration.map((r) => r.sharedDataMs)),
    },
  };
}

/**
 * Sends wheel events over the table at `pxPerSecond` (every ~16 ms, as much as is due, at most 400 px an event) until
 * it has scrolled `px` or four times the time that should take; the browser clamps at the end of what is loaded, so
 * a scroll that outruns the next page loses those events, as a person's wheel would. Frame times from rAF.
 */
async function wheelScroll(page, px, pxPerSecond) {
  const box = await page.locator('.runs-scroll').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate(() => {
    const el = document.querySelector('.runs-scroll');
    const rec = { start: el.scrollTop, frames: [], skeletonFrames: 0, on: true };
    window.__scroll = rec;
    let last;
    const frame = (t) => {
      if (last !== undefined) rec.frames.push(t - last);
      else rec.first = t;
      last = rec.last = t;
      if (el.querySelector('.loading-row')) rec.skeletonFrames++;
      if (rec.on) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  const scrolled = () => page.evaluate(() => document.querySelector('.runs-scroll').scrollTop - window.__scroll.start);
  const started = Date.now();
  const budget = (px / pxPerSecond) * 4000 + 5000;
  let sent = 0;
  let done = 0;
  for (let n = 0; done < px - 1 && Date.now() - started < budget; n++) {
    const due = Math.min(px - done, (pxPerSecond * (Date.now() - started)) / 1000 - sent);
    if (due >= 1) {
      const delta = Math.min(400, due);
      await page.mouse.wheel(0, delta);
      sent += delta;
    }
    await new Promise((resolve) => setTimeout(resolve, 16));
    if (n % 8 === 0 || px - done < 2000) done = await scrolled();
  }
  return page.evaluate(() => {
    const rec = window.__scroll;
    rec.on = false;
    const el = document.querySelector('.runs-scroll');
    return { frames: rec.frames, skeletonFrames: rec.skeletonFrames, seconds: (rec.last - rec.first) / 1000, scrolledPx: el.scrollTop - rec.start };
  });
}

const WORKLOADS = {
  'ui-table-first-paint': tableFirstPaint,
  'ui-table-sort-filter': tableSortFilter,
  'ui-table-scroll': tableScroll,
  'ui-chart-100x10k': chart,
  'ui-chart-zoom': chartZoom,
  'ui-report-open': reportOpen,
};

const output = { baseUrl: BASE_URL, workloads: {} };
let session;
try {
  session = await openPage();
  await installInputClock(session.context);
  await signIn(session.page, 'MEMBER');
  output.browser = session.context.browser().version();
  for (const name of config.workloads) {
    const started = Date.now();
    const before = session.errors.length;
    try {
      output.workloads[name] = await WORKLOADS[name](session.page);
      const errors = unexpected(session.errors.slice(before), [SIGNED_OUT]);
      if (errors.length > 0) output.workloads[name].error = `console errors: ${errors.slice(0, 3).join('; ')}`;
    } catch (error) {
      output.workloads[name] = { error: error.message.split('\n')[0] };
      log(`${name} FAILED:`, error.message);
      mkdirSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results'), { recursive: true });
      const shot = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results', `${name}-failed.png`);
      await session.page.screenshot({ path: shot }).then(() => log(`what the page showed: ${shot}`), () => undefined);
    }
    output.workloads[name].seconds = round((Date.now() - started) / 1000);
  }
} catch (error) {
  output.error = `signing in: ${error.message.split('\n')[0]}`;
  log(output.error);
} finally {
  await session?.context.close();
  await close();
}
writeFileSync(args.out, `${JSON.stringify(output, null, 2)}\n`);
