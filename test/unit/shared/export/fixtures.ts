// Deliveries as the API returns them, for the export tests.
import type { DeliveryDetail, HeaderField } from '../../../../shared/domain.js';

export function delivery(body: Buffer, headers: HeaderField[], over: Partial<DeliveryDetail> = {}): DeliveryDetail {
  let text: string | null;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    text = null;
  }
  return {
    id: 7,
    receivedAt: '2026-03-20T12:00:00.000Z',
    method: 'POST',
    path: '/hooks/agile',
    query: 'attempt=1&note=a%20b',
    endpoint: '/hooks/agile',
    provider: 'agiletune',
    size: body.length,
    truncated: false,
    incomplete: null,
    contentType: 'application/json',
    responseStatus: 202,
    event: 'task.updated',
    verification: { status: 'valid', provider: 'agiletune', reason: 'ok', hints: [] },
    headers,
    bodyBase64: body.toString('base64'),
    bodyText: text,
    remoteAddress: '127.0.0.1',
    remotePort: 50000,
    durationMs: 1.5,
    httpVersion: '1.1',
    ...over,
  };
}

export const HEADERS: HeaderField[] = [
  { name: 'Host', value: '127.0.0.1:4747' },
  { name: 'Content-Type', value: 'application/json' },
  { name: 'X-AgileTune-Signature', value: 'abc123' },
  { name: 'Cookie', value: 'session=xyz; theme=dark' },
  { name: 'Content-Length', value: '17' },
];
