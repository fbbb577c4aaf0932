// ngrok through its official package (@ngrok/ngrok, a native agent shipped on the npm registry): it
// runs inside this process, needs an authtoken (free account) from NGROK_AUTHTOKEN, and gives an
// https URL (random on the free plan, or a reserved domain). Loaded only when asked for, so no other
// command pays for its native module.
import { TunnelError, type Tunnel, type TunnelOptions } from './engine.js';

const DEFAULT_TIMEOUT_MS = 30_000;
const TOKEN_HELP = 'set NGROK_AUTHTOKEN to your authtoken (free account: https://dashboard.ngrok.com/get-started/your-authtoken)';

export async function startNgrok(receiverUrl: string, opts: TunnelOptions = {}): Promise<Tunnel> {
  const env = opts.env ?? process.env;
  const authtoken = env.NGROK_AUTHTOKEN?.trim();
  if (!authtoken) throw new TunnelError('ngrok', `ngrok needs an authtoken: ${TOKEN_HELP}`);
  let ngrok: typeof import('@ngrok/ngrok');
  try {
    ngrok = await import('@ngrok/ngrok');
  } catch (err) {
    throw new TunnelError('ngrok', `the ngrok agent could not be loaded (${(err as Error).message.split('\n')[0]}): reinstall Hookscope's dependencies (npm ci) on this platform`);
  }
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  try {
    const listener = await Promise.race([
      ngrok.forward({ addr: receiverUrl, authtoken }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer from ngrok's service within ${timeoutMs / 1000} s (is this machine online?)`)), timeoutMs);
      }),
    ]);
    const url = listener.url();
    if (!url) {
      await listener.close();
      throw new Error('ngrok gave no URL');
    }
    return { engine: 'ngrok', publicUrl: url, close: () => listener.close() };
  } catch (err) {
    throw new TunnelError('ngrok', `ngrok could not open a tunnel: ${describeNgrokError(err)}`);
  } finally {
    clearTimeout(timer);
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
