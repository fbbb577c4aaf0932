// cURL commands that resend a capture byte for byte. The body travels on stdin (`--data-binary @-`)
// so no byte needs escaping inside curl's own syntax: text goes through `printf '%s'` in single quotes
// (which keep every byte literal in POSIX shells), anything else (invalid UTF-8, NUL, control bytes)
// as base64 piped through `base64 -d`. curl's own defaults (Accept, User-Agent, a form Content-Type,
// Expect) are switched off when the capture did not have them, so the handler sees what the provider sent.
import type { DeliveryDetail, HeaderField } from '../domain.js';
import { hasHeader } from '../headers.js';
import { decodeBase64, encodeBase64, utf8OrNull } from './bytes.js';

export interface CurlOptions {
  /** Lower-case header names curl sets itself and that must not be copied (Host, Content-Length, …). */
  dropHeaders: ReadonlySet<string>;
  /** The URL each delivery is sent to. */
  urlOf: (detail: DeliveryDetail) => string;
}

/** One command per delivery, each after a comment naming it, separated by blank lines. */
export function toCurl(deliveries: readonly DeliveryDetail[], opts: CurlOptions): string {
  return deliveries.map((d) => `# delivery #${d.id}: ${d.method} ${d.path}, received ${d.receivedAt}\n${curlCommand(d, opts)}\n`).join('\n');
}

export function curlCommand(detail: DeliveryDetail, opts: CurlOptions): string {
  const body = decodeBase64(detail.bodyBase64);
  const headers = detail.headers.filter((h) => !opts.dropHeaders.has(h.name.toLowerCase()));
  const lines = [`curl -sS -X ${shellQuote(detail.method)} ${shellQuote(opts.urlOf(detail))}`];
  for (const h of headers) lines.push(`-H ${shellQuote(headerArg(h))}`);
  const unset = (name: string) => lines.push(`-H ${shellQuote(`${name}:`)}`);
  for (const name of ['Accept', 'User-Agent']) if (!hasHeader(headers, name)) unset(name);
  if (body.length === 0) {
    if (!['GET', 'HEAD'].includes(detail.method.toUpperCase())) lines.push("--data-binary ''");
    return lines.join(' \\\n  ');
  }
  if (!hasHeader(headers, 'Content-Type')) unset('Content-Type');
  if (!hasHeader(headers, 'Expect')) unset('Expect');
  lines.push('--data-binary @-');
  return `${bodySource(body)} | ${lines.join(' \\\n  ')}`;
}

/** curl drops a header given as `Name:`; `Name;` is how it sends one with an empty value. */
function headerArg(h: HeaderField): string {
  return h.value === '' ? `${h.name};` : `${h.name}: ${h.value}`;
}

function bodySource(body: Uint8Array): string {
  const text = utf8OrNull(body);
  if (text !== null && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return `printf '%s' ${shellQuote(text)}`;
  return `printf '%s' ${shellQuote(encodeBase64(body))} | base64 -d`;
}

/** POSIX single quoting: everything literal; a single quote is closed, escaped and reopened. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
