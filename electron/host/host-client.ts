// The shell's side of one core host process: starts it, relays calls (one pending promise per id) and
// events, and closes it. When the process dies, every pending call fails with `unavailable` at once
// (never hangs) and onExit listeners hear it; supervisor.ts decides what happens next.
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
   * Ends the process without asking: SIGKILL for a Node child; for a utilityProcess, Electron's kill()
   * sends SIGTERM, which the host leaves at its default (the process ends; Electron reports code 0).
   */
  kill(): void;
  /** Called once when the process has exited (code null: a Node child killed by a signal; Electron gives the signal's number). */
  onExit(listener: (code: number | null) => void): void;
}

const HOST_START_TIMEOUT_MS = 60_000;
const HOST_CLOSE_TIMEOUT_MS = 15_000;

export class HostStartError extends Error {}

export class HostClient implements CoreLink {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(err: ApiError): void }>();
  private readonly eventListeners = new Set<(name: EventName, payload: unknown) => void>();
  private readonly exitListeners = new Set<(code: number | null) => void>();
  private exited = false;
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
        const why = new ApiError('unavailable', `the core process stopped (${describeExit(code)}) before answering`);
        for (const call of this.pending.values()) call.reject(why);
        this.pending.clear();
        this.onFailed?.(new HostStartError(`the core process exited (${describeExit(code)}) while starting`));
        for (const listener of this.exitListeners) listener(code);
        resolve();
      });
    });
  }

  /** Sends `start` and resolves once the host serves; rejects (and kills it) when it cannot. */
  static async start(proc: HostProcess, options: HostStartOptions, timeoutMs = HOST_START_TIMEOUT_MS): Promise<{ client: HostClient; ready: HostReady }> {
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
    return { client, ready };
  }

  dispatch(method: string, input: unknown): Promise<unknown> {
    if (this.exited) return Promise.reject(new ApiError('unavailable', 'the core process is not running'));
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

  /** Called once the process has exited (at once, later in this turn, when it already has). */
  onExit(listener: (code: number | null) => void): void {
    if (this.exited) queueMicrotask(() => listener(this.exitCode));
    else this.exitListeners.add(listener);
  }

  get running(): boolean {
    return !this.exited;
  }

  /** Asks the host to flush and close; kills it if it has not exited in time. */
  async close(timeoutMs = HOST_CLOSE_TIMEOUT_MS): Promise<void> {
    if (this.exited) return;
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
      case 'closed':
        return;
    }
  }
}

/** How a core process ended, for messages: its exit code, or "killed" when a signal ended it. */
export function describeExit(code: number | null): string {
  return code === null ? 'killed' : `exit code ${code}`;
}
