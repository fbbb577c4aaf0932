// Keeps the desktop app's core host running: starts it, and when it dies (or stops answering the
// heartbeat and is ended for it: host-client.ts), tells the window (a `host.status` event, which the
// status bar shows) and starts it again after a backoff. A host that
// keeps dying young (a damaged database, a crash on startup) is given up on after a few tries, with a
// message that says so, rather than restarted forever.
// Nothing acknowledged is lost across a restart: the receiver answers only after the capture log has
// committed, and the next host files what the log holds before any read (see core-host.ts).
// Calls made while no host runs fail at once with `unavailable` (the window refetches once the host is
// back: 'running' fires the renderer's onConnected), rather than waiting on a host that may not return.
import type { EventName } from '../../shared/api/contract.js';
import { ApiError } from '../../shared/api/errors.js';
import type { HostStatus } from '../../shared/api/host.js';
import { describeExit, HostClient, type HeartbeatOptions, type HostProcess } from './host-client.js';
import type { CoreLink } from './link.js';
import type { HostReady, HostStartOptions } from './protocol.js';

export interface SupervisorOptions {
  spawn(): HostProcess;
  start: HostStartOptions;
  /** Crashes within `quickCrashWindowMs` after which restarting stops. */
  maxQuickCrashes?: number;
  quickCrashWindowMs?: number;
  /** Wait before the n-th restart in a row (n from 0). */
  backoffMs?: (n: number) => number;
  startTimeoutMs?: number;
  /** The liveness heartbeat (host-client.ts): a host that stops answering it is ended and restarted like a crashed one. */
  heartbeat?: HeartbeatOptions;
}

const MAX_QUICK_CRASHES = 5;
const QUICK_CRASH_WINDOW_MS = 60_000;
const defaultBackoff = (n: number) => Math.min(250 * 2 ** n, 5_000);

type EventListener = (name: EventName, payload: unknown) => void;

export class HostSupervisor implements CoreLink {
  private client: HostClient | null = null;
  private readonly listeners = new Set<EventListener>();
  private crashes: number[] = [];
  private closing = false;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  /** The host being started, if any (settles, never rejects): close() waits for it. */
  private launching: Promise<void> = Promise.resolve();
  private lastReady: HostReady | null = null;
  private statusNow: HostStatus = { state: 'restarting', message: null };

  constructor(private readonly opts: SupervisorOptions) {}

  /** Starts the first host; rejects when it cannot start (the app shows why and quits). */
  async start(): Promise<HostReady> {
    return this.launch();
  }

  /** The process running the core now, if any (tests kill it). */
  get currentProcess(): HostProcess | null {
    return this.client?.running ? this.client.process : null;
  }

  dispatch(method: string, input: unknown): Promise<unknown> {
    if (!this.client?.running) return Promise.reject(new ApiError('unavailable', this.statusNow.message ?? 'the core is restarting'));
    return this.client.dispatch(method, input);
  }

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /**
   * Flushes and stops the host. A host still starting (the first, or a restart after a crash) is
   * waited for, and launch() closes it as soon as it is up: the app quits only after that, so Electron
   * never tears down a host in the middle of opening the database and filing the capture log.
   */
  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.restartTimer);
    await this.launching;
    await this.client?.close();
  }

  private launch(): Promise<HostReady> {
    const launched = this.launchHost();
    this.launching = launched.then(
      () => undefined,
      () => undefined, // the caller hears the failure; close() only needs to know it is over
    );
    return launched;
  }

  private async launchHost(): Promise<HostReady> {
    // A restarted host listens where the last one did, so the URLs given to providers keep working.
    const receiverPort = this.lastReady ? Number(new URL(this.lastReady.receiverUrl).port) : this.opts.start.receiverPort;
    const { client, ready } = await HostClient.start(this.opts.spawn(), { ...this.opts.start, receiverPort }, this.opts);
    if (this.closing) {
      await client.close(); // the app quit while this host was starting: leave nothing running
      return ready;
    }
    this.client = client;
    this.lastReady = ready;
    client.onEvent((name, payload) => this.emit(name, payload));
    client.onExit((code, endedBecause) => this.crashed(endedBecause ?? `the core process stopped unexpectedly (${describeExit(code)})`));
    this.setStatus({ state: 'running', message: null });
    return ready;
  }

  private crashed(reason: string): void {
    if (this.closing) return;
    const now = Date.now();
    this.crashes = [...this.crashes.filter((t) => now - t < (this.opts.quickCrashWindowMs ?? QUICK_CRASH_WINDOW_MS)), now];
    const max = this.opts.maxQuickCrashes ?? MAX_QUICK_CRASHES;
    if (this.crashes.length >= max) {
      this.setStatus({
        state: 'stopped',
        message: `The Hookscope core stopped ${this.crashes.length} times in a row and was not restarted (last: ${reason}). Webhooks are not being received: quit and reopen Hookscope.`,
      });
      return;
    }
    this.setStatus({ state: 'restarting', message: `${capitalize(reason)}: restarting it. Webhooks it acknowledged are kept.` });
    const wait = (this.opts.backoffMs ?? defaultBackoff)(this.crashes.length - 1);
    this.restartTimer = setTimeout(() => {
      if (this.closing) return;
      this.launch().then(
        (ready) => this.noticeMovedReceiver(ready),
        (err: unknown) => this.crashed(`it could not start again: ${err instanceof Error ? err.message : String(err)}`),
      );
    }, wait);
  }

  /** A restarted host that could not get the port the first one had says so. */
  private noticeMovedReceiver(ready: HostReady): void {
    if (ready.notice && !this.closing) this.setStatus({ state: 'running', message: ready.notice });
  }

  private setStatus(status: HostStatus): void {
    this.statusNow = status;
    this.emit('host.status', status);
  }

  private emit(name: EventName, payload: unknown): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  get ready(): HostReady | null {
    return this.lastReady;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
