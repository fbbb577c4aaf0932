// Where the desktop app's core comes from: a `hookscope serve` / `hookscope service` already running on
// this database (attach to it over its control API: one receiver, one writer, and captures go on when
// the window closes), or else a core host process of the app's own, kept running by the supervisor.
// Never the main process itself: it handles every window's input and must not wait on SQLite.
// An attached service that goes away for good (it stopped and no new serve is recorded) is replaced by
// a core host of the app's own on the same database: the window's link is handed over (handover-link.ts),
// and the window refetches on the 'running' status as after any reconnect, with a notice saying why.
// One serving core per database (electron/core/serving-core.ts): the app's host records itself in the
// serve file too (kind 'app', no API: readServeFile never returns it, so nothing attaches to it), and it
// refuses to start beside a live serve; when it refuses because a serve recorded itself after the app
// looked, the app attaches to that serve instead.
// No `electron` import: the main process passes how to spawn a host, so this runs under Node in tests.
import path from 'node:path';
import type { HostStatus } from '../../shared/api/host.js';
import type { HostProcess } from '../host/host-client.js';
import type { CoreLink } from '../host/link.js';
import type { HostReady, HostStartOptions } from '../host/protocol.js';
import { ServeClient } from '../host/serve-client.js';
import { HostSupervisor } from '../host/supervisor.js';
import { readServeFile } from '../core/index.js';
import { HandOverLink, unavailableLink } from './handover-link.js';

export interface CoreConnectionOptions {
  dbFile: string;
  spawnHost(): HostProcess;
  /** Called only when the app hosts the core itself (unwrapping the secrets key needs safeStorage). */
  hostStart(): HostStartOptions;
  /** How long an attached service may stay away before the app hosts its own core (serve-client.ts's default). */
  serveGoneAfterMs?: number;
}

type HostOptions = Pick<CoreConnectionOptions, 'spawnHost' | 'hostStart' | 'serveGoneAfterMs'>;

export interface CoreConnection {
  /** 'attached' until an attached service is gone and the app hosts its own core. */
  readonly kind: 'host' | 'attached';
  readonly link: CoreLink;
  /** Where webhooks go now (it changes when the app takes over from a service that stopped). */
  readonly receiverUrl: string;
  /** One sentence for the user, or null. */
  readonly notice: string | null;
  /** Stops the app's host (flushing it); leaves an attached service running. */
  close(): Promise<void>;
}

export async function connectCore(opts: CoreConnectionOptions): Promise<CoreConnection> {
  const attached = await attachToRunningServe(opts.dbFile, IDENTITY_TIMEOUT_MS, opts);
  if (attached) return attached;
  const own = await ownHostOrLateServe(opts);
  if ('serve' in own) return own.serve;
  const { supervisor, ready } = own;
  return { kind: 'host', link: supervisor, receiverUrl: ready.receiverUrl, notice: ready.notice, close: () => supervisor.close() };
}

/**
 * The app's own supervised host, started (`beforeStart` gets it first, to relay its status); when the
 * host refuses to be a second core beside a serve that recorded itself on this data after the app
 * looked, that serve instead.
 */
async function ownHostOrLateServe(
  opts: CoreConnectionOptions,
  beforeStart: (supervisor: HostSupervisor) => void = () => {},
): Promise<{ supervisor: HostSupervisor; ready: HostReady } | { serve: CoreConnection }> {
  const supervisor = new HostSupervisor({ spawn: opts.spawnHost, start: opts.hostStart() });
  beforeStart(supervisor);
  try {
    return { supervisor, ready: await supervisor.start() };
  } catch (err) {
    const serve = await attachToRunningServe(opts.dbFile, IDENTITY_TIMEOUT_MS, opts);
    if (!serve) throw err;
    await supervisor.close();
    return { serve };
  }
}

/** How long the serve gets to say which database it serves before the app starts its own core. */
const IDENTITY_TIMEOUT_MS = 5_000;

/**
 * A client of the serve recorded for this database, when one runs and answers for it; else null. With
 * `fallback`, the app's own host takes over once that serve is gone for good; without, the client keeps
 * reconnecting.
 */
export async function attachToRunningServe(dbFile: string, timeoutMs = IDENTITY_TIMEOUT_MS, fallback?: HostOptions): Promise<CoreConnection | null> {
  const found = readServeFile(dbFile);
  if (!found) return null;
  let client: ServeClient;
  try {
    client = await ServeClient.connect(found, () => readServeFile(dbFile), { connectTimeoutMs: timeoutMs });
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
  const notice = `Hookscope is using the service already running on this data (pid ${found.pid}, receiver ${settings.receiverUrl}); it keeps receiving when the window is closed.`;
  if (!fallback) return { kind: 'attached', link: client, receiverUrl: settings.receiverUrl, notice, close: () => client.close() };
  return attachedWithFallback(dbFile, client, settings.receiverUrl, notice, fallback);
}

/** The attached connection that hands the window over to a host of the app's own when the serve is gone. */
function attachedWithFallback(dbFile: string, client: ServeClient, serveReceiverUrl: string, notice: string, fallback: HostOptions): CoreConnection {
  const link = new HandOverLink(client);
  let kind: CoreConnection['kind'] = 'attached';
  let receiverUrl = serveReceiverUrl;
  let supervisor: HostSupervisor | null = null;
  /** A serve that recorded itself while the app was taking over (its host then refused), attached to instead. */
  let nextServe: CoreConnection | null = null;
  let takingOver: Promise<void> = Promise.resolve();
  let closed = false;

  const takeOver = async () => {
    const announce = (status: HostStatus) => {
      console.log(`hookscope: ${status.message}`);
      link.announce(status);
    };
    try {
      const own = await ownHostOrLateServe({ dbFile, ...fallback }, (started) => {
        supervisor = started;
        link.handOver(started); // calls meanwhile fail with `unavailable` ('the core is restarting')
      });
      if ('serve' in own) {
        // A serve recorded itself meanwhile (the service restarted just after the grace, say): use it.
        supervisor = null;
        if (closed) return void (await own.serve.close());
        nextServe = own.serve;
        link.handOver(own.serve.link);
        announce({ state: 'running', message: `The Hookscope service stopped and another one now serves this data (receiver ${own.serve.receiverUrl}); the app uses it.` });
        return;
      }
      if (closed) return; // close() closes the supervisor
      kind = 'host';
      receiverUrl = own.ready.receiverUrl;
      const moved = own.ready.notice ? ` ${own.ready.notice}` : '';
      announce({ state: 'running', message: `The Hookscope service stopped (its receiver was ${serveReceiverUrl}), so the app now receives webhooks itself at ${own.ready.receiverUrl}.${moved}` });
    } catch (err) {
      const message = `The Hookscope service stopped and the app could not start its own core (${err instanceof Error ? err.message : String(err)}). Webhooks are not being received: quit and reopen Hookscope.`;
      link.handOver(unavailableLink(message));
      announce({ state: 'stopped', message });
    }
  };
  client.whenGone(() => {
    if (!closed) takingOver = takeOver();
  }, fallback.serveGoneAfterMs);

  return {
    get kind() {
      return nextServe?.kind ?? kind;
    },
    link,
    get receiverUrl() {
      return nextServe?.receiverUrl ?? receiverUrl;
    },
    notice,
    close: async () => {
      closed = true;
      await client.close();
      await takingOver;
      await supervisor?.close();
      await nextServe?.close();
    },
  };
}
