// Exports of deliveries (HAR 1.2, Hookscope JSON, cURL), pure so the renderer can use them too. The
// core decides the rules that need Node (which headers carry signatures, the endpoints' secrets) and
// passes them in.
import type { DeliveryDetail } from '../domain.js';
import { headerValue } from '../headers.js';
import { toCurl } from './curl.js';
import { toHar } from './har.js';
import { toJsonExport } from './json.js';
import { redactDelivery, type RedactionRules } from './redact.js';
import { capturedUrl, replayTargetUrl } from './url.js';

export const EXPORT_FORMATS = ['har', 'json', 'curl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  version: string;
  /** Send-to URL for cURL and HAR (same rule as replay); default: the URL the capture was addressed to. */
  target?: string;
  /** Redaction rules per delivery, or null for none. */
  redaction: ((detail: DeliveryDetail) => RedactionRules) | null;
  /** Headers curl sets itself (lower case). */
  transportHeaders: ReadonlySet<string>;
}

export interface ExportResult {
  format: ExportFormat;
  mimeType: string;
  content: string;
}

export function exportDeliveries(deliveries: readonly DeliveryDetail[], format: ExportFormat, opts: ExportOptions): ExportResult {
  const rules = opts.redaction;
  const items = rules ? deliveries.map((d) => redactDelivery(d, rules(d))) : [...deliveries];
  const urlOf = (d: DeliveryDetail) =>
    opts.target ? replayTargetUrl(opts.target, d.path, d.query) : capturedUrl(headerValue(d.headers, 'host'), d.path, d.query);
  switch (format) {
    case 'har':
      return { format, mimeType: 'application/json', content: `${JSON.stringify(toHar(items, { creatorVersion: opts.version, urlOf }), null, 2)}\n` };
    case 'json':
      return { format, mimeType: 'application/json', content: `${JSON.stringify(toJsonExport(items, { generator: `Hookscope ${opts.version}`, redacted: rules !== null }), null, 2)}\n` };
    case 'curl': {
      const note = rules ? '# redacted: signature and credential headers, credential query and form fields, and secrets are replaced with [REDACTED], so these requests will not verify\n' : '';
      return { format, mimeType: 'text/x-shellscript', content: `${note}${toCurl(items, { dropHeaders: opts.transportHeaders, urlOf })}` };
    }
  }
}

export { ALWAYS_REDACTED_HEADERS, REDACTED, redactDelivery, type RedactionRules } from './redact.js';
export { capturedUrl, replayTargetUrl } from './url.js';
export { shellQuote } from './curl.js';
