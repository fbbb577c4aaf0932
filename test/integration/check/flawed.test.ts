// Handlers with one mistake each, run for real on 127.0.0.1:0, fail exactly the checks that name that
// mistake and nothing else; the advice names the mistake.
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { CheckReport } from '../../../shared/api/check.js';
import type { CheckId } from '../../../shared/check/scenarios.js';
import { requireProvider } from '../../../shared/providers/registry.js';
import type { ProviderSpec } from '../../../shared/providers/spec.js';
import { removeTempDirs } from '../../support/temp.js';
import { openTestCore, runCheck, secretFor } from './fixture.js';
import { snippetHandler, startHandler, stopAllHandlers } from '../../support/webhook-handlers.js';

afterEach(stopAllHandlers);
afterAll(removeTempDirs);
// Each test starts a handler process and sends a dozen requests (one of 1 MiB): slow on a loaded machine.
vi.setConfig({ testTimeout: 60_000 });

async function grade(providerId: string, source: string, extra: { timeoutMs?: number; only?: CheckId[]; secret?: string } = {}): Promise<CheckReport> {
  const spec = requireProvider(providerId);
  const { secret = secretFor(spec), ...options } = extra;
  const fx = openTestCore();
  try {
    const handler = await startHandler(source, secret);
    return await runCheck(fx, { provider: providerId, to: handler.url, secret, ...options });
  } finally {
    await fx.close();
  }
}

const failedIds = (r: CheckReport) => r.checks.filter((c) => !c.passed && !c.skipped).map((c) => c.id);
const adviceOf = (r: CheckReport, id: string) => r.checks.find((c) => c.id === id)!.advice ?? '';

/** The spec as a handler that never looks at the timestamp's age would verify it. */
function withoutTolerance(spec: ProviderSpec): ProviderSpec {
  const signature = spec.signature.kind === 'hmac' ? { ...spec.signature, toleranceSec: null } : spec.signature;
  return { ...spec, signature, ...(spec.timestamp ? { timestamp: { ...spec.timestamp, toleranceSec: null } } : {}) };
}

describe('a handler that accepts everything', () => {
  it.each(['agiletune', 'svix'])('fails every refusal check for %s, and only those', async (id) => {
    const report = await grade(id, 'async function handle() { return 200; }');
    const refusals = ['wrong-secret', 'missing-signature', 'empty-signature', 'body-byte-changed', 'body-whitespace-changed'];
    if (id === 'svix') refusals.push('stale-timestamp', 'timestamp-replayed');
    expect(failedIds(report).sort()).toEqual(refusals.sort());
    expect(adviceOf(report, 'missing-signature')).toMatch(/accepted a request with no .*signature.*refuse unsigned ones/i);
    expect(adviceOf(report, 'body-whitespace-changed')).toMatch(/changed after signing/);
    expect(adviceOf(report, 'wrong-secret')).toContain(`hookscope providers snippet ${id}`);
  });

  it('fails the wrong-key checks for aptly', async () => {
    const report = await grade('aptly', 'async function handle() { return 200; }');
    expect(failedIds(report).sort()).toEqual(['empty-signature', 'key-case', 'missing-signature', 'wrong-key']);
  });
});

describe('a handler comparing with === over re-serialised JSON', () => {
  it('fails only the whitespace check, named as a re-serialised body', async () => {
    const report = await grade(
      'agiletune',
      `import crypto from 'node:crypto';
      async function handle(raw, header) {
        const body = JSON.stringify(JSON.parse(raw.toString('utf8')));
        const expected = crypto.createHmac('sha256', SECRET).update(body).digest('hex');
        return header('X-AgileTune-Signature') === expected ? 200 : 401;
      }`,
    );
    expect(failedIds(report)).toEqual(['body-whitespace-changed']);
    expect(adviceOf(report, 'body-whitespace-changed')).toMatch(/re-serialised JSON.*raw body/);
  });
});

describe('a handler that ignores the timestamp', () => {
  it.each(['standard-webhooks', 'svix', 'stripe', 'slack'])('fails only the stale-timestamp check for %s', async (id) => {
    const report = await grade(id, snippetHandler(withoutTolerance(requireProvider(id))));
    expect(failedIds(report)).toEqual(['stale-timestamp']);
    expect(adviceOf(report, 'stale-timestamp')).toMatch(/replayed forever/);
  });
});

describe('a handler that does not strip the sha256= prefix', () => {
  it.each([
    ['workspace', 'X-Webhook-Signature'],
    ['github', 'X-Hub-Signature-256'],
  ])('fails only the signed-event check for %s, naming the prefix', async (id, header) => {
    const report = await grade(
      id,
      `import crypto from 'node:crypto';
      async function handle(raw, header) {
        const expected = crypto.createHmac('sha256', SECRET).update(raw).digest('hex');
        const received = header(${JSON.stringify(header)}) ?? '';
        return received.length === expected.length && crypto.timingSafeEqual(Buffer.from(received), Buffer.from(expected)) ? 200 : 401;
      }`,
    );
    expect(failedIds(report)).toEqual(['signed-accepted']);
    expect(adviceOf(report, 'signed-accepted')).toMatch(/strip "sha256=" from/);
    // What builds on an accepted event is not reported as another failure.
    for (const dependent of ['duplicate-acknowledged', 'out-of-order-acknowledged', 'large-event-accepted']) {
      expect(report.checks.find((c) => c.id === dependent)!.skipped).toBe(true);
    }
  });
});

