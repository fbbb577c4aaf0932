// Retention on a real SQLite file: what prune and clear remove (oldest first, with replays and search
// rows; sends untouched), what they keep, and that the file really shrinks.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/core/core.js';
import { startServing } from '../../../electron/core/index.js';
import { runRemoval } from '../../../electron/core/retention.js';
import { blockOf } from '../../../electron/core/store/search.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';
import { seedDeliveries } from '../../e2e/support/seed.js';

afterAll(removeTempDirs);

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

function seeded(count: number, startMs?: number): Core {
  const dbFile = tempDbFile();
  seedDeliveries(dbFile, count, startMs);
  core = openCore({ dbFile });
  return core;
}

const ids = (c: Core) => c.ctx.store.db.prepare('SELECT id FROM deliveries ORDER BY id').pluck().all() as number[];
const count = (c: Core, table: string) => c.ctx.store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

function addReplay(c: Core, deliveryId: number): void {
  c.ctx.store.db
    .prepare(`INSERT INTO replays (delivery_id, created_at, mode, target, request_method, request_url, request_headers, request_body, response_body)
      VALUES (?, 0, 'as-captured', 'http://127.0.0.1:1/', 'POST', 'http://127.0.0.1:1/', '[]', zeroblob(20000), zeroblob(20000))`)
    .run(deliveryId);
}

function addSend(c: Core): void {
  c.ctx.store.db
    .prepare(`INSERT INTO sends (batch_id, seq, created_at, provider, event, target, status, clock, origin_at, plan, spec, body)
      VALUES (1, 0, 0, 'almirant', 'e', 'http://127.0.0.1:9/', 'delivered', 'virtual', 0, '{}', '{}', x'7b7d')`)
    .run();
  c.ctx.store.db.prepare(`INSERT INTO send_attempts (send_id, n, offset_ms, sent_at, duration_ms, request_headers) VALUES (1, 1, 0, 0, 1, '[]')`).run();
}

