// Text search through the trigram index must give exactly what a LIKE scan over path, query, headers
// and body gives (the semantics before the index existed), for any needle: LIKE wildcards, quotes,
// non-ASCII, odd case, needles spanning JSON escapes; whether a delivery is indexed yet, too large to
// be indexed, or deleted with its id reused.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fcParams } from '../../support/fast-check.js';
import type { Verification } from '../../../shared/domain.js';
import type { NewCapture } from '../../../electron/core/store/deliveries.js';
import { openStore, type Store } from '../../../electron/core/store/index.js';
import { MAX_INDEXED_BODY } from '../../../electron/core/store/search.js';
import { startTestCore } from '../../support/core.js';
import { newCapture } from '../../support/new-capture.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';

let store: Store;
const texts: string[] = [];

const verification = (status: Verification['status']): Verification => ({ status, provider: null, reason: 'r', hints: [] });

function capture(i: number, body: Buffer, extra: Partial<NewCapture> = {}): NewCapture {
  return newCapture({
    receivedAtMs: 1_700_000_000_000 + i,
    method: i % 3 ? 'POST' : 'PUT',
    path: `/hooks/${['alpha', 'Beta', 'gämma', 'd%lta_'][i % 4]}/${i}`,
    query: i % 5 ? '' : `page=${i}&q=Hello%20World`,
    headers: [
      { name: 'Content-Type', value: 'application/json' },
      { name: 'X-Note', value: `say "hi" \\ to ${i % 2 ? 'Zoë' : 'ZOE'}` },
    ],
    body,
    verification: verification(i % 4 ? 'valid' : 'invalid'),
    ...extra,
  });
}

/** The oracle: the LIKE scan that was the whole of search before the index. */
function likeScan(q: string, filters: { verdict?: string; beforeId?: number; limit: number }): number[] {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const where = [`(path LIKE ? ESCAPE '\\' OR query LIKE ? ESCAPE '\\' OR headers LIKE ? ESCAPE '\\' OR CAST(body AS TEXT) LIKE ? ESCAPE '\\')`];
  const params: unknown[] = [like, like, like, like];
  if (filters.verdict) {
    where.push('verdict = ?');
    params.push(filters.verdict);
  }
  if (filters.beforeId) {
    where.push('id < ?');
    params.push(filters.beforeId);
  }
  return store.db.prepare(`SELECT id FROM deliveries WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ${filters.limit}`).pluck().all(...params) as number[];
}

beforeAll(() => {
  store = openStore(tempDbFile());
  const bodies: Buffer[] = fc.sample(
    fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
      fc.string({ maxLength: 300 }).map((s) => Buffer.from(`{"note":${JSON.stringify(s)},"Event":"Task.Updated"}`)),
      fc.string({ unit: 'binary', maxLength: 200 }).map((s) => Buffer.from(s)),
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
    ),
    { numRuns: 400, seed: 8 },
  );
  bodies.push(Buffer.concat([Buffer.alloc(MAX_INDEXED_BODY, 0x7a), Buffer.from('needle-in-a-large-body')]));
  store.deliveries.insertMany(bodies.map((b, i) => capture(i, b)));
  // Index two thirds, delete the newest rows (SQLite then reuses their ids), add more: the search
  // must merge the index, the unindexed tail and the too-large body, and see the reused ids.
  while (store.deliveries.search.indexedThrough() < 300) store.deliveries.search.indexNext({ maxRows: 50 });
  const newest = store.deliveries.list({ limit: 20 }).map((d) => d.id);
  store.deliveries.delete(newest.filter((id) => id <= 300));
  store.deliveries.insertMany(bodies.slice(0, 30).map((b, i) => capture(1000 + i, b)));
  for (const row of store.db.prepare("SELECT path || ' ' || query || ' ' || headers || ' ' || CAST(body AS TEXT) FROM deliveries").pluck().all() as string[]) {
    texts.push(row);
  }
});
afterAll(() => {
  store.close();
  removeTempDirs();
});

const flipCase = (s: string, flips: boolean[]) => [...s].map((c, i) => (flips[i % flips.length] ? c.toUpperCase() : c.toLowerCase())).join('');

/** Needles cut from stored text (so they usually match), with their case flipped, or made up. */
const needle = fc.oneof(
  fc
    .tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 24 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }))
    .map(([row, at, length, flips]) => {
      const text = texts[row % texts.length]!;
      const start = at % Math.max(1, text.length);
      return flipCase(text.slice(start, start + length), flips);
    }),
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.constantFrom('%', '_', '\\', '"', '""', 'd%lta_', 'HELLO%20', 'zoë', 'ZOË', 'say "hi"', '\\\\', 'needle-in-a-large', 'task.updated', 'ab', 'a\u0000bcd', '\u0000\u0000\u0000'),
).filter((q) => q.length > 0 && q.length <= 1000);

describe('search through the trigram index', () => {
  it('finds exactly what a LIKE scan finds, newest first', () => {
    fc.assert(
      fc.property(needle, fc.constantFrom(undefined, 'valid', 'invalid'), fc.constantFrom(5, 100, 1000), (q, verdict, limit) => {
        const found = store.deliveries.list({ q, verdict: verdict as Verification['status'] | undefined, limit }).map((d) => d.id);
        expect(found).toEqual(likeScan(q, { verdict, limit }));
      }),
      fcParams({ numRuns: 400, interruptAfterTimeLimit: 15_000 }),
    );
  }, 30_000);

  it('pages backwards through the results exactly as the scan does', () => {
    fc.assert(
      fc.property(needle, fc.integer({ min: 2, max: 1100 }), (q, beforeId) => {
        const found = store.deliveries.list({ q, beforeId, limit: 7 }).map((d) => d.id);
        expect(found).toEqual(likeScan(q, { beforeId, limit: 7 }));
      }),
      fcParams({ numRuns: 200, interruptAfterTimeLimit: 10_000 }),
    );
  });

  it('finds text in a body too large to index', () => {
    expect(store.deliveries.list({ q: 'NEEDLE-IN-A-LARGE-BODY' })).toHaveLength(1);
  });

  it('passes FTS5\'s own integrity check after deletes and reused ids', () => {
    expect(() => store.db.exec("INSERT INTO deliveries_search (deliveries_search) VALUES ('integrity-check')")).not.toThrow();
  });
});

describe('the receiver\'s background indexing', () => {
  it('indexes captures once traffic pauses, so search goes through the index', async () => {
    const t = await startTestCore();
    try {
      const search = t.core.ctx.store.deliveries.search;
      await Promise.all(Array.from({ length: 40 }, (_, i) => fetch(`${t.receiver.url}/hooks/idx/${i}`, { method: 'POST', body: `{"n":${i},"tag":"Indexed-${i}"}` })));
      const lastId = t.core.ctx.store.deliveries.list({ limit: 1 })[0]!.id;
      for (let i = 0; i < 100 && search.indexedThrough() < lastId; i++) await new Promise((r) => setTimeout(r, 20));
      expect(search.indexedThrough()).toBe(lastId);
      expect(t.core.ctx.store.deliveries.list({ q: 'indexed-17"' }).map((d) => d.path)).toEqual(['/hooks/idx/17']);
    } finally {
      await t.close();
    }
  });
});