describe("Workspace's documented sample handler (re-serialised JSON, prefix kept)", () => {
  it('fails the signed-event check, and the advice names both mistakes', async () => {
    const report = await grade(
      'workspace',
      `import crypto from 'node:crypto';
      async function handle(raw, header) {
        const expected = crypto.createHmac('sha256', SECRET).update(JSON.stringify(JSON.parse(raw.toString('utf8')))).digest('hex');
        return header('X-Webhook-Signature') === expected ? 200 : 401;
      }`,
    );
    expect(failedIds(report)).toEqual(['signed-accepted']);
    expect(adviceOf(report, 'signed-accepted')).toMatch(/strip "sha256=".*also verifies re-serialised JSON/);
  });
});

describe('a handler that gets the encoding or the secret wrong', () => {
  it('is told that Shopify sends base64, when it compares hex', async () => {
    const report = await grade(
      'shopify',
      `import crypto from 'node:crypto';
      async function handle(raw, header) {
        const expected = crypto.createHmac('sha256', SECRET).update(raw).digest('hex');
        return header('X-Shopify-Hmac-Sha256') === expected ? 200 : 401;
      }`,
    );
    expect(failedIds(report)).toEqual(['signed-accepted']);
    expect(adviceOf(report, 'signed-accepted')).toMatch(/in hex is accepted: Shopify sends it base64-encoded/);
  });

  it("is told that Stripe keys with the secret as it is, when it base64-decodes a whsec_ secret", async () => {
    const spec = requireProvider('stripe');
    const decoding = { ...spec, signature: { ...spec.signature, secretEncoding: 'whsec' as const } };
    const report = await grade('stripe', snippetHandler(decoding), { secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
    expect(failedIds(report)).toEqual(['signed-accepted']);
    expect(adviceOf(report, 'signed-accepted')).toMatch(/base64-decoded is accepted: Stripe keys its HMAC with the secret as it is/);
  });
});

describe('a handler that answers 500 on a duplicate', () => {
  it.each([
    ['svix', "header('svix-id')"],
    ['almirant', "JSON.parse(raw.toString('utf8')).id"],
    ['agiletune', "crypto.createHash('sha256').update(raw).digest('hex')"],
  ])('fails only the duplicate check for %s', async (id, key) => {
    const spec = requireProvider(id);
    const source = snippetHandler(
      spec,
      `const seen = new Set();
      const verifyOnce = (raw, header) => {
        if (!verifyWebhook(raw, header, SECRET)) return 400;
        const key = ${key};
        if (seen.has(key)) return 500;
        seen.add(key);
        return 200;
      };`,
    ).replace('return verifyWebhook(raw, header, SECRET) ? 200 : 400;', 'return verifyOnce(raw, header);');
    const report = await grade(id, source);
    expect(failedIds(report)).toEqual(['duplicate-acknowledged']);
    expect(adviceOf(report, 'duplicate-acknowledged')).toMatch(/acknowledge a duplicate/);
  });
});

describe('a handler that refuses an update older than the last one it saw', () => {
  it('fails only the out-of-order check', async () => {
    const source = snippetHandler(
      requireProvider('agiletune'),
      `const latest = new Map();
      const newestOnly = (raw, header) => {
        if (!verifyWebhook(raw, header, SECRET)) return 400;
        const event = JSON.parse(raw.toString('utf8'));
        if ((latest.get(event.data.id) ?? '') > event.timestamp) return 409;
        latest.set(event.data.id, event.timestamp);
        return 200;
      };`,
    ).replace('return verifyWebhook(raw, header, SECRET) ? 200 : 400;', 'return newestOnly(raw, header);');
    const report = await grade('agiletune', source);
    expect(failedIds(report)).toEqual(['out-of-order-acknowledged']);
    expect(adviceOf(report, 'out-of-order-acknowledged')).toMatch(/older update.*409/);
  });
});

describe('a handler that sleeps past the timeout', () => {
  it('fails only the signed-event check, against the timeout given', async () => {
    const spec = requireProvider('agiletune');
    const source = snippetHandler(spec).replace(
      'return verifyWebhook(raw, header, SECRET) ? 200 : 400;',
      'if (!verifyWebhook(raw, header, SECRET)) return 400;\n  await new Promise((r) => setTimeout(r, 1500));\n  return 200;',
    );
    const report = await grade('agiletune', source, { timeoutMs: 500 });
    expect(failedIds(report)).toEqual(['signed-accepted']);
    expect(report.checks[0]!.got).toBe('no answer within 500 ms');
    expect(adviceOf(report, 'signed-accepted')).toMatch(/Answer within 500 ms .*acknowledge first/);
  });

  it('warns, without failing, when the answer takes over half the timeout', async () => {
    const spec = requireProvider('agiletune');
    const source = snippetHandler(spec).replace(
      'return verifyWebhook(raw, header, SECRET) ? 200 : 400;',
      'if (!verifyWebhook(raw, header, SECRET)) return 400;\n  await new Promise((r) => setTimeout(r, 1200));\n  return 200;',
    );
    const report = await grade('agiletune', source, { timeoutMs: 2400, only: ['signed-accepted'] });
    const signed = report.checks.find((c) => c.id === 'signed-accepted')!;
    expect(signed.passed).toBe(true);
    expect(signed.warning).toMatch(/over half the 2.4 s timeout/);
    expect(signed.latencyMs).toBeGreaterThan(1200);
  });
});
