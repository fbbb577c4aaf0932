// A CLI command run beside `serve` on the same database must leave serve's SQLite locks alone. POSIX
// drops every fcntl lock a process holds on a file when it closes any descriptor of that file, so a
// serve that opened and closed its own database files (once, at start) lost its locks: the next CLI
// command to close its connection thought itself the last, deleted the WAL under the running
// receiver, and captures acknowledged afterwards were invisible to every other process (a concurrent
// `prune` then missed them: prune-faults.test.ts). Here any command will do; `stats` is the lightest.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startServe } from '../../support/cli.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';
import { deliveryIdOf, post } from './support.js';

afterAll(removeTempDirs);

describe('a CLI command run beside serve on the same database', () => {
  it('leaves serve\'s write-ahead log in place, and every capture serve acknowledges afterwards is readable by another process at once', async () => {
    const db = tempDbFile();
    const serve = await startServe(db, ['--quiet']);
    try {
      expect((await post(`${serve.receiverUrl}/hooks/before`, '{"n":0}')).status).toBe(200);
      const stats = await runCli(['stats', '--json', '--db', db], { timeoutMs: 60_000 });
      expect(stats.code).toBe(0);
      // SQLite deletes the WAL only when the last connection to the database closes: serve's is open.
      expect(fs.existsSync(`${db}-wal`)).toBe(true);

      const check = new Database(db, { readonly: true });
      try {
        const bodyOf = check.prepare('SELECT body FROM deliveries WHERE id = ? UNION ALL SELECT body FROM capture_log WHERE id = ?').pluck();
        for (let n = 1; n <= 20; n++) {
          const body = `{"n":${n}}`;
          const reply = await post(`${serve.receiverUrl}/hooks/after`, body);
          expect(reply.status).toBe(200);
          const id = deliveryIdOf(reply);
          // Read as soon as it is acknowledged: committed means visible to every connection.
          expect(String(bodyOf.get(id, id)), `capture ${id}`).toBe(body);
        }
      } finally {
        check.close();
      }
    } finally {
      await serve.stop();
    }
  }, 120_000);
});
