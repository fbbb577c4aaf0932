// Hookscope's own JSON export: every field of each delivery (body as base64 and, when UTF-8, as text),
// so nothing is lost and another Hookscope or a script can read it back.
import type { DeliveryDetail } from '../domain.js';

export const JSON_EXPORT_FORMAT = 'hookscope.deliveries/1';

export function toJsonExport(deliveries: readonly DeliveryDetail[], opts: { generator: string; redacted: boolean }) {
  return { format: JSON_EXPORT_FORMAT, generator: opts.generator, redacted: opts.redacted, deliveries };
}
