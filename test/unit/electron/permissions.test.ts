// The window's permissions (electron/main/permissions.ts): our UI may write to the clipboard, nothing
// else may have anything. The handlers are installed on a recording session and called the way
// Electron calls them: a check with the requesting origin, a request with the requesting URL.
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../electron/main/origins.js';
import { installPermissionHandlers, isPermissionGranted, type PermissionSessionLike } from '../../../electron/main/permissions.js';

type RequestHandler = Parameters<PermissionSessionLike['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<PermissionSessionLike['setPermissionCheckHandler']>[0];

function installed(trustedOrigins: readonly string[]) {
  let request: RequestHandler | null = null;
  let check: CheckHandler | null = null;
  installPermissionHandlers(
    {
      setPermissionRequestHandler: (handler) => (request = handler),
      setPermissionCheckHandler: (handler) => (check = handler),
    },
    trustedOrigins,
  );
  return {
    /** What the request handler answers, as Electron would receive it through the callback. */
    request(permission: string, details: { requestingUrl?: string; isMainFrame?: boolean }): boolean | 'no answer' {
      let answer: boolean | 'no answer' = 'no answer';
      request!({}, permission, (granted) => (answer = granted), details);
      return answer;
    },
    check(permission: string, requestingOrigin: string, details: { requestingUrl?: string; isMainFrame?: boolean }): boolean {
      return check!(null, permission, requestingOrigin, details);
    },
  };
}

const OURS = [APP_ORIGIN];

describe('the permission handlers', () => {
  it("let our UI's main frame write to the clipboard, through the check and through the request", () => {
    const handlers = installed(OURS);
    // Chromium gives checks an origin as a URL with a trailing slash, and requests the frame's URL.
    expect(handlers.check('clipboard-sanitized-write', 'app://hookscope/', { isMainFrame: true, requestingUrl: 'app://hookscope/index.html' })).toBe(true);
    expect(handlers.check('clipboard-sanitized-write', 'app://hookscope', { isMainFrame: true })).toBe(true);
    expect(handlers.request('clipboard-sanitized-write', { requestingUrl: 'app://hookscope/index.html#/deliveries', isMainFrame: true })).toBe(true);
  });

  it('refuse clipboard writes to any other origin', () => {
    const handlers = installed(OURS);
    for (const origin of ['https://evil.example/', 'app://hookscope.evil.example/', 'app://other/', 'file:///', 'null']) {
      expect(handlers.check('clipboard-sanitized-write', origin, { isMainFrame: true }), origin).toBe(false);
      expect(handlers.request('clipboard-sanitized-write', { requestingUrl: `${origin}index.html`, isMainFrame: true }), origin).toBe(false);
    }
  });

  it('refuse clipboard writes from a subframe, even one on our origin', () => {
    const handlers = installed(OURS);
    expect(handlers.check('clipboard-sanitized-write', 'app://hookscope/', { isMainFrame: false })).toBe(false);
    expect(handlers.request('clipboard-sanitized-write', { requestingUrl: 'app://hookscope/index.html', isMainFrame: false })).toBe(false);
  });

  it('refuse when Electron gives no frame details', () => {
    const handlers = installed(OURS);
    expect(handlers.check('clipboard-sanitized-write', 'app://hookscope/', {})).toBe(false);
    expect(handlers.request('clipboard-sanitized-write', { isMainFrame: true })).toBe(false);
  });

  it('deny every other permission to our own UI, reading the clipboard included', () => {
    const handlers = installed(OURS);
    const others = ['clipboard-read', 'deprecated-sync-clipboard-read', 'media', 'notifications', 'geolocation', 'openExternal', 'fullscreen', 'fileSystem', 'unknown'];
    for (const permission of others) {
      expect(handlers.check(permission, 'app://hookscope/', { isMainFrame: true }), permission).toBe(false);
      expect(handlers.request(permission, { requestingUrl: 'app://hookscope/index.html', isMainFrame: true }), permission).toBe(false);
    }
  });

  it('grant the dev server the same, only when it is one of the trusted origins', () => {
    const dev = 'http://127.0.0.1:5173';
    const ask = { permission: 'clipboard-sanitized-write', requestingUrl: `${dev}/`, isMainFrame: true };
    expect(isPermissionGranted(ask, OURS)).toBe(false);
    expect(isPermissionGranted(ask, [...OURS, dev])).toBe(true);
  });
});
