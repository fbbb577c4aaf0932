// The headers every page of the built UI is served with, by both shells: the headless server
// (electron/server/static.ts) and the desktop app's app:// protocol (electron/main/app-files.ts).
// A strict Content-Security-Policy: scripts only from this origin, no inline script, no framing, no
// plugins. Payloads are untrusted; even if one slipped into the DOM as markup, the CSP leaves it
// nothing to run.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // CodeMirror and React set element styles at run time; styles cannot run code.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
