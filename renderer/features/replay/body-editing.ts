// Whether a captured body can be edited as text without changing a byte the user did not touch. The
// editor works on lines: it keeps \n, or \r\n when every line break is one, but would turn a lone \r
// (or a mix) into something else; and a decoded byte order mark is not in the text it shows. Such
// bodies are shown read-only and replayed as captured.
import type { DeliveryDetail } from '../../../shared/domain.js';
import { textToBase64 } from '../../lib/headers-text.js';

export type BodyEditing =
  | { editable: true; text: string; lineSeparator: '\n' | '\r\n' }
  | { editable: false; text: string | null; reason: string };

export function bodyEditing(base: Pick<DeliveryDetail, 'bodyText' | 'bodyBase64'>): BodyEditing {
  const text = base.bodyText;
  if (text === null) return { editable: false, text, reason: 'The body is not text: it is replayed byte for byte and cannot be edited here.' };
  if (textToBase64(text) !== base.bodyBase64) {
    return { editable: false, text, reason: 'The body starts with a byte order mark, which editing would drop: it is replayed byte for byte and cannot be edited here.' };
  }
  if (!text.includes('\r')) return { editable: true, text, lineSeparator: '\n' };
  if (!/\r(?!\n)|(?<!\r)\n/.test(text)) return { editable: true, text, lineSeparator: '\r\n' };
  return { editable: false, text, reason: 'The body mixes line endings (\\r, \\n, \\r\\n), which the editor would change: it is replayed byte for byte and cannot be edited here.' };
}
