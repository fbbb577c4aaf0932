// A disk that fills during a prune or a backup, for real (a small tmpfs): the command stops with one
// line saying the disk is full and the database is intact, and the database is.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';
import { seedDeliveries } from '../../e2e/support/seed.js';
import { canMount, mountSmallDisk, type SmallDisk } from './tmpfs.js';

let disk: SmallDisk | null = null;
afterEach(() => {
  disk?.unmount();
  disk = null;
});
afterAll(removeTempDirs);

function inspect(file: string): { check: string; count: number } {
  const db = new Database(file, { readonly: true });
  try {
    return { check: db.pragma('integrity_check', { simple: true }) as string, count: db.prepare('SELECT count(*) FROM deliveries').pluck().get() as number };
  } finally {
    db.close();
  }
}

describe.skipIf(!canMount)('a disk that fills (a real tmpfs; skipped where mount is not allowed)', () => {
  it('during a prune: exit 1 with one line saying so, the database intact, and the prune works once there is room', async () => {
    disk = mountSmallDisk(24 * 1024 * 1024)!;
    const db = path.join(disk.dir, 'hookscope.db');
    seedDeliveries(db, 10_000);
    disk.fill(96 * 1024); // room for the shared-memory file and a few pages of log, not for the prune
    const full = await runCli(['prune', '--keep', '10', '--db', db], { timeoutMs: 120_000 });
    expect(full.code).toBe(1);
    expect(full.stderr.trim().split('\n')).toHaveLength(1);
    expect(full.stderr).toMatch(/prune stopped after removing \d+ deliveries \(the database is intact\): the disk holding .* is full/);
    const after = inspect(db);
    expect(after.check).toBe('ok');
    expect(after.count).toBeGreaterThan(10);

    disk.free();
    const ok = await runCli(['prune', '--keep', '10', '--json', '--db', db], { timeoutMs: 120_000 });
    expect(ok.code).toBe(0);
    expect(inspect(db)).toEqual({ check: 'ok', count: 10 });
  }, 180_000);

  it('during a backup: exit 1 with one line saying so, no partial copy left, the database untouched', async () => {
    disk = mountSmallDisk(1024 * 1024)!;
    const db = tempDbFile();
    seedDeliveries(db, 10_000);
    const before = fs.readFileSync(db);
    const target = path.join(disk.dir, 'copy.db');
    const out = await runCli(['backup', target, '--db', db], { timeoutMs: 120_000 });
    expect(out.code).toBe(1);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(/backup failed \(the database is intact; .*copy\.db was not written\): the disk holding .* is full/);
    expect(fs.readdirSync(disk.dir)).toEqual([]);
    expect(fs.readFileSync(db).equals(before)).toBe(true);
    expect(inspect(db)).toEqual({ check: 'ok', count: 10_000 });
  }, 120_000);
});
