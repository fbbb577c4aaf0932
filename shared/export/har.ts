// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/): each delivery is an entry whose request is
// the capture exactly as received (headers in order, Host and Content-Length included) and whose
// response is Hookscope's answer to the provider, of which only the status is stored. Bodies that are
// not UTF-8 are carried as base64 with the custom field `_encoding` (HAR allows `_`-prefixed fields).
import type { DeliveryDetail, HeaderField } from '../domain.js';
import { headerValue } from '../headers.js';

export interface HarOptions {
  creatorVersion: string;
  urlOf: (detail: DeliveryDetail) => string;
}

export function toHar(deliveries: readonly DeliveryDetail[], opts: HarOptions) {
  return {
    log: {
      version: '1.2',
      creator: { name: 'Hookscope', version: opts.creatorVersion },
      entries: deliveries.map((d) => harEntry(d, opts.urlOf(d))),
    },
  };
}

function harEntry(d: DeliveryDetail, url: string) {
  return {
    startedDateTime: d.receivedAt,
    time: d.durationMs,
    request: {
      method: d.method,
      url,
      httpVersion: `HTTP/${d.httpVersion}`,
      cookies: cookiesOf(d.headers),
      headers: d.headers.map((h) => ({ name: h.name, value: h.value })),
      queryString: [...new URLSearchParams(d.query)].map(([name, value]) => ({ name, value })),
      ...(d.size > 0 ? { postData: postData(d) } : {}),
      headersSize: -1,
      bodySize: d.size,
    },
    response: {
      status: d.responseStatus ?? 0,
      statusText: '',
      httpVersion: `HTTP/${d.httpVersion}`,
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: '' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
      comment: d.responseStatus === null ? 'the client left before an answer' : "Hookscope's answer to the provider (status only)",
    },
    cache: {},
    timings: { send: 0, wait: d.durationMs, receive: 0 },
    _hookscope: { id: d.id, endpoint: d.endpoint, provider: d.provider, verification: d.verification.status, truncated: d.truncated },
  };
}

function postData(d: DeliveryDetail) {
  const mimeType = headerValue(d.headers, 'content-type') ?? 'application/octet-stream';
  if (d.bodyText !== null) return { mimeType, text: d.bodyText };
  return { mimeType, text: d.bodyBase64, _encoding: 'base64' };
}

function cookiesOf(headers: readonly HeaderField[]) {
  const cookie = headerValue(headers, 'cookie');
  if (!cookie) return [];
  return cookie
    .split(';')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? { name: pair, value: '' } : { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
    });
}
