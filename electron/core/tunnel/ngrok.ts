// ngrok through its official package (@ngrok/ngrok, a native agent shipped on the npm registry): it
// runs inside this process, needs an authtoken (free account) from NGROK_AUTHTOKEN or the
// tunnel.ngrokAuthtoken setting (the environment wins, as ngrok's own agent does), and gives an https
// URL (random on the free plan, or a reserved domain). Loaded only when asked for, so no other command
// pays for its native module.
import { TUNNEL_START_ABORTED, TunnelError, type Tunnel, type TunnelOptions } from './engine.js';

const DEFAULT_TIMEOUT_MS = 30_000;
const TOKEN_HELP =
  'set NGROK_AUTHTOKEN, or save it in the settings (Settings > Public URL in the UI, or hookscope settings set tunnel.ngrokAuthtoken TOKEN); a free account has one at https://dashboard.ngrok.com/get-started/your-authtoken';

export async function startNgrok(receiverUrl: string, opts: TunnelOptions = {}): Promise<Tunnel> {
  const env = opts.env ?? process.env;
  const authtoken = env.NGROK_AUTHTOKEN?.trim() || opts.authtoken?.trim();
  if (!authtoken) throw new TunnelError('ngrok', `ngrok needs an authtoken: ${TOKEN_HELP}`);
  let ngrok: typeof import('@ngrok/ngrok');
  try {
    ngrok = await import('@ngrok/ngrok');
  } catch (err) {
    throw new TunnelError('ngrok', `the ngrok agent could not be loaded (${(err as Error).message.split('\n')[0]}): reinstall Hookscope's dependencies (npm ci) on this platform`);
  }
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const forwarding = ngrok.forward({ addr: receiverUrl, authtoken });
  try {
    const listener = await Promise.race([
      forwarding,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer from ngrok's service within ${timeoutMs / 1000} s (is this machine online?)`)), timeoutMs);
        onAbort = () => reject(new Error(TUNNEL_START_ABORTED));
        if (opts.signal?.aborted) onAbort();
        opts.signal?.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
    const url = listener.url();
    if (!url) {
      await listener.close();
      throw new Error('ngrok gave no URL');
    }
    return { engine: 'ngrok', publicUrl: url, close: () => listener.close() };
  } catch (err) {
    // A forward that answers after we gave up would leave a tunnel open nobody knows of.
    forwarding.then((late) => late.close()).catch(() => {});
    if ((err as Error).message === TUNNEL_START_ABORTED) throw new TunnelError('ngrok', TUNNEL_START_ABORTED);
    throw new TunnelError('ngrok', `ngrok could not open a tunnel: ${describeNgrokError(err)}`);
  } finally {
    clearTimeout(timer);
    if (onAbort) opts.signal?.removeEventListener('abort', onAbort);
  }
}

/** ngrok's errors carry a code (ERR_NGROK_105: bad authtoken, …); say what to do for the common ones. */
function describeNgrokError(err: unknown): string {
  const e = err as { message?: string; errorCode?: string };
  const message = (e?.message ?? String(err)).split('\n')[0]!.slice(0, 300);
  const code = e?.errorCode ?? /ERR_NGROK_\d+/.exec(message)?.[0];
  if (code === 'ERR_NGROK_105' || code === 'ERR_NGROK_107') return `the authtoken was refused (${code}): ${TOKEN_HELP}`;
  if (code === 'ERR_NGROK_108') return `another ngrok session already runs on this account (${code}): stop it, or use a paid plan`;
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
