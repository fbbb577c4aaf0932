// UI benchmark: the built renderer in Chromium against an in-process core (HTTP bridge + receiver) with
// N stored deliveries. Measures, each beside its baseline:
// - first rows: time from navigation to the newest row on screen;
// - frame times with no traffic (baseline) and while the receiver takes a steady stream;
// - live latency: receiver's 2xx → the delivery's event in the page (transport) → its row in the DOM;
// - search: typing a needle → the matching row on screen, beside the same query through the API;
// - scrolling the virtualised list: frame times beside the idle baseline;
// - page memory (JS heap, DOM nodes, the renderer process's resident memory) beside the same UI over
//   an empty database.
// Builds the renderer into a temporary folder first (never touching dist/); skips when it cannot.
//
//   npm run bench:ui                                   100,000 stored deliveries, 500 req/s stream
//   BENCH_UI_N=10000 BENCH_SECONDS=3 npm run bench:ui  quick smoke run
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'vite';
import { openCore, startCoreReceiver } from '../electron/core/index.js';
import { startHttpBridge } from '../electron/server/http-bridge.js';
import { deliveryAt, verdicts } from './support/deliveries.js';
import { runLoad, toJobRequests } from './support/load.js';
import { signedAgileTuneRequests } from './support/payloads.js';
import { envInt, fixed, loadAverage, machine, median, percentile } from './support/report.js';
import { benchDbFile } from './support/temp-db.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const N = envInt('BENCH_UI_N', 100_000);
const RATE = envInt('BENCH_UI_RATE', 500);
const SECONDS = envInt('BENCH_SECONDS', 5);
/** renderer/features/inbox/InboxFilters.tsx waits this long after typing before it searches. */
const SEARCH_DEBOUNCE_MS = 250;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

async function buildUi(): Promise<string | null> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookscope-bench-ui-'));
  process.on('exit', () => fs.rmSync(outDir, { recursive: true, force: true }));
  try {
    await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } catch (err) {
    console.log(`the renderer does not build (${(err as Error).message.split('\n')[0]}): UI benchmark skipped`);
    return null;
  }
  return fs.existsSync(path.join(outDir, 'index.html')) ? outDir : null;
}

function seed(dbFile: string) {
  const core = openCore({ dbFile });
  const v = verdicts();
  const nowMs = Date.now();
  for (let from = 0; from < N; from += 2000) {
    core.ctx.store.deliveries.insertMany(Array.from({ length: Math.min(2000, N - from) }, (_, i) => deliveryAt(from + i, N, v, nowMs)));
  }
  return core;
}

/** Records in the page: animation-frame gaps, long tasks, when rows and delivery events first appear. */
function instrument(page: Page, token: string) {
  return page.evaluate((apiToken) => {
    const w = globalThis as unknown as Record<string, unknown> & {
      document: { body: unknown };
      MutationObserver: new (cb: (records: Array<{ addedNodes: ArrayLike<{ nodeType: number; getAttribute?(n: string): string | null; querySelectorAll?(s: string): ArrayLike<{ getAttribute(n: string): string | null }> }> }>) => void) => { observe(target: unknown, opts: unknown): void };
      PerformanceObserver: new (cb: (list: { getEntries(): Array<{ duration: number }> }) => void) => { observe(opts: unknown): void };
      EventSource: new (url: string) => { addEventListener(type: string, cb: (e: { data: string }) => void): void };
      requestAnimationFrame(cb: (t: number) => void): number;
    };
    const rowSeen: Record<string, number> = {};
    const eventSeen: Record<string, number> = {};
    const longTasks: number[] = [];
    const frames: number[] = [];
    w.__bench = { rowSeen, eventSeen, longTasks, frames, recording: false };
    new w.MutationObserver((records) => {
      const now = Date.now();
      for (const record of records) {
        for (const node of Array.from(record.addedNodes)) {
          if (node.nodeType !== 1) continue;
          const own = node.getAttribute?.('data-id');
          if (own && !(own in rowSeen)) rowSeen[own] = now;
          for (const el of Array.from(node.querySelectorAll?.('[data-id]') ?? [])) {
            const id = el.getAttribute('data-id');
            if (id && !(id in rowSeen)) rowSeen[id] = now;
          }
        }
      }
    }).observe(w.document.body, { childList: true, subtree: true });
    new w.PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: false });
    // A second event stream, as the UI's own: when the event reached the page, apart from rendering.
    new w.EventSource(`/api/events?token=${apiToken}`).addEventListener('delivery.received', (e) => {
      const id = String((JSON.parse(e.data) as { id: number }).id);
      if (!(id in eventSeen)) eventSeen[id] = Date.now();
    });
    let last = performance.now();
    const tick = (now: number) => {
      const bench = w.__bench as { recording: boolean; frames: number[] };
      if (bench.recording) bench.frames.push(now - last);
      last = now;
      w.requestAnimationFrame(tick);
    };
    w.requestAnimationFrame(tick);
  }, token);
}

