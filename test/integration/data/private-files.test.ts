// Private files (issue 15): the data folder Hookscope creates is 0700, the database and its -wal and
// -shm 0600, and an existing database readable by others is made private, said once on stderr.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/core.js';
import { ensurePrivateDir, writePrivateFile } from '../../../electron/core/private-files.js';
import { runCli } from '../../support/cli.js';
import { removeTempDirs, tempDir } from '../../support/temp.js';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;
const ENV = { HOOKSCOPE_KEYRING: 'off' };

// The key file is the path under test (a desktop's keyring would otherwise hold the key).
process.env.HOOKSCOPE_KEYRING = 'off';
afterEach(removeTempDirs);

describe.skipIf(process.platform === 'win32')('private files', { timeout: 60_000 }, () => {
  it('creates the data folder 0700 and the database, its -wal, -shm and key file 0600', async () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    const dbFile = path.join(dir, 'hookscope.db');
    const core = openCore({ dbFile });
    try {
      await core.dispatch('endpoints.create', { path: '/hooks/a', provider: 'agiletune', secret: 'a-secret-to-seal-0001' });
      expect(modeOf(dir)).toBe(0o700);
      expect(modeOf(path.dirname(dir))).toBe(0o700);
      for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, path.join(dir, 'hookscope.key')]) {
        expect([f, modeOf(f).toString(8)]).toEqual([f, '600']);
      }
    } finally {
      await core.close();
    }
  });

  it('makes an existing database and its -wal private, and says so once on stderr', async () => {
    const dir = tempDir();
    const dbFile = path.join(dir, 'old.db');
    const old = new Database(dbFile);
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE kept (x)');
    const wal = `${dbFile}-wal`;
    fs.chmodSync(dbFile, 0o644);
    expect(fs.existsSync(wal)).toBe(true); // held open: the -wal is there
    fs.chmodSync(wal, 0o664);

    const first = await runCli(['stats', '--db', dbFile], { env: ENV });
    expect(modeOf(wal)).toBe(0o600);
    old.close();
    expect(first.code).toBe(0);
    expect(modeOf(dbFile)).toBe(0o600);
    expect(first.stderr).toBe(`hookscope: ${dbFile} was readable by other accounts: made private (0600): old.db (was 0644), old.db-wal (was 0664), old.db-shm (was 0644)\n`);

    const second = await runCli(['stats', '--db', dbFile], { env: ENV });
    expect(second.code).toBe(0);
    expect(second.stderr).toBe('');
  });

  it('gives other code one way to make private folders and files, even over a looser existing file', () => {
    const dir = path.join(tempDir(), 'backups');
    ensurePrivateDir(dir);
    const file = path.join(dir, 'copy.db');
    fs.writeFileSync(file, 'old', { mode: 0o644 });
    writePrivateFile(file, 'new');
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
  });
});
