// The receiver after a full disk (issue #15's probe): the space freed first goes to captures, not to
// maintenance; and a read of a capture that could not be filed is served from the capture log
// instead of claiming the acknowledged capture does not exist.
import crypto from 'node:crypto';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/core/core.js';
import type { RawCapture } from '../../../electron/core/store/capture-log.js';
import type { DeliveryDetail } from '../../../shared/domain.js';
import { startTestCore, type TestCore } from '../../support/core.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';
import { post, sleep } from './support.js';
import { canMount, mountSmallDisk, type SmallDisk } from './tmpfs.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});
afterAll(removeTempDirs);

function logged(body: Buffer): RawCapture {
  return {
    receivedAtMs: Date.now(),
    method: 'POST',
    path: '/hooks/full',
    query: '',
    httpVersion: '1.1',
    rawHeaders: ['Content-Type', 'application/octet-stream'],
    body,
    truncated: false,
    incomplete: null,
    remoteAddress: '127.0.0.1',
    remotePort: 40000,
    durationMs: 0.2,
    endpointId: null,
    endpointPath: null,
    responseStatus: 200,
  };
}

function seedText(t: TestCore, count: number): void {
  const words = (i: number) => Array.from({ length: 3000 }, (_, w) => `word${(w * 7919 + i) % 100000}`).join(' ');
  t.core.ctx.store.deliveries.insertMany(
    Array.from({ length: count }, (_, i) => {
      const { rawHeaders: _raw, ...capture } = logged(Buffer.from(JSON.stringify({ i, words: words(i) })));
      return { ...capture, headers: [], provider: null, verification: { status: 'unsigned', provider: null, reason: 'seeded', hints: [] } };
    }),
  );
}

describe('a read while captures cannot be filed (disk full)', () => {
  it('serves an acknowledged capture from the capture log instead of "no delivery with id"', async () => {
    const core: Core = openCore({ dbFile: tempDbFile() });
    cleanups.push(() => core.close());
    const { store } = core.ctx;
    const body = crypto.randomBytes(200 * 1024);
    const [id] = store.captures.append([logged(body)]); // committed and acknowledged, not filed yet
    // Filing needs new pages for the delivery row: SQLite now answers SQLITE_FULL as a full disk would.
    store.db.pragma(`max_page_count = ${store.db.pragma('page_count', { simple: true }) as number}`);
    const detail = (await core.dispatch('deliveries.get', { id })) as DeliveryDetail;
    expect(store.deliveries.get(id!)).toBeUndefined(); // it really was not filed
    expect(detail.id).toBe(id);
    expect(Buffer.from(detail.bodyBase64, 'base64').equals(body)).toBe(true);
    expect(detail).toMatchObject({ path: '/hooks/full', size: body.length, responseStatus: 200 });
    expect(await core.dispatch('replays.list', { deliveryId: id })).toEqual({ items: [] });
  });
});

describe.skipIf(!canMount)('after a full disk (a real tmpfs; skipped where mount is not allowed)', () => {
  it('the first space freed goes to captures: indexing and checkpoints wait for the reserve, then catch up', async () => {
    const disk: SmallDisk = mountSmallDisk(32 * 1024 * 1024)!;
    cleanups.push(() => disk.unmount());
    const reserve = process.env.HOOKSCOPE_DISK_RESERVE;
    process.env.HOOKSCOPE_DISK_RESERVE = '8m';
    cleanups.push(() => {
      if (reserve === undefined) delete process.env.HOOKSCOPE_DISK_RESERVE;
      else process.env.HOOKSCOPE_DISK_RESERVE = reserve;
    });
    const t: TestCore = await startTestCore({ dbFile: path.join(disk.dir, 'hookscope.db') });
    cleanups.push(() => t.close());
    const { store } = t.core.ctx;
    // A backlog for the search indexer, which wakes at the next capture: text bodies (indexing costs
    // several times their size).
    seedText(t, 40);
    disk.fill();
    let refused = 0;
    for (let i = 0; i < 400 && refused !== 503; i++) refused = (await post(`${t.receiver.url}/hooks/full`, Buffer.alloc(64 * 1024, 0x61))).status;
    expect(refused).toBe(503); // the log file's room used up too

    disk.free(2 * 1024 * 1024); // 2 MB: less than the 8 MB reserve (each capture takes ~100 KB of log)
    await sleep(1_200); // past the disk check's cache and several indexer and checkpointer ticks
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await post(`${t.receiver.url}/hooks/after`, Buffer.alloc(16 * 1024, 0x62))).status);
      await sleep(100);
    }
    expect(statuses).toEqual(statuses.map(() => 200));

    disk.free(); // plenty of room again: maintenance resumes and the index catches up
    const newest = store.captures.newestId() || (store.db.prepare('SELECT max(id) FROM deliveries').pluck().get() as number);
    for (let i = 0; i < 100 && store.deliveries.search.indexedThrough() < newest; i++) await sleep(100);
    expect(store.deliveries.search.indexedThrough()).toBeGreaterThanOrEqual(newest);
  }, 60_000);
});

describe('the search index of bodies that are not text', () => {
  it('leaves binary and compressed bodies out of the index, and a search still finds text in them', async () => {
    const t = await startTestCore();
    cleanups.push(() => t.close());
    const { store } = t.core.ctx;
    // Text before the first NUL: what a LIKE over the bytes as text has always found.
    const binary = Buffer.concat([Buffer.from('needle-in-binary'), Buffer.from([0]), crypto.randomBytes(8 * 1024)]);
    const gzipped = Buffer.from('pretend-gzip needle-in-gzip');
    const a = await post(`${t.receiver.url}/hooks/bin`, binary);
    const b = await post(`${t.receiver.url}/hooks/gz`, gzipped, { headers: { 'Content-Encoding': 'gzip' } });
    const c = await post(`${t.receiver.url}/hooks/text`, '{"note":"needle-in-text"}');
    await t.core.dispatch('stats.get', {}); // filed
    while (store.deliveries.search.indexNext({ maxRows: 100 }) > 0);
    const unindexed = store.db.prepare('SELECT id FROM search_unindexed ORDER BY id').pluck().all();
    const ids = [a, b, c].map((r) => Number(r.headers['x-hookscope-delivery']));
    expect(unindexed).toEqual(ids.slice(0, 2));
    for (const [needle, id] of [['needle-in-binary', ids[0]], ['needle-in-gzip', ids[1]], ['needle-in-text', ids[2]]] as const) {
      const { items } = (await t.core.dispatch('deliveries.list', { q: needle })) as { items: Array<{ id: number }> };
      expect(items.map((d) => d.id)).toEqual([id]);
    }
  });
});
