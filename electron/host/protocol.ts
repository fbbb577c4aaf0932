// The messages between a shell (Electron's main process, or a Node parent in tests) and the core host
// process, over one ordered, MessagePort-like channel. One protocol for every transport:
//
//   shell → host   start {options}            once, first; the host opens the core and starts serving
//                  call {id, method, input}   a contract call; input is parsed by the host with the
//                                             contract's zod schema (the relay is never trusted)
//                  shutdown                   flush and close everything, then exit
//                  ping                       liveness: answered with pong at once, whatever the state
//   host → shell   ready {receiverUrl, …}     serving; or failed {message} when it could not start
//                  pong                       the host's event loop ran since the last ping
//                  result {id, ok, result}    or {id, ok:false, error:{code, message, issues?}}
//                  event {name, payload}      every contract event the core emits, in order
//                  closed                     the core is closed; the process exits next
//
// A call's events are posted before its result (the core emits them while handling it, and the channel
// keeps order), so a caller that got a result has seen the events the call caused.
import { z } from 'zod';
import { apiErrorBodySchema } from '../../shared/api/errors.js';

/** What the host needs to open the core and serve: everything else it reads itself. */
export const hostStartOptionsSchema = z.object({
  dbFile: z.string().min(1),
  /**
   * Preferred receiver port (taken → a free one, and ready's notice says so); 0 for any. Default:
   * HOOKSCOPE_RECEIVER_PORT in the host's environment, else 4747 (receiver-port.ts).
   */
  receiverPort: z.number().int().min(0).max(65535).optional(),
  receiverHost: z.string().min(1).optional(),
  maxBodyBytes: z.number().int().positive().optional(),
  /** better-sqlite3's Electron-ABI build, in the app. */
  nativeBinding: z.string().min(1).optional(),
  /**
   * The desktop app's secrets key (base64, 32 bytes), unwrapped by the main process with Electron's
   * safeStorage, which a utility process cannot use. Absent: the headless box (keyring / key file).
   */
  secretKey: z.string().optional(),
});
export type HostStartOptions = z.infer<typeof hostStartOptionsSchema>;

/** Parsed on the host side: a message from the shell is checked before anything acts on it. */
export const shellMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), options: hostStartOptionsSchema }),
  z.object({ type: z.literal('call'), id: z.number().int(), method: z.string().max(200), input: z.unknown() }),
  z.object({ type: z.literal('shutdown') }),
  z.object({ type: z.literal('ping') }),
]);

/** Parsed on the shell side too: a host that sends garbage is treated as a broken host. */
export const hostMessageSchema = z.union([
  z.object({ type: z.literal('ready'), receiverUrl: z.string(), dbFile: z.string(), notice: z.string().nullable() }),
  z.object({ type: z.literal('failed'), message: z.string() }),
  z.object({ type: z.literal('result'), id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({ type: z.literal('result'), id: z.number().int(), ok: z.literal(false), error: apiErrorBodySchema.shape.error }),
  z.object({ type: z.literal('event'), name: z.string(), payload: z.unknown() }),
  z.object({ type: z.literal('closed') }),
  z.object({ type: z.literal('pong') }),
]);
export type HostMessage = z.infer<typeof hostMessageSchema>;
export type HostReady = Extract<HostMessage, { type: 'ready' }>;

/**
 * One end of an ordered message channel, whatever carries it: a MessagePortMain (Electron), a
 * worker's MessagePort, or a child process's IPC. Messages are structured-cloned data.
 */
export interface HostChannel {
  post(message: unknown): void;
  /** Subscribes to incoming messages; returns the unsubscribe. */
  onMessage(listener: (message: unknown) => void): () => void;
  /** Called once when the other end is gone (process exited, port closed). */
  onClose(listener: () => void): void;
}
