// The desktop app listens on the documented receiver port (4747, the same default as `hookscope
// serve`) so providers' webhook URLs keep working between launches. When that port is taken (a
// headless serve already runs, or another tool uses it) the app still starts, on a free port, and
// says which: refusing to start would leave the user with nothing to look at. HOOKSCOPE_RECEIVER_PORT
// picks another preferred port (0: any free port).
import { DEFAULT_RECEIVER_PORT, startServing, type Core, type Receiver } from '../core/index.js';

export { DEFAULT_RECEIVER_PORT };

/** The preferred port: HOOKSCOPE_RECEIVER_PORT when it is a valid port number, else 4747. */
export function preferredReceiverPort(env: NodeJS.ProcessEnv): number {
  const raw = env.HOOKSCOPE_RECEIVER_PORT?.trim();
  if (!raw || !/^\d{1,5}$/.test(raw) || Number(raw) > 65535) return DEFAULT_RECEIVER_PORT;
  return Number(raw);
}

export interface ReceiverStart {
  receiver: Receiver;
  /** Set when the preferred port was taken and a free port was used instead. */
  preferredPortTaken: number | null;
}

export async function startReceiverPreferring(core: Core, port = DEFAULT_RECEIVER_PORT, host = '127.0.0.1'): Promise<ReceiverStart> {
  try {
    return { receiver: await startServing(core, { host, port }), preferredPortTaken: null };
  } catch (err) {
    if (port === 0 || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
  }
  return { receiver: await startServing(core, { host, port: 0 }), preferredPortTaken: port };
}

/** One sentence for the user when the receiver is not where they expect it. */
export function describeFallback(start: { receiver: { url: string }; preferredPortTaken: number | null }): string | null {
  if (start.preferredPortTaken === null) return null;
  return `Port ${start.preferredPortTaken} is already in use, so the receiver listens on ${start.receiver.url} instead: point your provider's webhooks there.`;
}
