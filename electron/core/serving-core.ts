// One serving core per database: before a `hookscope serve` or the desktop app's core host starts
// receiving for a database, it looks for the core already recorded as serving it (serve-file.ts) and
// refuses to start a second one (a second receiver, filing loop and retention pass on the same data).
// A record counts only when its process is alive and, for a serve, its control API says it serves this
// database (as the app checks before attaching: a pid can be reused, after a reboot say). The app's host
// has no API: its record counts while its receiver's port accepts a connection (a bare TCP connect,
// which records nothing; a suspended host's kernel still accepts, and it does serve). Other commands (deliveries, stats, prune, backup…) open the database beside a
// serving core by design and never look here.
import net from 'node:net';
import path from 'node:path';
import { readServingRecord, type ServeFile, type ServingRecord } from './serve-file.js';

/** How long a recorded serve's API gets to say which database it serves. */
const ANSWER_TIMEOUT_MS = 3_000;

export interface ServingCheck {
  /** The live core serving this database, or null. */
  holder: ServingRecord | null;
  /** A record with a live pid that did not answer for this database, with why: not counted. */
  unanswered: { record: ServingRecord; why: string } | null;
}

export async function findServingCore(dbFile: string, timeoutMs = ANSWER_TIMEOUT_MS): Promise<ServingCheck> {
  const record = readServingRecord(dbFile);
  if (!record) return { holder: null, unanswered: null };
  const why = record.kind === 'app' ? await whyNotListening(record.receiverUrl, timeoutMs) : await whyServeNotServing(record, dbFile, timeoutMs);
  return why === null ? { holder: record, unanswered: null } : { holder: null, unanswered: { record, why } };
}

/**
 * Null when the recorded serve serves `dbFile`: its API says so, or, when its API does not answer
 * (suspended, or busy longer than the wait), its receiver still accepts connections. A serve that is
 * only stuck must not get a second core beside it, which would also take its record.
 */
async function whyServeNotServing(record: ServeFile, dbFile: string, timeoutMs: number): Promise<string | null> {
  const api = await askServe(record, dbFile, timeoutMs);
  if (api.serves) return null;
  if (api.answered) return api.why;
  return (await whyNotListening(record.receiverUrl, timeoutMs)) === null ? null : api.why;
}

type ServeAnswer = { serves: true } | { serves: false; answered: boolean; why: string };

/** Whether the serve's API says it serves `dbFile`; else whether it answered at all, and why not. */
async function askServe(record: ServeFile, dbFile: string, timeoutMs: number): Promise<ServeAnswer> {
  try {
    const res = await fetch(`${record.apiUrl}/api/call/settings.get`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${record.token}`, 'Content-Type': 'application/json' },
      body: '{}',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json()) as { result?: { db?: unknown } };
    const db = body.result?.db;
    if (typeof db === 'string' && path.resolve(db) === path.resolve(dbFile)) return { serves: true };
    return { serves: false, answered: true, why: `its control API at ${record.apiUrl} does not serve this database` };
  } catch (err) {
    const timedOut = (err as Error).name === 'TimeoutError';
    return { serves: false, answered: false, why: `its control API at ${record.apiUrl} ${timedOut ? `did not answer within ${timeoutMs / 1000} s` : 'does not answer'}` };
  }
}

/** Null when something accepts connections on the receiver's port; else why not. */
function whyNotListening(receiverUrl: string, timeoutMs: number): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(receiverUrl);
  } catch {
    return Promise.resolve(`its receiver URL ${JSON.stringify(receiverUrl)} is not a URL`);
  }
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) });
    const done = (why: string | null) => {
      socket.destroy();
      resolve(why);
    };
    socket.setTimeout(timeoutMs, () => done(`its receiver at ${receiverUrl} did not accept a connection within ${timeoutMs / 1000} s`));
    socket.once('connect', () => done(null));
    socket.once('error', () => done(`nothing listens on its receiver at ${receiverUrl}`));
  });
}

/**
 * Who serves the database, for messages: "`hookscope serve` (pid 123, receiver http://…)". The app's
 * pid is its core process's (the one that serves), named so: ending it would only restart it.
 */
export function describeServingCore(record: ServingRecord): string {
  if (record.kind === 'app') return `the Hookscope desktop app (core process pid ${record.pid}, receiver ${record.receiverUrl})`;
  return `\`hookscope serve\` (pid ${record.pid}, receiver ${record.receiverUrl})`;
}

/** The refusal to start a second core: who serves `what` already, what to do, and `otherwise` (the way out where it is). */
export function alreadyServedError(holder: ServingRecord, what: string, otherwise: string): Error {
  return new Error(`${what} is already served by ${describeServingCore(holder)}: ${holder.kind === 'app' ? 'quit that app' : 'stop it'} first, ${otherwise}`);
}
