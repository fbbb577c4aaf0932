// Who serves a database: `<db>.serve.json` beside it records the one core that receives for it, so
// there is never a second one (a second receiver, filing loop and retention pass on the same data).
//   kind 'serve': a `hookscope serve` (or `hookscope service`): {kind, pid, apiUrl, token, receiverUrl, db}.
//                 The desktop app reads it to attach to that serve (issue #21).
//   kind 'app':   the desktop app's own core host: {kind, pid, receiverUrl, db}. It has no control API
//                 (the app's window reaches it over a private channel), so nothing can attach to it;
//                 it is recorded so that a `hookscope serve` on the same data refuses to start.
// A file without `kind` was written by an older serve and is read as kind 'serve'; an older app, which
// requires apiUrl and token, reads an app record as no serve at all.
// The file holds the control API's token, so it is written 0600 like the database beside it (anyone who
// can read it could already read every capture). It is removed when its writer exits cleanly; one left
// by a killed process is ignored when its pid is dead, and never blocks a start.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { lazySchema } from '../../shared/lazy-schema.js';
import { writePrivateFile } from './private-files.js';

const common = () => ({ pid: z.number().int().positive(), receiverUrl: z.string(), db: z.string() });

// Built on first use (shared/lazy-schema.ts): every CLI command loads this file, few read the file.
export const serveFileSchema = lazySchema(() =>
  z.union([
    z.object({ kind: z.literal('serve').default('serve'), ...common(), apiUrl: z.string().url(), token: z.string().min(1) }),
    z.object({ kind: z.literal('app'), ...common() }),
  ]),
);
/** What the file records: a serve (attachable) or the desktop app's core host. */
export type ServingRecord = z.infer<typeof serveFileSchema>;
export type ServeFile = Extract<ServingRecord, { kind: 'serve' }>;
export type AppFile = Extract<ServingRecord, { kind: 'app' }>;
/** What a writer says about itself: the pid is its own. */
export type ServingInfo = Omit<ServeFile, 'pid'> | Omit<AppFile, 'pid'>;

export function serveFileFor(dbFile: string): string {
  const db = path.resolve(dbFile);
  return path.join(path.dirname(db), `${path.basename(db)}.serve.json`);
}

/**
 * Records this process as the database's serving core, written whole (a reader never sees half of it),
 * unless another live one got there first (two starts at once): returns the remover (which leaves
 * another writer's file alone), or the record that won. A folder it cannot write in costs only the
 * finding of this core (said on stderr), never serving. `replaceable` is a record the caller
 * already judged not serving (its pid alive, but it did not answer for this database). The file is
 * created with link(2), which fails when a file exists, so of two writers racing on a missing file
 * exactly one wins. A stale or replaceable file is replaced by rename: two starts in the same instant
 * over a file left by a killed process could both win (rare enough to leave unguarded).
 */
export function claimServeFile(info: ServingInfo, replaceable: ServingRecord | null = null): { remove: () => void } | { holder: ServingRecord } {
  const file = serveFileFor(info.db);
  const temp = writeTemp(info);
  if (!temp) return { remove: () => {} };
  try {
    try {
      fs.linkSync(temp, file);
      return { remove: removerOf(info.db) };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST' && code !== 'EPERM' && code !== 'ENOTSUP') throw err; // EPERM/ENOTSUP: no hard links here
    }
    const holder = readServingRecord(info.db);
    if (holder && holder.pid !== process.pid && !sameRecord(holder, replaceable)) return { holder };
    fs.renameSync(temp, file);
    return { remove: removerOf(info.db) };
  } catch (err) {
    cannotWrite(file, err);
    return { remove: () => {} };
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** The serve recorded for this database (never the app's host: it has no API to attach to), or null. */
export function readServeFile(dbFile: string): ServeFile | null {
  const record = readServingRecord(dbFile);
  return record?.kind === 'serve' ? record : null;
}

/** The core recorded as serving this database, or null: no file, a damaged one, or its process is gone. */
export function readServingRecord(dbFile: string): ServingRecord | null {
  let text: string;
  try {
    text = fs.readFileSync(serveFileFor(dbFile), 'utf8');
  } catch {
    return null;
  }
  let parsed: ServingRecord;
  try {
    parsed = serveFileSchema.parse(JSON.parse(text));
  } catch {
    return null;
  }
  if (parsed.db !== path.resolve(dbFile) || !isAlive(parsed.pid)) return null;
  return parsed;
}

/** The file's content in a temp file beside it, or null when the folder cannot be written (said on stderr). */
function writeTemp(info: ServingInfo): string | null {
  const file = serveFileFor(info.db);
  const content = { ...info, pid: process.pid, db: path.resolve(info.db) };
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writePrivateFile(temp, `${JSON.stringify(content)}\n`);
    return temp;
  } catch (err) {
    cannotWrite(file, err);
    return null;
  }
}

function removerOf(dbFile: string): () => void {
  return () => {
    if (readServingRecord(dbFile)?.pid === process.pid) fs.rmSync(serveFileFor(dbFile), { force: true });
  };
}

function cannotWrite(file: string, err: unknown): void {
  process.stderr.write(`hookscope: cannot write ${file} (${(err as Error).message}): another serve or the desktop app will not find this one and could serve the same database\n`);
}

function sameRecord(a: ServingRecord, b: ServingRecord | null): boolean {
  const canonical = (r: ServingRecord) => JSON.stringify(Object.entries(r).sort(([x], [y]) => x.localeCompare(y)));
  return b !== null && canonical(a) === canonical(b);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false; // ESRCH: gone; EPERM: another account's process now has that pid, so not our serve
  }
}
