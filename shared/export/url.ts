// Where a captured request goes when it is sent elsewhere (replay, auto-forward, cURL, HAR). Rule: the
// target's path when it has one, else the captured path (`--to http://localhost:3000` sends
// `/hooks/x`); the target's query when it has one, else the captured query. A bare `/` counts as no
// path, and the captured path and query are used as stored, byte for byte.
export function replayTargetUrl(target: string, capturedPath: string, capturedQuery: string): string {
  const url = new URL(target);
  const path = url.pathname === '/' || url.pathname === '' ? capturedPath : url.pathname;
  const query = url.search ? url.search.slice(1) : capturedQuery;
  return `${url.origin}${path}${query ? `?${query}` : ''}`;
}

/** The URL the capture was addressed to, from its Host header (http, since the receiver speaks http). */
export function capturedUrl(hostHeader: string | undefined, path: string, query: string): string {
  return `http://${hostHeader || 'localhost'}${path}${query ? `?${query}` : ''}`;
}
