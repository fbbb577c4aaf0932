// Fills a database with many captures directly through the store (one transaction per batch), for the
// tests that need a big inbox: sending 100k requests through HTTP would test the receiver, not the UI.
import type { Verification } from '../../../shared/domain.js';
import { openStore } from '../../../electron/core/store/index.js';
import type { NewCapture } from '../../../electron/core/store/deliveries.js';

const VERDICTS: Verification[] = [
  { status: 'valid', provider: 'agiletune', reason: 'X-AgileTune-Signature matches.', hints: [] },
  { status: 'invalid', provider: 'agiletune', reason: 'Signature mismatch.', hints: ['wrong secret'] },
  { status: 'unsigned', provider: null, reason: 'No known signature header.', hints: [] },
  { status: 'no-secret', provider: 'workspace', reason: 'No secret set.', hints: [] },
];

export function seedDeliveries(dbFile: string, count: number, startMs = Date.now() - count * 1000): void {
  const store = openStore(dbFile);
  try {
    const batch: NewCapture[] = [];
    for (let i = 0; i < count; i++) {
      const verification = VERDICTS[i % VERDICTS.length]!;
      const body = Buffer.from(JSON.stringify({ event: 'task.updated', seq: i, data: { id: `tsk_${i}`, title: `Task number ${i}` } }));
      batch.push({
        receivedAtMs: startMs + i * 1000,
        method: i % 10 === 0 ? 'PUT' : 'POST',
        path: `/hooks/seed/${i % 7}`,
        query: '',
        httpVersion: '1.1',
        headers: [{ name: 'Content-Type', value: 'application/json' }],
        body,
        truncated: false,
        incomplete: null,
        remoteAddress: '127.0.0.1',
        remotePort: 40000 + (i % 1000),
        durationMs: 1,
        endpointId: null,
        endpointPath: null,
        provider: verification.provider,
        verification,
        responseStatus: 200,
      });
      if (batch.length === 5000) store.deliveries.insertMany(batch.splice(0));
    }
    if (batch.length) store.deliveries.insertMany(batch);
  } finally {
    store.close();
  }
}
