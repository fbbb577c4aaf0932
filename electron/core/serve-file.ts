// Where a running `hookscope serve` (or `hookscope service`) can be found: `<db>.serve.json` beside its
// database, holding {pid, apiUrl, token, receiverUrl, db}. The desktop app reads it to attach to the
// running receiver instead of starting a second one on the same data (issue #21).
// The file holds the control API's token, so it is written 0600 like the database beside it (anyone who
// can read it could already read every capture). It is removed when serve exits cleanly; one left by a
// killed serve is ignored when its pid is dead, and a reader still checks that the API answers for this
// database before trusting it (a pid can be reused).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { lazySchema } from '../../shared/lazy-schema.js';
import { writePrivateFile } from './private-files.js';

// Built on first use (shared/lazy-schema.ts): every CLI command loads this file, few read the file.
export const serveFileSchema = lazySchema(() => z.object({
  pid: z.number().int().positive(),
  apiUrl: z.string().url(),
  token: z.string().min(1),
  receiverUrl: z.string(),
  db: z.string(),
}));
export type ServeFile = z.infer<typeof serveFileSchema>;

export function serveFileFor(dbFile: string): string {
  const db = path.resolve(dbFile);
  return path.join(path.dirname(db), `${path.basename(db)}.serve.json`);
}

/**
 * Writes the file whole (a reader never sees half of it); returns its remover, which leaves another
 * serve's file alone. A folder it cannot write in costs only the desktop app's attaching, never serve.
 */
export function publishServeFile(info: Omit<ServeFile, 'pid'>): () => void {
  const file = serveFileFor(info.db);
  const content: ServeFile = { pid: process.pid, ...info, db: path.resolve(info.db) };
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writePrivateFile(temp, `${JSON.stringify(content)}\n`);
    fs.renameSync(temp, file);
  } catch (err) {
    process.stderr.write(`hookscope: cannot write ${file} (${(err as Error).message}): the desktop app will not find this serve and would start its own receiver\n`);
    return () => {};
  }
  return () => {
    if (readServeFile(info.db)?.pid === process.pid) fs.rmSync(file, { force: true });
  };
}

/** The serve recorded for this database, or null: no file, a damaged one, or its process is gone. */
export function readServeFile(dbFile: string): ServeFile | null {
  let text: string;
  try {
    text = fs.readFileSync(serveFileFor(dbFile), 'utf8');
  } catch {
    return null;
  }
  let parsed: ServeFile;
  try {
    parsed = serveFileSchema.parse(JSON.parse(text));
  } catch {
    return null;
  }
  if (parsed.db !== path.resolve(dbFile) || !isAlive(parsed.pid)) return null;
  return parsed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false; // ESRCH: gone; EPERM: another account's process now has that pid, so not our serve
  }
}
