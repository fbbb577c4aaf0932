// A custom provider (a spec like a user's YAML file) gets the checks its scheme makes meaningful: a
// signed timestamp with a tolerance brings the stale and replayed-timestamp checks, and its own short
// timeout is the one the timeout check holds the handler to.
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { registerProvider } from '../../../shared/providers/registry.js';
import { removeTempDirs } from '../../support/temp.js';
import { openTestCore, runCheck } from './fixture.js';
import { snippetHandler, startHandler, stopAllHandlers } from '../../support/webhook-handlers.js';

afterEach(stopAllHandlers);
afterAll(removeTempDirs);
// Each test starts a handler process and sends a dozen requests (one of 1 MiB): slow on a loaded machine.
vi.setConfig({ testTimeout: 60_000 });

const spec = registerProvider({
  id: 'check-acme',
  name: 'Acme (check test)',
  signature: { kind: 'hmac', header: 'X-Acme-Signature', algorithm: 'sha256', encoding: 'hex', prefix: 'v1=', signedPayload: '{timestamp}.{body}' },
  timestamp: { header: 'X-Acme-Timestamp', toleranceSec: 120 },
  detectHeaders: ['X-Acme-Signature'],
  eventField: 'type',
  events: [{ name: 'order.paid', sample: { type: 'order.paid', timestamp: '2026-03-20T12:00:00Z', data: { id: 'ord_1001', total: 4200 } } }],
  retry: { timeoutMs: 400, success: 'any-2xx', retryDelaysMs: [60_000], finalState: 'failed' },
});

describe('a custom provider with a signed, limited timestamp', () => {
  it('gets the timestamp checks, and its generated handler passes them all', async () => {
    const fx = openTestCore();
    try {
      const handler = await startHandler(snippetHandler(spec), 'acme-secret');
      // A roomier timeout than the profile's 400 ms: a loaded test machine must not fail a correct handler.
      const report = await runCheck(fx, { provider: spec.id, to: handler.url, secret: 'acme-secret', timeoutMs: 10_000 });
      expect(report.failed).toBe(0);
      const ran = report.checks.filter((c) => !c.skipped).map((c) => c.id);
      expect(ran).toEqual(expect.arrayContaining(['stale-timestamp', 'timestamp-replayed']));
      expect(report.checks.find((c) => c.id === 'stale-timestamp')!.expected).toMatch(/the timestamp is 5 min old; the tolerance is 2 min/);
    } finally {
      await fx.close();
    }
  });

  it("holds a slow handler to the provider's own timeout", async () => {
    const fx = openTestCore();
    try {
      const source = snippetHandler(spec).replace(
        'return verifyWebhook(raw, header, SECRET) ? 200 : 400;',
        'if (!verifyWebhook(raw, header, SECRET)) return 400;\n  await new Promise((r) => setTimeout(r, 1200));\n  return 200;',
      );
      const handler = await startHandler(source, 'acme-secret');
      const report = await runCheck(fx, { provider: spec.id, to: handler.url, secret: 'acme-secret' });
      expect(report.checks.filter((c) => !c.passed && !c.skipped).map((c) => c.id)).toEqual(['signed-accepted']);
      expect(report.timeoutMs).toBe(400);
      expect(report.checks[0]!.got).toBe('no answer within 400 ms');
    } finally {
      await fx.close();
    }
  });
});
