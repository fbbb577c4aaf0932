// `<db>.serve.json`: which core serves a database (electron/core/serve-file.ts): how the desktop app
// finds a running serve, and how a second serving core on the same database is refused.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { claimServeFile, readServeFile, readServingRecord, serveFileFor } from '../../../electron/core/serve-file.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';

afterAll(removeTempDirs);

const INFO = { kind: 'serve' as const, apiUrl: 'http://127.0.0.1:4748', token: 't0ken', receiverUrl: 'http://127.0.0.1:4747' };
const APP = { kind: 'app' as const, receiverUrl: 'http://127.0.0.1:4747' };

/** A pid no process has any more. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid;
}

function claimed(result: ReturnType<typeof claimServeFile>): () => void {
  if ('holder' in result) throw new Error(`claim lost to pid ${result.holder.pid}`);
  return result.remove;
}

describe('the serve file', () => {
  it('is read back for its own database while its process lives, and removed by its remover', () => {
    const db = tempDbFile();
    const remove = claimed(claimServeFile({ ...INFO, db }));
    expect(readServeFile(db)).toEqual({ pid: process.pid, ...INFO, db });
    if (process.platform !== 'win32') expect(fs.statSync(serveFileFor(db)).mode & 0o777).toBe(0o600);
    remove();
    expect(fs.existsSync(serveFileFor(db))).toBe(false);
  });

  it('reads a file written by an older serve (no kind) as a serve', () => {
    const db = tempDbFile();
    const { kind: _, ...older } = INFO;
    fs.writeFileSync(serveFileFor(db), JSON.stringify({ pid: process.pid, ...older, db }));
    expect(readServeFile(db)).toEqual({ pid: process.pid, ...INFO, db });
  });

  it('records the desktop app\'s host without an API, which is never taken for a serve to attach to', () => {
    const db = tempDbFile();
    const remove = claimed(claimServeFile({ ...APP, db }));
    expect(JSON.parse(fs.readFileSync(serveFileFor(db), 'utf8'))).toEqual({ ...APP, pid: process.pid, db });
    expect(readServingRecord(db)).toEqual({ ...APP, pid: process.pid, db });
    expect(readServeFile(db)).toBeNull();
    remove();
    expect(fs.existsSync(serveFileFor(db))).toBe(false);
  });

  it('is ignored when damaged, or when it names another database', () => {
    const db = tempDbFile();
    fs.writeFileSync(serveFileFor(db), '{"pid": 1, "apiUrl": ');
    expect(readServingRecord(db)).toBeNull();
    fs.writeFileSync(serveFileFor(db), JSON.stringify({ pid: process.pid, ...INFO, db: path.join(path.dirname(db), 'other.db') }));
    expect(readServingRecord(db)).toBeNull();
  });

  it('is not claimed over another live core\'s record: the claim names who serves', () => {
    const db = tempDbFile();
    const other = { ...APP, pid: process.ppid, db };
    fs.writeFileSync(serveFileFor(db), JSON.stringify(other));
    expect(claimServeFile({ ...INFO, db })).toEqual({ holder: other });
    expect(JSON.parse(fs.readFileSync(serveFileFor(db), 'utf8'))).toEqual(other);
    expect(fs.readdirSync(path.dirname(db)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('is claimed over a record left by a dead process, or one the caller found not serving', () => {
    const db = tempDbFile();
    fs.writeFileSync(serveFileFor(db), JSON.stringify({ ...INFO, pid: deadPid(), db }));
    claimed(claimServeFile({ ...APP, db }));
    expect(readServingRecord(db)).toMatchObject({ kind: 'app', pid: process.pid });

    const notAnswering = { ...INFO, pid: process.ppid, db };
    fs.writeFileSync(serveFileFor(db), JSON.stringify(notAnswering));
    claimed(claimServeFile({ ...INFO, db }, notAnswering));
    expect(readServeFile(db)).toMatchObject({ pid: process.pid });
  });

  it('is left alone by a serve whose file was replaced by another serve\'s', () => {
    const db = tempDbFile();
    const remove = claimed(claimServeFile({ ...INFO, db }));
    fs.writeFileSync(serveFileFor(db), JSON.stringify({ pid: process.ppid, ...INFO, db }));
    remove();
    expect(fs.existsSync(serveFileFor(db))).toBe(true);
  });

  it('costs serve nothing when its folder cannot be written: one line on stderr', () => {
    const db = path.join(tempDbFile(), 'missing-folder', 'hookscope.db');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(() => claimed(claimServeFile({ ...INFO, db }))()).not.toThrow();
      expect(stderr).toHaveBeenCalledTimes(1);
      expect(String(stderr.mock.calls[0]?.[0])).toMatch(/^hookscope: cannot write .*serve\.json.*will not find this one/);
    } finally {
      stderr.mockRestore();
    }
  });
});