async function recordFrames(page: Page, ms: number, during: () => Promise<unknown> = () => new Promise((r) => setTimeout(r, ms))) {
  await page.evaluate(() => {
    const bench = (globalThis as unknown as { __bench: { recording: boolean; frames: number[]; longTasks: number[] } }).__bench;
    bench.frames.length = 0;
    bench.longTasks.length = 0;
    bench.recording = true;
  });
  await during();
  return page.evaluate(() => {
    const bench = (globalThis as unknown as { __bench: { recording: boolean; frames: number[]; longTasks: number[] } }).__bench;
    bench.recording = false;
    return { frames: [...bench.frames], longTasks: [...bench.longTasks] };
  });
}

function post(url: string, body: string): Promise<{ id: number; ackAt: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ id: Number(res.headers['x-hookscope-delivery']), ackAt: Date.now() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const describeFrames = (f: { frames: number[]; longTasks: number[] }) =>
  `frame p50 ${fixed(percentile(f.frames, 50), 1)} ms, p95 ${fixed(percentile(f.frames, 95), 1)} ms, max ${fixed(Math.max(...f.frames), 1)} ms, ` +
  `${f.longTasks.length} long tasks (${fixed(f.longTasks.reduce((a, b) => a + b, 0))} ms)`;

interface PageMemory {
  jsHeapMb: number;
  domNodes: number;
  /**
   * Proportional resident memory (PSS: shared pages split among the processes sharing them) of the
   * page's renderer process, the largest renderer (this page is the only one open).
   */
  rendererPssMb: number | null;
}

async function pageMemory(browser: Browser, page: Page): Promise<PageMemory> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  const browserCdp = await browser.newBrowserCDPSession();
  const info = (await browserCdp.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; id: number }> };
  const pss = info.processInfo.filter((p) => p.type === 'renderer').map((p) => proportionalMb(p.id));
  const known = pss.filter((mb): mb is number => mb !== null);
  return { jsHeapMb: metric('JSHeapUsedSize') / 2 ** 20, domNodes: metric('Nodes'), rendererPssMb: known.length ? Math.max(...known) : null };
}

