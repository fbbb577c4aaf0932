import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store/index.js';
import { migrateTo, SCHEMA_VERSION } from '../../../electron/core/store/migrations.js';
import { StoreError } from '../../../electron/core/store/errors.js';
import type { SendRun } from '../../../shared/api/sender.js';
import { newCapture } from '../../support/new-capture.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';
import { openSenderCore } from '../sender/support/sender.js';
import { startHandler } from '../sender/support/handler.js';

afterAll(removeTempDirs);

describe('the store', () => {
  it('migrates a database written by the first version and keeps its data', () => {
    const file = tempDbFile();
    const old = new Database(file);
    migrateTo(old, 1);
    old.prepare("INSERT INTO endpoints (path, provider, secret, created_at) VALUES ('/old', 'agiletune', 's', 0)").run();
    old.prepare(`INSERT INTO deliveries (received_at, method, path, body_size, endpoint_path, verdict, verification, headers, body)
      VALUES (0, 'POST', '/old', 2, '/old', 'unsigned', '{"status":"unsigned","provider":null,"reason":"r","hints":[]}', '[["A","b"]]', x'7b7d')`).run();
    old.close();

    const store = openStore(file);
    try {
      expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(store.endpoints.byPath('/old')).toMatchObject({ provider: 'agiletune', previousSecrets: [], forwardTo: null });
      expect(store.deliveries.list()[0]).toMatchObject({ path: '/old', size: 2 });
      expect(store.deliveries.get(1)!.headers).toEqual([{ name: 'A', value: 'b' }]);
    } finally {
      store.close();
    }
  });

  it('adds the event column: rows filed before it carry none (null), new ones their provider\'s event', () => {
    const file = tempDbFile();
    const old = new Database(file);
    migrateTo(old, 7);
    old.prepare(`INSERT INTO deliveries (received_at, method, path, body_size, endpoint_path, provider, verdict, verification, headers, body)
      VALUES (0, 'POST', '/old', 2, NULL, 'agiletune', 'unsigned', '{"status":"unsigned","provider":null,"reason":"r","hints":[]}', '[]', CAST('{"event":"task.created"}' AS BLOB))`).run();
    old.close();

    const store = openStore(file);
    try {
      expect(store.deliveries.list()[0]).toMatchObject({ path: '/old', event: null });
      const [id] = store.deliveries.insertMany([
        {
          receivedAtMs: 1,
          method: 'POST',
          path: '/new',
          query: '',
          httpVersion: '1.1',
          headers: [],
          body: Buffer.from('{}'),
          truncated: false,
          incomplete: null,
          remoteAddress: null,
          remotePort: null,
          durationMs: 0,
          endpointId: null,
          endpointPath: null,
          provider: 'agiletune',
          verification: { status: 'unsigned', provider: 'agiletune', reason: 'r', hints: [] },
          responseStatus: 200,
          event: 'task.updated',
        },
      ]);
      expect(store.deliveries.get(id!)).toMatchObject({ event: 'task.updated' });
    } finally {
      store.close();
    }
  });

  it('keeps the sends of a database from before occurredSeq, recording it as unknown except for a single-run batch', async () => {
    const file = tempDbFile();
    const old = new Database(file);
    // Schema 5: the last one whose sends did not record where their event occurred.
    migrateTo(old, 5);
    const insert = old.prepare(`INSERT INTO sends (batch_id, seq, created_at, provider, event, target, status, clock, origin_at, duplicate_of, plan, spec, body)
      VALUES (?, ?, 0, 'almirant', ?, 'http://127.0.0.1:9/', 'delivered', 'virtual', 0, ?, '{}', '{}', x'7b7d')`);
    // A batch of three (shuffled or not: the old schema cannot tell), one of them a duplicate, and a single send.
    insert.run(1, 0, 'lead.updated', null);
    insert.run(1, 1, 'lead.created', null);
    insert.run(1, 2, 'lead.updated', 1);
    insert.run(4, 0, 'sprint.closed', null);
    old.close();

    const sender = openSenderCore({ dbFile: file });
    const handler = await startHandler(() => 200);
    try {
      const oldBatch = (await sender.core.dispatch('sends.list', { batchId: 1 })) as { items: SendRun[] };
      expect(oldBatch.items.map((r) => [r.event, r.seq, r.occurredSeq])).toEqual([
        ['lead.updated', 0, null],
        ['lead.created', 1, null],
        ['lead.updated', 2, null],
      ]);
      const single = (await sender.core.dispatch('sends.list', { batchId: 4 })) as { items: SendRun[] };
      expect(single.items.map((r) => [r.event, r.occurredSeq])).toEqual([['sprint.closed', 0]]);

      // Sends made after the upgrade record it, next to the old ones.
      const runs = await sender.send({ provider: 'almirant', events: ['lead.created', 'lead.updated', 'sprint.closed'], shuffle: true, seed: 5, clock: { kind: 'virtual' }, to: handler.url });
      expect([...runs].sort((a, b) => a.occurredSeq! - b.occurredSeq!).map((r) => r.event)).toEqual(['lead.created', 'lead.updated', 'sprint.closed']);
      const all = (await sender.core.dispatch('sends.list', { limit: 10 })) as { items: SendRun[] };
      expect(all.items).toHaveLength(7);
    } finally {
      await handler.close();
      await sender.close();
    }
  });

  it('sets the search index to merge its segments less often, (issue #17)', () => {
    const settings = (file: string) => {
      const store = openStore(file);
      try {
        return Object.fromEntries(store.db.prepare("SELECT k, v FROM deliveries_search_config WHERE k IN ('automerge', 'crisismerge')").raw().all() as Array<[string, number]>);
      } finally {
        store.close();
      }
    };
    // A new database runs every migration, the last one included, as an older one does when opened.
    expect(settings(tempDbFile())).toEqual({ automerge: 16, crisismerge: 64 });
  });

  it('uses WAL with an explicit synchronous level', () => {
    const store = openStore(tempDbFile());
    try {
      expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    } finally {
      store.close();
    }
  });

  it('refuses a database written by a newer Hookscope instead of damaging it', () => {
    const file = tempDbFile();
    const newer = new Database(file);
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    expect(() => openStore(file)).toThrow(StoreError);
    expect(() => openStore(file)).toThrow(/newer Hookscope/);
  });

  it('lists newest first with filters, and pages backwards', () => {
    const store = openStore(tempDbFile());
    try {
      const verification = (status: 'valid' | 'invalid') => ({ status, provider: 'agiletune', reason: '', hints: [] });
      const ids = store.deliveries.insertMany(
        Array.from({ length: 30 }, (_, i) =>
          newCapture({
            receivedAtMs: 1_700_000_000_000 + i,
            method: i % 2 ? 'POST' : 'PUT',
            path: `/p/${i}`,
            headers: [{ name: 'X-N', value: String(i) }],
            body: Buffer.from(`{"n":${i},"tag":"${i === 7 ? 'needle_%' : 'hay'}"}`),
            endpointPath: i < 10 ? '/p' : null,
            provider: 'agiletune',
            verification: verification(i % 3 ? 'valid' : 'invalid'),
          }),
        ),
      );
      expect(store.deliveries.list({ limit: 3 }).map((d) => d.id)).toEqual([ids[29], ids[28], ids[27]]);
      expect(store.deliveries.list({ limit: 2, beforeId: ids[10] }).map((d) => d.id)).toEqual([ids[9], ids[8]]);
      expect(store.deliveries.list({ verdict: 'invalid', limit: 100 })).toHaveLength(10);
      expect(store.deliveries.list({ method: 'put', limit: 100 })).toHaveLength(15);
      expect(store.deliveries.list({ endpoint: '/p', limit: 100 })).toHaveLength(10);
      // LIKE wildcards in the search text are literal characters.
      expect(store.deliveries.list({ q: 'NEEDLE_%' }).map((d) => d.path)).toEqual(['/p/7']);
    } finally {
      store.close();
    }
  });
});
