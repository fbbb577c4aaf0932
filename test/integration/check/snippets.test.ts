// The project's own generated handler (shared/providers/snippets.ts), run for real under an http server
// on 127.0.0.1:0, passes every check that applies to its provider, and every check that does not apply
// is listed as skipped with its reason.
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { CheckReport } from '../../../shared/api/check.js';
import { listProviders } from '../../../shared/providers/registry.js';
import type { ProviderSpec } from '../../../shared/providers/spec.js';
import { removeTempDirs } from '../../support/temp.js';
import { openTestCore, runCheck, secretFor } from './fixture.js';
import { snippetHandler, startHandler, stopAllHandlers } from '../../support/webhook-handlers.js';

afterEach(stopAllHandlers);
afterAll(removeTempDirs);
// Each test starts a handler process and sends a dozen requests (one of 1 MiB): slow on a loaded machine.
vi.setConfig({ testTimeout: 60_000 });

const SKIPPED_FOR: Record<string, string[]> = {
  // Static key: no HMAC, nothing signed; Aptly delivers in order.
  aptly: ['wrong-secret', 'body-byte-changed', 'body-whitespace-changed', 'stale-timestamp', 'timestamp-replayed', 'out-of-order-acknowledged'],
  // HMAC of the raw body, no timestamp.
  agiletune: ['wrong-key', 'key-case', 'stale-timestamp', 'timestamp-replayed'],
  almirant: ['wrong-key', 'key-case', 'stale-timestamp', 'timestamp-replayed'],
  github: ['wrong-key', 'key-case', 'stale-timestamp', 'timestamp-replayed'],
  shopify: ['wrong-key', 'key-case', 'stale-timestamp', 'timestamp-replayed'],
  // A timestamp header, but neither signed nor limited.
  workspace: ['wrong-key', 'key-case', 'stale-timestamp', 'timestamp-replayed'],
  'standard-webhooks': ['wrong-key', 'key-case'],
  svix: ['wrong-key', 'key-case'],
  stripe: ['wrong-key', 'key-case'],
  slack: ['wrong-key', 'key-case'],
};

describe.each(listProviders().map((spec) => [spec.id, spec] as [string, ProviderSpec]))('the generated %s handler', (id, spec) => {
  it('passes every check that applies, and the others are skipped with a reason', async () => {
    const fx = openTestCore();
    try {
      const handler = await startHandler(snippetHandler(spec), secretFor(spec));
      const report: CheckReport = await runCheck(fx, { provider: id, to: handler.url, secret: secretFor(spec) });
      const failed = report.checks.filter((c) => !c.passed && !c.skipped);
      expect(failed.map((c) => `${c.id}: ${c.got}`)).toEqual([]);
      expect(report.checks.filter((c) => c.skipped).map((c) => c.id).sort()).toEqual([...SKIPPED_FOR[id]!].sort());
      for (const c of report.checks.filter((c) => c.skipped)) expect(c.got).toMatch(/^skipped: .{10,}/);
      expect(report.failed).toBe(0);
      expect(report.passed + report.skipped).toBe(report.checks.length);
      expect(report.unreachable).toBeNull();
    } finally {
      await fx.close();
    }
  });
});