function proportionalMb(pid: number): number | null {
  try {
    const kb = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

const describeMemory = (m: PageMemory) =>
  `JS heap ${fixed(m.jsHeapMb, 1)} MB, ${m.domNodes} DOM nodes, renderer process ${m.rendererPssMb === null ? 'unknown' : `${fixed(m.rendererPssMb)} MB`} (PSS)`;

/** The same UI over an empty database: what the page costs before any delivery. */
async function emptyUiMemory(browser: Browser, uiDir: string): Promise<PageMemory> {
  const core = openCore({ dbFile: benchDbFile('ui-empty') });
  const bridge = await startHttpBridge(core, { uiDir });
  const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
  try {
    await page.goto(bridge.uiUrl);
    await page.getByTestId('status-bar').getByText('live', { exact: true }).waitFor();
    await new Promise((r) => setTimeout(r, 1000));
    return await pageMemory(browser, page);
  } finally {
    await page.close();
    await bridge.close();
    await core.close();
  }
}

/** Scrolls the list down and back up with the mouse wheel, as a user skimming the history would. */
async function scrollList(page: Page) {
  const list = page.locator('.list-inner').first();
  const box = await list.boundingBox();
  if (!box) throw new Error('the delivery list is not on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height, 400) / 2);
  for (const direction of [1, -1]) {
    for (let i = 0; i < 60; i++) {
      await page.mouse.wheel(0, direction * 600);
      await new Promise((r) => setTimeout(r, 16));
    }
  }
}

async function main() {
  console.log(`UI benchmark: ${machine()}`);
  console.log(`load average before: ${loadAverage()}`);
  const uiDir = await buildUi();
  if (!uiDir) return;
  const core = seed(benchDbFile('ui'));
  const receiver = await startCoreReceiver(core, { port: 0 });
  const bridge = await startHttpBridge(core, { uiDir });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const empty = await emptyUiMemory(browser, uiDir);
    const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
    // tsx names functions with an `__name` helper that page.evaluate carries into the page: define it there.
    await page.addInitScript('globalThis.__name = (fn) => fn;');
    const newest = core.ctx.store.deliveries.list({ limit: 1 })[0]!.id;
    const newestRow = page.locator(`.list-inner [role="row"][data-id="${newest}"]`);
    const firstRows: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      if (i === 0) await page.goto(bridge.uiUrl);
      else await page.reload();
      await newestRow.waitFor();
      firstRows.push(Date.now() - started);
    }
    await page.getByTestId('status-bar').getByText('live', { exact: true }).waitFor();
    console.log(`\n${N.toLocaleString('en')} stored deliveries: newest row on screen ${firstRows.map((ms) => `${ms} ms`).join(', ')} (median ${median(firstRows)} ms)`);

    // The receiver indexes the seeded deliveries for search in idle time: frames are measured once it
    // is done, or the scroll would share the two cores with that catch-up (and measure it, not the UI).
    const indexing = performance.now();
    while (core.ctx.store.deliveries.search.backlog() > 0) await new Promise((r) => setTimeout(r, 100));
    console.log(`search index of the seeded deliveries caught up in ${fixed((performance.now() - indexing) / 1000, 1)} s before the frame measurements`);

    await instrument(page, bridge.token);
    const idle = await recordFrames(page, 3000);
    console.log(`idle (baseline):          ${describeFrames(idle)}`);
    const scrolled = await recordFrames(page, 0, () => scrollList(page));
    console.log(`scrolling the list:       ${describeFrames(scrolled)}; ${scrolled.frames.filter((f) => f > 1.5 * (1000 / 60)).length} of ${scrolled.frames.length} frames over 25 ms`);

    const requests = toJobRequests(signedAgileTuneRequests(64));
    const markers: Array<{ id: number; ackAt: number }> = [];
    const busy = await recordFrames(page, SECONDS * 1000, async () => {
      const load = runLoad({ url: receiver.url, connections: 8, durationSec: SECONDS, overallRate: RATE, requests });
      for (let i = 0; i < SECONDS * 4; i++) {
        await new Promise((r) => setTimeout(r, 250));
        markers.push(await post(`${receiver.url}/bench/marker-${i}`, `{"marker":${i}}`));
      }
      await load;
    });
    console.log(`${RATE} deliveries/s arriving: ${describeFrames(busy)}`);
    await new Promise((r) => setTimeout(r, 1000));
    const seen = await page.evaluate(() => {
      const bench = (globalThis as unknown as { __bench: { rowSeen: Record<string, number>; eventSeen: Record<string, number> } }).__bench;
      return { rows: bench.rowSeen, events: bench.eventSeen };
    });
    const eventLag = markers.flatMap((m) => (seen.events[m.id] ? [seen.events[m.id]! - m.ackAt] : []));
    const rowLag = markers.flatMap((m) => (seen.rows[m.id] ? [seen.rows[m.id]! - m.ackAt] : []));
    console.log(
      `live latency after the 2xx (${markers.length} markers): event in the page p50 ${fixed(percentile(eventLag, 50))} ms, p95 ${fixed(percentile(eventLag, 95))} ms; ` +
        `row in the DOM p50 ${fixed(percentile(rowLag, 50))} ms, p95 ${fixed(percentile(rowLag, 95))} ms (${rowLag.length}/${markers.length} rows seen)`,
    );

    // Let the receiver index what the stream left, so both measurements below search the same index.
    while (core.ctx.store.deliveries.search.backlog() > 0) await new Promise((r) => setTimeout(r, 100));
    const search = page.getByRole('searchbox', { name: 'Search deliveries' });
    for (const [label, needle] of [
      ['one marker (rare)', 'marker-7'],
      // Common in the stored history, absent from the stream's rows: its first result is not on screen yet.
      ['a common path', '/hooks/billing'],
    ] as const) {
      const apiTimes: number[] = [];
      let expected = 0;
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        const res = await fetch(`${bridge.url}/api/call/deliveries.list`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ q: needle }),
        });
        expected = ((await res.json()) as { result: { items: Array<{ id: number }> } }).result.items[0]!.id;
        apiTimes.push(performance.now() - t);
      }
      const uiTimes: number[] = [];
      const newestNow = core.ctx.store.deliveries.list({ limit: 1 })[0]!.id;
      for (let i = 0; i < 3; i++) {
        await search.fill('');
        await firstRowIs(page, newestNow); // the unfiltered list is back before the needle is typed
        const t = performance.now();
        await search.fill(needle);
        await firstRowIs(page, expected);
        uiTimes.push(performance.now() - t);
      }
      console.log(
        `search ${label} "${needle}": typed → row on screen median ${fixed(median(uiTimes))} ms (the UI waits ${SEARCH_DEBOUNCE_MS} ms after the last keystroke); ` +
          `the API alone median ${fixed(median(apiTimes), 1)} ms`,
      );
    }
    const memory = await pageMemory(browser, page);
    console.log(`page memory after all of the above: ${describeMemory(memory)}`);
    console.log(`  the same UI over an empty database (baseline): ${describeMemory(empty)}`);
    console.log(`load average after: ${loadAverage()}`);
  } finally {
    await browser.close();
    await bridge.close();
    await core.close();
  }
}

/** Waits until the list's first row is the delivery with this id. */
async function firstRowIs(page: Page, id: number) {
  await page.waitForFunction((wanted) => {
    const doc = (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).document;
    return doc.querySelector('.list-inner [role="row"][data-id]')?.getAttribute('data-id') === String(wanted);
  }, id);
}

await main();
