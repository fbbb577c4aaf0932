// The core host: the process the desktop app's core runs in (an Electron utilityProcess; a Node child
// process in tests), so the receiver, synchronous SQLite, verification, filing and the sender's
// scheduler never block the window's main process. Plain Node, no `electron` import: it speaks the
// protocol in protocol.ts over whatever HostChannel its entry (index.ts) hands it.
// Trust: the shell is our own process, but a call's input is still parsed here, by the core's
// dispatcher with the contract's zod schema, so a confused or compromised relay cannot reach a
// handler with a shape the contract refuses.
// One serving core per database (electron/core/serving-core.ts): the host does not start beside a live
// serve or another app's host, and records itself in `<db>.serve.json` (kind 'app') while it serves.
// Durability: a capture is answered only after the capture log committed it, so a host killed at any
// moment (kill -9 included) has lost nothing it acknowledged; the next host files what the log holds.
import { EVENT_NAMES } from '../../shared/api/contract.js';
import { ApiError } from '../../shared/api/errors.js';
import { alreadyServedError, claimServeFile, desktopKeyBox, findServingCore, openCore, toApiError, type Core } from '../core/index.js';
import { shellMessageSchema, type HostChannel, type HostMessage, type HostStartOptions } from './protocol.js';
import { describeFallback, preferredReceiverPort, startReceiverPreferring } from './receiver-port.js';

export interface CoreHostOptions {
  /** Ends the process once the core is closed (the entry passes process.exit; tests a spy). */
  exit(code: number): void;
}

export function runCoreHost(channel: HostChannel, opts: CoreHostOptions): void {
  let core: Core | null = null;
  /** Removes this host's record: once the core is closed, so no serve starts beside it while it files and closes. */
  let release = () => {};
  let state: 'waiting' | 'starting' | 'ready' | 'closing' = 'waiting';
  const post = (message: HostMessage) => channel.post(message);

  const shutdown = async (code: number) => {
    if (state === 'closing') return;
    state = 'closing';
    try {
      await core?.close();
    } catch (err) {
      console.error('hookscope host: error while closing:', err);
      code = 1;
    }
    release();
    post({ type: 'closed' });
    opts.exit(code);
  };

  const start = async (options: HostStartOptions) => {
    state = 'starting';
    try {
      // One serving core per database: not beside a `hookscope serve` (which the app attaches to instead)
      // that started after the app looked, nor beside another app's host.
      const found = await findServingCore(options.dbFile);
      if (found.holder) throw alreadyServedError(found.holder, 'this database', 'then open Hookscope again');
      if (state !== 'starting') return; // shut down while looking
      const secretBox = options.secretKey ? desktopKeyBox(Buffer.from(options.secretKey, 'base64'), options.dbFile) : undefined;
      core = openCore({ dbFile: options.dbFile, maxBodyBytes: options.maxBodyBytes, nativeBinding: options.nativeBinding, secretBox });
      core.ctx.events.onAny((name, payload) => {
        if (EVENT_NAMES.includes(name)) post({ type: 'event', name, payload });
      });
      // The app is this core's UI: its inbox is watched live for as long as the host runs (window open or
      // not; a hidden window shows the inbox as it is the moment it is shown again).
      core.ctx.filing.watch();
      const started = await startReceiverPreferring(core, options.receiverPort ?? preferredReceiverPort(process.env), options.receiverHost);
      if (state !== 'starting') return; // shut down while starting
      // Recorded like a serve (kind 'app', no API), so a `hookscope serve` on this data refuses to start.
      const claim = claimServeFile({ kind: 'app', receiverUrl: started.receiver.url, db: options.dbFile }, found.unanswered?.record);
      if ('holder' in claim) throw alreadyServedError(claim.holder, 'this database', 'then open Hookscope again');
      release = claim.remove;
      state = 'ready';
      post({ type: 'ready', receiverUrl: started.receiver.url, dbFile: options.dbFile, notice: describeFallback(started) });
    } catch (err) {
      post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
      await shutdown(1);
    }
  };

  const call = async (id: number, method: string, input: unknown) => {
    try {
      if (state !== 'ready' || !core) throw new ApiError('unavailable', state === 'closing' ? 'the core is shutting down' : 'the core is still starting');
      post({ type: 'result', id, ok: true, result: (await core.dispatch(method, input)) ?? null });
    } catch (err) {
      post({ type: 'result', id, ok: false, ...toApiError(err).toBody() });
    }
  };

  channel.onMessage((raw) => {
    const parsed = shellMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === 'number' && Number.isInteger(id)) {
        post({ type: 'result', id, ok: false, ...new ApiError('bad-input', 'malformed call message').toBody() });
      } else {
        console.error('hookscope host: ignored a malformed message from the shell');
      }
      return;
    }
    const message = parsed.data;
    // Answered here, in the message handler itself: a pong says only that this event loop runs, which
    // is what the shell's heartbeat (host-client.ts) asks.
    if (message.type === 'ping') return post({ type: 'pong' });
    if (message.type === 'start') {
      if (state === 'waiting') void start(message.options);
      return;
    }
    if (message.type === 'call') return void call(message.id, message.method, message.input);
    void shutdown(0);
  });
  // The shell is gone (it crashed or closed the channel): close cleanly rather than run orphaned.
  channel.onClose(() => void shutdown(0));
}
