// `<db>.serve.json`: how the desktop app finds a running serve (electron/core/serve-file.ts).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { publishServeFile, readServeFile, serveFileFor } from '../../../electron/core/serve-file.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';

afterAll(removeTempDirs);

const INFO = { apiUrl: 'http://127.0.0.1:4748', token: 't0ken', receiverUrl: 'http://127.0.0.1:4747' };

describe('the serve file', () => {
  it('is read back for its own database while its process lives, and removed by its remover', () => {
    const db = tempDbFile();
    const remove = publishServeFile({ ...INFO, db });
    expect(readServeFile(db)).toEqual({ pid: process.pid, ...INFO, db });
    remove();
    expect(fs.existsSync(serveFileFor(db))).toBe(false);
  });

  it('is ignored when damaged, or when it names another database', () => {
    const db = tempDbFile();
    fs.writeFileSync(serveFileFor(db), '{"pid": 1, "apiUrl": ');
    expect(readServeFile(db)).toBeNull();
    fs.writeFileSync(serveFileFor(db), JSON.stringify({ pid: process.pid, ...INFO, db: path.join(path.dirname(db), 'other.db') }));
    expect(readServeFile(db)).toBeNull();
  });

  it('is left alone by a serve whose file was replaced by another serve\'s', () => {
    const db = tempDbFile();
    const remove = publishServeFile({ ...INFO, db });
    fs.writeFileSync(serveFileFor(db), JSON.stringify({ pid: process.ppid, ...INFO, db }));
    remove();
    expect(fs.existsSync(serveFileFor(db))).toBe(true);
  });

  it('costs serve nothing when its folder cannot be written: one line on stderr', () => {
    const db = path.join(tempDbFile(), 'missing-folder', 'hookscope.db');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(() => publishServeFile({ ...INFO, db })()).not.toThrow();
      expect(String(stderr.mock.calls[0]?.[0])).toMatch(/^hookscope: cannot write .*serve\.json.*will not find this serve/);
    } finally {
      stderr.mockRestore();
    }
  });
});
