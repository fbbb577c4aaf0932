// Keeps the receiver's tunnel as asked, the one way both shells start one (issue #21): `serve
// --tunnel X` pins an engine for the run; otherwise the tunnel.engine setting decides, and a change to
// it or to the ngrok authtoken (from the UI at once, from `hookscope settings` in another process
// within POLL_MS) starts, stops or switches the tunnel. A tunnel that cannot start leaves a one-line
// error in its status and the receiver running locally. The authtoken is read here and handed to the
// engine; it is never put in a status, an event or a log line.
import type { TunnelStatus } from '../../../shared/api/tunnel.js';
import { TUNNEL_ENGINES, type TunnelChoice, type TunnelEngine } from '../../../shared/settings.js';
import type { CoreContext } from '../context.js';
import type { TunnelKeeper } from './engine.js';
import { startTunnel, TUNNEL_START_ABORTED, type Tunnel, type TunnelOptions } from './tunnel.js';

export type { TunnelKeeper };

const POLL_MS = 5_000;

export interface TunnelKeeperOptions extends Pick<TunnelOptions, 'env' | 'timeoutMs'> {
  /** `serve --tunnel`: this engine (or none) for the whole run, whatever the setting says. */
  pinned?: TunnelChoice;
  /** How often to look for a setting changed by another process. */
  pollMs?: number;
}


interface Wish {
  engine: TunnelEngine | null;
  authtoken: string | null;
  /** Tells two wishes apart; held in memory only (it contains the token). */
  key: string;
}

export function keepTunnel(ctx: CoreContext, receiverUrl: string, opts: TunnelKeeperOptions = {}): TunnelKeeper {
  const env = opts.env ?? process.env;
  const source = opts.pinned ? 'flag' : 'settings';
  let status: TunnelStatus = { state: 'off', engine: null, publicUrl: null, error: null, source };
  let running: Tunnel | null = null;
  let tried: string | null = null; // the wish last acted on
  let starting: { key: string; abort: AbortController } | null = null;
  let chain = Promise.resolve();
  let stopped = false;

  const wish = (): Wish => {
    const choice = opts.pinned ?? ctx.store.settings.reveal('tunnel.engine') ?? 'none';
    const engine = (TUNNEL_ENGINES as readonly string[]).includes(choice) ? (choice as TunnelEngine) : null;
    const authtoken = engine === 'ngrok' ? env.NGROK_AUTHTOKEN?.trim() || ctx.store.settings.reveal('tunnel.ngrokAuthtoken') : null;
    return { engine, authtoken, key: `${engine}\n${authtoken}` };
  };

  const publish = (next: Omit<TunnelStatus, 'source'>) => {
    status = { ...next, source };
    ctx.settings.publicUrl = status.publicUrl;
    ctx.settings.tunnel = status.state === 'up' ? status.engine : null;
    ctx.events.emit('tunnel.changed', status);
  };

  const closeRunning = async () => {
    const tunnel = running;
    running = null;
    await tunnel?.close().catch(() => {});
  };

  const act = async (want: Wish, abort: AbortController) => {
    await closeRunning();
    if (!want.engine || stopped) return publish({ state: 'off', engine: null, publicUrl: null, error: null });
    publish({ state: 'starting', engine: want.engine, publicUrl: null, error: null });
    try {
      const tunnel = await startTunnel(want.engine, loopbackReceiverUrl(receiverUrl), { env, timeoutMs: opts.timeoutMs, authtoken: want.authtoken, signal: abort.signal });
      if (stopped || abort.signal.aborted) return void (await tunnel.close().catch(() => {}));
      running = tunnel;
      publish({ state: 'up', engine: tunnel.engine, publicUrl: tunnel.publicUrl, error: null });
    } catch (err) {
      const message = (err as Error).message;
      if (message === TUNNEL_START_ABORTED) return; // a newer wish follows in the chain
      publish({ state: 'failed', engine: want.engine, publicUrl: null, error: message.split('\n')[0]! });
    }
  };

  /** `retry`: the user saved a tunnel setting again, so a failed tunnel is tried again even if nothing changed. */
  const apply = (retry: boolean) => {
    if (stopped) return;
    let want: Wish;
    try {
      want = wish();
    } catch (err) {
      console.error('hookscope: could not read the tunnel settings:', (err as Error).message);
      return;
    }
    const again = retry && status.state === 'failed';
    if (want.key === tried && !again) return;
    tried = want.key;
    // A start under way for another wish (up to 30 s against an unreachable service) is given up.
    if (starting && starting.key !== want.key) starting.abort.abort();
    const abort = new AbortController();
    starting = { key: want.key, abort };
    chain = chain
      .then(() => act(want, abort))
      .catch((err: unknown) => console.error('hookscope: tunnel:', (err as Error).message))
      .finally(() => {
        if (starting?.abort === abort) starting = null;
      });
  };

  const unsubscribe = ctx.events.on('settings.changed', ({ key }) => {
    if (key.startsWith('tunnel.')) apply(true);
  });
  const poll = setInterval(() => apply(false), opts.pollMs ?? POLL_MS);
  poll.unref();
  apply(false);

  return {
    status: () => status,
    settled: () => chain.then(() => status),
    stop: async () => {
      stopped = true;
      clearInterval(poll);
      unsubscribe();
      starting?.abort.abort();
      await chain;
      await closeRunning();
    },
  };
}

/** A receiver bound to every address is reached by the tunnel engine on loopback. */
export function loopbackReceiverUrl(receiverUrl: string): string {
  return receiverUrl.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//[::1]:');
}
