// The shell's side of one core host process: starts it, relays calls (one pending promise per id) and
// events, and closes it. When the process dies, every pending call fails with `unavailable` at once
// (never hangs) and onExit listeners hear it; supervisor.ts decides what happens next.
// A host can also be alive but stuck (its event loop blocked, or the process suspended): it would never
// answer nor exit. So once it serves, the client pings it (a heartbeat on the same channel); a host
// silent for `hungAfterMs` is ended with SIGKILL and treated like one that died. A per-call timeout
// would not do: some calls legitimately take long (an export, a replay waiting on its target), while
// the event loop that answers pings stays free for all of them.
// Answers are checked against the protocol: a host that sends something else is treated as broken.
import type { EventName } from '../../shared/api/contract.js';
import { ApiError } from '../../shared/api/errors.js';
import type { CoreLink } from './link.js';
import { hostMessageSchema, type HostChannel, type HostReady, type HostStartOptions } from './protocol.js';

/** A started host process, whatever started it (utilityProcess.fork, child_process.fork). */
export interface HostProcess {
  readonly channel: HostChannel;
  readonly pid: number | undefined;
  /**
   * Ends the process without asking, with SIGKILL: the only signal that also ends a suspended
   * (SIGSTOPped) process, which keeps any other signal Node handles pending until it is continued.
   */
  kill(): void;
  /** Called once when the process has exited (code null: a Node child killed by a signal; Electron gives the signal's number). */
  onExit(listener: (code: number | null) => void): void;
}

const HOST_START_TIMEOUT_MS = 60_000;
const HOST_CLOSE_TIMEOUT_MS = 15_000;

export interface HeartbeatOptions {
  /** How often the shell pings the host. */
  intervalMs: number;
  /** How long the host may stay silent before it is declared hung (counted in whole intervals). */
  hungAfterMs: number;
}

/**
 * 30 s of silence. A pong needs only one free turn of the host's event loop, and the longest
 * synchronous steps measured on it are far shorter: verifying an invalid 25 MiB body takes 56–75 ms, a
 * phrase search over 1M deliveries 352 ms, a filing slice or a retention slice a few ms
 * (bench/RESULTS.md). Even a long SQLite statement on a huge database on a slow, busy laptop stays well
 * within 30 s, so a legitimate step never trips it; a host silent that long is stuck, and the user sees
 * "reconnecting" after half a minute instead of a window that waits forever.
 */
const DEFAULT_HEARTBEAT: HeartbeatOptions = { intervalMs: 5_000, hungAfterMs: 30_000 };

export interface HostClientOptions {
  startTimeoutMs?: number;
  /** The liveness heartbeat, started once the host serves (default DEFAULT_HEARTBEAT). */
  heartbeat?: HeartbeatOptions;
}

export class HostStartError extends Error {}

