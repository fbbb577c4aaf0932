// One capture as the receiver hands it to the store, for store-level tests that insert rows directly:
// the fields a test does not care about get plain values, the ones it does are given.
import type { NewCapture } from '../../electron/core/store/deliveries.js';

export function newCapture(fields: Partial<NewCapture> & Pick<NewCapture, 'path' | 'body'>): NewCapture {
  return {
    receivedAtMs: 1_700_000_000_000,
    method: 'POST',
    query: '',
    httpVersion: '1.1',
    headers: [{ name: 'Content-Type', value: 'application/json' }],
    truncated: false,
    incomplete: null,
    remoteAddress: '127.0.0.1',
    remotePort: 1,
    durationMs: 1,
    endpointId: null,
    endpointPath: null,
    provider: null,
    verification: { status: 'unsigned', provider: null, reason: 'r', hints: [] },
    responseStatus: 200,
    ...fields,
  };
}
