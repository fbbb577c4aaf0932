// Where the desktop app's core comes from: a `hookscope serve` / `hookscope service` already running on
// this database (attach to it over its control API: one receiver, one writer, and captures go on when
// the window closes), or else a core host process of the app's own, kept running by the supervisor.
// Never the main process itself: it handles every window's input and must not wait on SQLite.
// No `electron` import: the main process passes how to spawn a host, so this runs under Node in tests.
import path from 'node:path';
import type { HostProcess } from '../host/host-client.js';
import type { CoreLink } from '../host/link.js';
import type { HostStartOptions } from '../host/protocol.js';
import { ServeClient } from '../host/serve-client.js';
import { HostSupervisor } from '../host/supervisor.js';
import { readServeFile } from '../core/index.js';

export interface CoreConnectionOptions {
  dbFile: string;
  spawnHost(): HostProcess;
  /** Called only when the app hosts the core itself (unwrapping the secrets key needs safeStorage). */
  hostStart(): HostStartOptions;
}

export interface CoreConnection {
  readonly kind: 'host' | 'attached';
  readonly link: CoreLink;
  readonly receiverUrl: string;
  /** One sentence for the user, or null. */
  readonly notice: string | null;
  /** Stops the app's host (flushing it); leaves an attached service running. */
  close(): Promise<void>;
}

export async function connectCore(opts: CoreConnectionOptions): Promise<CoreConnection> {
  const attached = await attachToRunningServe(opts.dbFile);
  if (attached) return attached;
  const supervisor = new HostSupervisor({ spawn: opts.spawnHost, start: opts.hostStart() });
  const ready = await supervisor.start();
  return { kind: 'host', link: supervisor, receiverUrl: ready.receiverUrl, notice: ready.notice, close: () => supervisor.close() };
}

/** How long the serve gets to say which database it serves before the app starts its own core. */
const IDENTITY_TIMEOUT_MS = 5_000;

/** A client of the serve recorded for this database, when one runs and answers for it; else null. */
export async function attachToRunningServe(dbFile: string, timeoutMs = IDENTITY_TIMEOUT_MS): Promise<CoreConnection | null> {
  const found = readServeFile(dbFile);
  if (!found) return null;
  let client: ServeClient;
  try {
    client = await ServeClient.connect(found, () => readServeFile(dbFile), timeoutMs);
  } catch (err) {
    console.warn(`hookscope: a serve is recorded for this database but does not answer (${(err as Error).message}); starting the app's own receiver`);
    return null;
  }
  // A recorded pid can belong to another process by now: trust the file only when its API serves this database.
  // A serve whose stream opens but whose calls hang (stuck, or SIGSTOPped after) must not keep the window from opening.
  const settings = (await client.dispatch('settings.get', {}, AbortSignal.timeout(timeoutMs)).catch((err: Error) => {
    console.warn(`hookscope: the serve recorded for this database (pid ${found.pid}) did not say which database it serves (${err.message}); starting the app's own receiver`);
    return null;
  })) as { db?: string; receiverUrl?: string | null } | null;
  if (!settings?.db || path.resolve(settings.db) !== path.resolve(dbFile) || !settings.receiverUrl) {
    await client.close();
    return null;
  }
  return {
    kind: 'attached',
    link: client,
    receiverUrl: settings.receiverUrl,
    notice: `Hookscope is using the service already running on this data (pid ${found.pid}, receiver ${settings.receiverUrl}); it keeps receiving when the window is closed.`,
    close: () => client.close(),
  };
}
