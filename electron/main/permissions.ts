// Which web permissions the window gets. The page renders untrusted webhook payloads, so it gets none
// but one: writing text to the clipboard, which every Copy button needs. Chromium asks for it as
// `clipboard-sanitized-write` before each `navigator.clipboard.writeText` (a permission check, then a
// request when the check says no), and Electron routes both through the session's handlers
// (electron/electron#37158, #37173): denying everything made every Copy button fail with
// NotAllowedError. It is granted only to our own UI's main frame; everything else stays denied.
// No Electron import: the handlers are installed on a structural session, so this is tested in Node.
import { isTrustedOrigin } from './origins.js';

/** The only permissions our UI may have. Reading the clipboard is not one of them. */
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export interface PermissionAsk {
  permission: string;
  /** The URL or origin of the frame asking (Electron gives a URL to requests, an origin to checks). */
  requestingUrl: string | undefined;
  isMainFrame: boolean;
}

export function isPermissionGranted(ask: PermissionAsk, trustedOrigins: readonly string[]): boolean {
  if (!GRANTED_PERMISSIONS.has(ask.permission) || !ask.isMainFrame || !ask.requestingUrl) return false;
  return isTrustedOrigin(ask.requestingUrl, trustedOrigins);
}

/** The part of Electron's `Session` the handlers need (same shapes as Electron's own types). */
export interface PermissionSessionLike {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string; isMainFrame?: boolean }) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (contents: unknown, permission: string, requestingOrigin: string, details: { requestingUrl?: string; isMainFrame?: boolean }) => boolean,
  ): void;
}

/**
 * Both handlers, with the same rule. A check gives the requesting frame's origin (and its last URL,
 * except for cross-origin subframes); a request gives its URL. Missing details count as "no".
 */
export function installPermissionHandlers(ses: PermissionSessionLike, trustedOrigins: readonly string[]): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionGranted({ permission, requestingUrl: details?.requestingUrl, isMainFrame: details?.isMainFrame === true }, trustedOrigins));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted({ permission, requestingUrl: requestingOrigin, isMainFrame: details?.isMainFrame === true }, trustedOrigins),
  );
}