export class HostClient implements CoreLink {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(err: ApiError): void }>();
  private readonly eventListeners = new Set<(name: EventName, payload: unknown) => void>();
  private readonly exitListeners = new Set<(code: number | null, endedBecause: string | null) => void>();
  private exited = false;
  /** Why this client ended the process (it hung), in words; null while it runs or when it ended by itself. */
  private endedBecause: string | null = null;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private answeredPing = true;
  private exitCode: number | null = null;
  private readonly exitedPromise: Promise<void>;
  private onReady: ((ready: HostReady) => void) | null = null;
  private onFailed: ((err: Error) => void) | null = null;

  private constructor(readonly process: HostProcess) {
    process.channel.onMessage((raw) => this.receive(raw));
    this.exitedPromise = new Promise((resolve) => {
      process.onExit((code) => {
        this.exited = true;
        this.exitCode = code;
        clearInterval(this.heartbeatTimer);
        this.rejectPending(`the core process stopped (${describeExit(code)}) before answering`);
        this.onFailed?.(new HostStartError(`the core process exited (${describeExit(code)}) while starting`));
        for (const listener of this.exitListeners) listener(code, this.endedBecause);
        resolve();
      });
    });
  }

  /** Sends `start` and resolves once the host serves; rejects (and kills it) when it cannot. */
  static async start(proc: HostProcess, options: HostStartOptions, opts: HostClientOptions = {}): Promise<{ client: HostClient; ready: HostReady }> {
    const timeoutMs = opts.startTimeoutMs ?? HOST_START_TIMEOUT_MS;
    const client = new HostClient(proc);
    const ready = await new Promise<HostReady>((resolve, reject) => {
      const timer = setTimeout(() => reject(new HostStartError(`the core process did not start within ${timeoutMs / 1000} s`)), timeoutMs);
      client.onReady = (r) => {
        clearTimeout(timer);
        resolve(r);
      };
      client.onFailed = (err) => {
        clearTimeout(timer);
        reject(err);
      };
      proc.channel.post({ type: 'start', options });
    }).catch((err: unknown) => {
      proc.kill();
      throw err;
    });
    client.onReady = client.onFailed = null;
    client.startHeartbeat(opts.heartbeat ?? DEFAULT_HEARTBEAT);
    return { client, ready };
  }

  dispatch(method: string, input: unknown): Promise<unknown> {
    if (this.exited || this.endedBecause) return Promise.reject(new ApiError('unavailable', this.endedBecause ?? 'the core process is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.process.channel.post({ type: 'call', id, method, input });
    });
  }

  onEvent(listener: (name: EventName, payload: unknown) => void): () => void {
    this.eventListeners.add(listener);
    return () => void this.eventListeners.delete(listener);
  }

  /**
   * Called once the process has exited (at once, later in this turn, when it already has), with why
   * this client ended it (it stopped answering), or null when it ended by itself.
   */
  onExit(listener: (code: number | null, endedBecause: string | null) => void): void {
    if (this.exited) queueMicrotask(() => listener(this.exitCode, this.endedBecause));
    else this.exitListeners.add(listener);
  }

  get running(): boolean {
    return !this.exited;
  }

  /** Asks the host to flush and close; kills it if it has not exited in time. */
  async close(timeoutMs = HOST_CLOSE_TIMEOUT_MS): Promise<void> {
    if (this.exited) return;
    clearInterval(this.heartbeatTimer); // closing has its own deadline, below
    this.process.channel.post({ type: 'shutdown' });
    const timer = setTimeout(() => this.process.kill(), timeoutMs);
    await this.exitedPromise;
    clearTimeout(timer);
  }

  private receive(raw: unknown): void {
    const parsed = hostMessageSchema.safeParse(raw);
    if (!parsed.success) {
      console.error('hookscope: malformed message from the core process; restarting it');
      this.process.kill();
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        return this.onReady?.(message);
      case 'failed':
        return this.onFailed?.(new HostStartError(message.message));
      case 'event':
        for (const listener of this.eventListeners) listener(message.name as EventName, message.payload);
        return;
      case 'result': {
        const call = this.pending.get(message.id);
        if (!call) return;
        this.pending.delete(message.id);
        if (message.ok) call.resolve(message.result);
        else call.reject(ApiError.fromBody({ error: message.error }));
        return;
      }
      case 'pong':
        this.answeredPing = true;
        return;
      case 'closed':
        return;
    }
  }

  /**
   * Counts intervals without a pong rather than reading a clock: a laptop waking from sleep fires one
   * late tick, not the many a hang takes, and a main process that is itself busy just ticks later.
   */
  private startHeartbeat({ intervalMs, hungAfterMs }: HeartbeatOptions): void {
    const silentTicksAllowed = Math.max(1, Math.ceil(hungAfterMs / intervalMs));
    let silentTicks = 0;
    this.heartbeatTimer = setInterval(() => {
      silentTicks = this.answeredPing ? 0 : silentTicks + 1;
      if (silentTicks >= silentTicksAllowed) return this.endHung(silentTicks * intervalMs);
      this.answeredPing = false;
      this.process.channel.post({ type: 'ping' });
    }, intervalMs);
    this.heartbeatTimer.unref(); // never what keeps a process alive
  }

  /** Ends a host that stopped answering: its calls fail now, and its exit reaches onExit with the reason. */
  private endHung(silentMs: number): void {
    clearInterval(this.heartbeatTimer);
    this.endedBecause = `the core process did not answer for ${Math.round(silentMs / 1000)} s (hung or suspended) and was ended`;
    console.error(`hookscope: ${this.endedBecause}`);
    this.rejectPending(`${this.endedBecause} before answering`);
    this.process.kill();
  }

  private rejectPending(message: string): void {
    const why = new ApiError('unavailable', message);
    for (const call of this.pending.values()) call.reject(why);
    this.pending.clear();
  }
}

/** How a core process ended, for messages: its exit code, or "killed" when a signal ended it. */
export function describeExit(code: number | null): string {
  return code === null ? 'killed' : `exit code ${code}`;
}
