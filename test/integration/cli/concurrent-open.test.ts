// Several processes opening one new database file at the same moment (a script running `hookscope
// stats` in parallel, serve and the app starting together): each migration step takes the write lock
// and reads the schema version again, so one process creates the schema and the others find it done.
// Before, the losers failed with "table endpoints already exists" or "database is locked".
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../../electron/core/store/migrations.js';
import { runCli } from '../../support/cli.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';

afterAll(removeTempDirs);

const PROCESSES = 4;
const ROUNDS = 4;

describe('opening a new database from several processes at once', () => {
  it('creates the schema once, and every process succeeds', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const db = tempDbFile();
      const runs = await Promise.all(Array.from({ length: PROCESSES }, () => runCli(['stats', '--json', '--db', db], { env: { HOOKSCOPE_CODE_CACHE: '0' } })));
      expect(runs.map((r) => [r.code, r.stderr.trim()])).toEqual(runs.map(() => [0, '']));
      expect(runs.map((r) => (JSON.parse(r.stdout) as { deliveries: number }).deliveries)).toEqual(runs.map(() => 0));
      const file = new Database(db, { readonly: true });
      expect(file.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      file.close();
    }
  }, 60_000);
});
