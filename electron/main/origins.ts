// Which pages the desktop shell trusts, and which URLs it will hand to the OS. The window only ever
// shows our own UI: the built files under app://hookscope, or (unpackaged, when HOOKSCOPE_DEV_URL is
// set) a Vite dev server on loopback. Everything else is remote content and is never loaded; http(s)
// links the user clicks open in their browser instead. Pure functions: no Electron import, so all of
// this is tested in plain Node.
import { isLoopbackHostname } from '../../shared/net/loopback.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'hookscope';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * `scheme://host[:port]` of a URL, or null when it has none. WHATWG `URL.origin` is "null" for
 * schemes it does not know (such as app:), so it cannot be used to compare our own origin.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!parsed.host) return null;
  return `${parsed.protocol}//${parsed.host}`;
}

export function isTrustedOrigin(url: string, trustedOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && trustedOrigins.includes(origin);
}

export type DevUrlChoice = { url: string } | { url: null; warning?: string };

/**
 * The Vite dev server to load instead of the built UI: only when not packaged and HOOKSCOPE_DEV_URL
 * is set, and only an http URL on loopback (a dev URL is never a reason to load remote content).
 */
export function chooseDevUrl(env: NodeJS.ProcessEnv, isPackaged: boolean): DevUrlChoice {
  const raw = env.HOOKSCOPE_DEV_URL?.trim();
  if (isPackaged || !raw) return { url: null };
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return { url: null, warning: `HOOKSCOPE_DEV_URL is not a URL ("${raw}"): loading the built UI` };
  }
  if (parsed.protocol !== 'http:' || !isLoopbackHostname(parsed.hostname)) {
    return { url: null, warning: `HOOKSCOPE_DEV_URL must be http:// on localhost or 127.0.0.1 ("${raw}"): loading the built UI` };
  }
  return { url: parsed.href };
}

/** The http(s) URL to open in the user's browser, or null for anything else (file:, javascript:, custom schemes). */
export function externalUrl(raw: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return null;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
}

/** URL patterns the session filters: every scheme that could fetch remote content. */
export const REMOTE_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file:///*'];

/**
 * Whether the window's session may make this request: only to a trusted origin (the dev server, and
 * its HMR socket on the same host and port). Remote content is never fetched, whatever the page asks.
 */
export function isAllowedRequestUrl(url: string, trustedOrigins: readonly string[]): boolean {
  const origin = originOf(url.replace(/^ws(s?):/, 'http$1:'));
  return origin !== null && trustedOrigins.includes(origin);
}
