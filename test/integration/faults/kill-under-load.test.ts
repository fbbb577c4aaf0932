// Durability rule: a request is answered only after its capture is committed. So when the server is
// killed with SIGKILL in the middle of a burst, every request that got a 2xx must be in the file
// (filed as a delivery, or still in the capture log it is filed from), byte for byte, the file must
// pass SQLite's integrity check, and after a restart every one of them must be a delivery.
import http from 'node:http';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { callApi, startServe } from '../../support/cli.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';
import { deliveryIdOf, killHard, post, sleep } from './support.js';

afterAll(removeTempDirs);

const CONCURRENCY = 24;

describe('a server killed with SIGKILL under load', () => {
  it('keeps every acknowledged delivery, byte-exact, in a database that passes integrity_check', async () => {
    const dbFile = tempDbFile();
    const serve = await startServe(dbFile, ['--quiet']);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const acknowledged = new Map<number, Buffer>();
    let refused = 0;
    let stop = false;
    let n = 0;

    const client = async () => {
      while (!stop) {
        const body = Buffer.from(JSON.stringify({ n: n++, pad: 'x'.repeat(200 + (n % 300)), bytes: [n % 256, 0xff] }));
        try {
          const reply = await post(`${serve.receiverUrl}/hooks/load`, body, { agent, headers: { 'Content-Type': 'application/json' } });
          if (reply.status >= 200 && reply.status < 300) acknowledged.set(deliveryIdOf(reply), body);
        } catch {
          refused++; // the kill cut this one off: not acknowledged, so nothing is promised
        }
      }
    };

    const clients = Array.from({ length: CONCURRENCY }, client);
    // Kill once the burst is well under way (hundreds of commits in flight), not at a quiet moment.
    while (acknowledged.size < 1500) await sleep(10);
    await killHard(serve);
    stop = true;
    await Promise.all(clients);
    agent.destroy();

    const missingIn = (sql: string) => {
      const db = new Database(dbFile);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const body = db.prepare(sql).pluck();
        return [...acknowledged].filter(([id, sent]) => !(body.get({ id }) as Buffer | undefined)?.equals(sent)).map(([id]) => id);
      } finally {
        db.close();
      }
    };
    expect(missingIn('SELECT body FROM deliveries WHERE id = :id UNION ALL SELECT body FROM capture_log WHERE id = :id')).toEqual([]);
    expect(acknowledged.size).toBeGreaterThanOrEqual(1500);
    expect(refused).toBeGreaterThan(0); // the kill really landed mid-burst

    const restarted = await startServe(dbFile, ['--quiet']);
    try {
      await callApi(restarted, 'deliveries.list', { limit: 1 }); // a read files whatever the log still holds
    } finally {
      await restarted.stop();
    }
    expect(missingIn('SELECT body FROM deliveries WHERE id = :id')).toEqual([]);
  }, 60_000);

  it('starts again on the crashed database and keeps capturing', async () => {
    const dbFile = tempDbFile();
    const first = await startServe(dbFile, ['--quiet']);
    const before = await post(`${first.receiverUrl}/before`, 'one');
    await killHard(first);

    const second = await startServe(dbFile, ['--quiet']);
    try {
      const after = await post(`${second.receiverUrl}/after`, 'two');
      expect(after.status).toBe(200);
      const { items } = await callApi<{ items: Array<{ id: number; path: string }> }>(second, 'deliveries.list', {});
      expect(items.map((d) => [d.id, d.path])).toEqual([
        [deliveryIdOf(after), '/after'],
        [deliveryIdOf(before), '/before'],
      ]);
    } finally {
      await second.stop();
    }
  }, 60_000);
});