describe('prune', () => {
  it('keeps the newest N deliveries and removes the older ones with their replays, leaving sends and their attempts', async () => {
    const c = seeded(3000);
    const all = ids(c);
    addReplay(c, all[0]!); // of a delivery that goes
    addReplay(c, all.at(-1)!); // of one that stays
    addSend(c);
    const result = await c.dispatch('deliveries.prune', { keep: 1000 });
    expect(result).toMatchObject({ removed: 2000, kept: 1000 });
    expect(ids(c)).toEqual(all.slice(-1000));
    expect(c.ctx.store.db.prepare('SELECT delivery_id FROM replays').pluck().all()).toEqual([all.at(-1)]);
    expect([count(c, 'sends'), count(c, 'send_attempts')]).toEqual([1, 1]);
  });

  it('removes deliveries older than the given age and none newer', async () => {
    const now = Date.now();
    const c = seeded(200, now - 200 * 60_000); // one a second from 200 minutes ago: all older than an hour…
    const before = ids(c);
    // …but the newest 50, received now.
    c.ctx.store.db.prepare('UPDATE deliveries SET received_at = ? WHERE id > ?').run(now, before.at(-51));
    const result = await c.dispatch('deliveries.prune', { olderThanMs: 60 * 60_000 });
    expect(result).toMatchObject({ removed: 150, kept: 50 });
    expect(ids(c)).toEqual(before.slice(-50));
  });

  it('removes the oldest deliveries until the database uses no more than maxBytes', async () => {
    const c = seeded(4000);
    const used = c.ctx.store.retention.usedBytes();
    const result = (await c.dispatch('deliveries.prune', { maxBytes: Math.floor(used / 2) })) as { removed: number; kept: number };
    expect(c.ctx.store.retention.usedBytes()).toBeLessThanOrEqual(used / 2);
    expect(result.removed).toBeGreaterThan(1000);
    expect(result.kept).toBeGreaterThan(1000);
    expect(ids(c)[0]).toBe(result.removed + 1); // oldest first, no gaps left behind
  });

  it('leaves a small prune\'s search rows behind (counted), and a search finds only what is kept', async () => {
    const c = seeded(600);
    c.ctx.store.deliveries.search.indexNext({ maxRows: 10_000, maxBytes: 1e9 });
    await c.dispatch('deliveries.prune', { keep: 500 });
    expect(c.ctx.store.db.prepare('SELECT orphans FROM search_state').pluck().get()).toBe(100);
    const found = (await c.dispatch('deliveries.list', { q: 'Task number', limit: 1000 })) as { items: Array<{ id: number }> };
    expect(found.items.map((d) => d.id)).toEqual(ids(c).reverse());
  });

  it('drops the search index once the rows left behind outnumber the live ones, and it is rebuilt from what is kept', async () => {
    const c = seeded(3000);
    const search = c.ctx.store.deliveries.search;
    search.indexNext({ maxRows: 10_000, maxBytes: 1e9 });
    await c.dispatch('deliveries.prune', { keep: 500 });
    expect(count(c, 'deliveries_search')).toBe(0);
    expect(search.indexedThrough()).toBe(0);
    const needle = { q: 'Task number 29', limit: 1000 };
    const scanned = (await c.dispatch('deliveries.list', needle)) as { items: Array<{ id: number }> };
    expect(scanned.items.length).toBeGreaterThan(0);
    while (search.indexNext({ maxRows: 1000, maxBytes: 1e9 }) > 0);
    expect(count(c, 'deliveries_search')).toBe(new Set(ids(c).map(blockOf)).size); // one row per block of kept deliveries
    expect(await c.dispatch('deliveries.list', needle)).toEqual(scanned);
  });

  it('gives the space back: the file shrinks', async () => {
    const c = seeded(20_000);
    c.ctx.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const result = (await c.dispatch('deliveries.prune', { keep: 1000 })) as { dbBytesBefore: number; dbBytesAfter: number };
    expect(result.dbBytesAfter).toBeLessThan(result.dbBytesBefore / 5);
    expect(c.ctx.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('bounds one slice by rows and one give-back by pages, however long its time budget (the commit writes what a slice dirtied)', () => {
    const c = seeded(2000);
    const { retention } = c.ctx.store;
    const removal = retention.prune({ keep: 500 });
    // The first steps count the deliveries (a chunk of an index each) and remove none.
    let counting = 0;
    while (removal.step(60_000, 10) === 0 && !removal.done) counting++;
    expect(counting).toBeGreaterThanOrEqual(1);
    expect(count(c, 'deliveries')).toBe(1990);
    expect(removal.step(60_000, 100)).toBe(100);
    while (!removal.done) removal.step(60_000, 1000);
    expect(count(c, 'deliveries')).toBe(500);
    const free = () => c.ctx.store.db.pragma('freelist_count', { simple: true }) as number;
    const before = free();
    expect(before).toBeGreaterThan(40);
    expect(retention.giveBackSpace(60_000, 20)).toBe(before - 20);
    expect(free()).toBe(before - 20);
    const cleared = retention.clear();
    expect(cleared.step(60_000, 7)).toBe(7);
  });

  it('refuses a prune that names no rule, naming what is expected', async () => {
    const c = seeded(1);
    await expect(c.dispatch('deliveries.prune', {})).rejects.toThrow(/keep, olderThanMs, maxBytes/);
    await expect(c.dispatch('deliveries.prune', { keep: -1 })).rejects.toThrow(/keep/);
  });
});

describe('clear', () => {
  it('clears one endpoint\'s deliveries and leaves the others', async () => {
    const c = seeded(300);
    c.ctx.store.db.prepare("UPDATE deliveries SET endpoint_path = iif(id % 3 = 0, '/hooks/a', '/hooks/b')").run();
    const result = await c.dispatch('deliveries.clear', { endpoint: '/hooks/a' });
    expect(result).toEqual({ deleted: 100 });
    expect(c.ctx.store.db.prepare("SELECT count(*) FROM deliveries WHERE endpoint_path = '/hooks/b'").pluck().get()).toBe(200);
    expect(await c.dispatch('deliveries.clear', {})).toEqual({ deleted: 200 });
    expect(count(c, 'deliveries')).toBe(0);
  });
});

describe('stored settings', () => {
  it('stores, lists and unsets retention settings, normalized', async () => {
    const c = seeded(0);
    await c.dispatch('settings.set', { key: 'retention.maxAge', value: ' 30D ' });
    await c.dispatch('settings.set', { key: 'retention.maxBytes', value: '2gb' });
    const { items } = (await c.dispatch('settings.list', {})) as { items: Array<{ key: string; value: string | null }> };
    expect(Object.fromEntries(items.map((s) => [s.key, s.value]))).toEqual({ 'retention.keep': null, 'retention.maxAge': '30d', 'retention.maxBytes': '2GB', 'tunnel.engine': null, 'tunnel.ngrokAuthtoken': null });
    await c.dispatch('settings.set', { key: 'retention.maxAge', value: null });
    expect(c.ctx.store.settings.values()).toEqual({ 'retention.maxBytes': '2GB' });
  });

  it('refuses a value that does not fit its key, or an unknown key, naming the field', async () => {
    const c = seeded(0);
    await expect(c.dispatch('settings.set', { key: 'retention.keep', value: 'lots' })).rejects.toThrow(/value: retention.keep must be a whole number/);
    await expect(c.dispatch('settings.set', { key: 'retention.maxAge', value: '30' })).rejects.toThrow(/retention.maxAge must be a duration/);
    await expect(c.dispatch('settings.set', { key: 'retention.maxBytes', value: '10k' })).rejects.toThrow(/at least 1MB/);
    await expect(c.dispatch('settings.set', { key: 'retention.forever', value: '1' })).rejects.toThrow(/key/);
  });
});

describe('stats', () => {
  it('gives the database size on disk with the delivery count', async () => {
    const c = seeded(500);
    const stats = (await c.dispatch('stats.get', {})) as { deliveries: number; dbBytes: number };
    expect(stats.deliveries).toBe(500);
    expect(stats.dbBytes).toBe(c.ctx.store.retention.dbBytes());
    expect(stats.dbBytes).toBeGreaterThan(500 * 100);
  });
});

describe('counting deliveries in chunks (what a prune by count does first, instead of one count(*))', () => {
  it('counts what count(*) counts, across methods and gaps, at most a chunk per step, and not the captures filed meanwhile', () => {
    const c = seeded(500);
    const { db } = c.ctx.store;
    db.prepare("UPDATE deliveries SET method = CASE id % 3 WHEN 0 THEN 'GET' WHEN 1 THEN 'POST' ELSE 'PUT' END").run();
    db.prepare('DELETE FROM deliveries WHERE id % 7 = 0').run();
    const expected = count(c, 'deliveries');
    const fileOne = (method: string) =>
      db
        .prepare(`INSERT INTO deliveries (received_at, method, path, body_size, verdict, verification, headers, body)
          SELECT received_at, ?, path, body_size, verdict, verification, headers, body FROM deliveries ORDER BY id DESC LIMIT 1`)
        .run(method);
    const counting = c.ctx.store.retention.slicedCount();
    let steps = 1;
    for (; !counting.step(16); steps++) {
      // Filed while counting (higher ids), with a method before and one among those counted.
      if (steps === 3) fileOne('CONNECT');
      if (steps === 9) fileOne('POST');
    }
    expect(counting.total).toBe(expected);
    expect(count(c, 'deliveries')).toBe(expected + 2);
    expect(steps).toBeGreaterThanOrEqual(Math.ceil(expected / 16));
    expect(counting.step(16)).toBe(true); // done stays done
    expect(counting.total).toBe(expected);
  });

  it('counts nothing in an empty store', () => {
    const c = seeded(0);
    const counting = c.ctx.store.retention.slicedCount();
    expect(counting.step()).toBe(true);
    expect(counting.total).toBe(0);
  });
});

describe('search indexing beside retention', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('counts a removal as running while it runs, and not after', async () => {
    const c = seeded(3000);
    const { retention } = c.ctx.store;
    const seen: number[] = [];
    await runRemoval(retention, retention.prune({ keep: 100 }), { onPause: () => seen.push(retention.running) });
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set([1]));
    expect(retention.running).toBe(0);
  });

  it("serve's search indexer waits while retention runs, and catches up once it is over", async () => {
    const dbFile = tempDbFile();
    seedDeliveries(dbFile, 300);
    core = openCore({ dbFile });
    const { retention, deliveries } = core.ctx.store;
    expect(deliveries.search.backlog()).toBeGreaterThan(0);
    retention.running++; // as a removal does for as long as it runs
    await startServing(core, { port: 0 });
    await sleep(600); // many of the indexer's looks (every 25 ms)
    expect(deliveries.search.indexedThrough()).toBe(0);
    retention.running--;
    for (let i = 0; i < 200 && deliveries.search.backlog() > 0; i++) await sleep(50);
    expect(deliveries.search.backlog()).toBe(0);
  });
});
