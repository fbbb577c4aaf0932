// What a check does with the inputs it is given: no secret, a payload of the user's own (JSON or not),
// a provider without a catalogue; and the inputs it refuses before anything is sent.
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { registerProvider, requireProvider } from '../../../shared/providers/registry.js';
import { runCli } from '../../support/cli.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';
import { snippetHandler, startHandler, stopAllHandlers } from '../../support/webhook-handlers.js';
import { openTestCore, runCheck } from './fixture.js';

afterEach(stopAllHandlers);
afterAll(removeTempDirs);
vi.setConfig({ testTimeout: 60_000 });

const SECRET = 'Handler-Check-Secret-42';

async function withCore<T>(fn: (fx: ReturnType<typeof openTestCore>) => Promise<T>): Promise<T> {
  const fx = openTestCore();
  try {
    return await fn(fx);
  } finally {
    await fx.close();
  }
}

describe('the inputs of a check', () => {
  it('without a secret, runs only the unsigned-request check and says why the others wait', async () => {
    const handler = await startHandler(snippetHandler(requireProvider('agiletune')), SECRET);
    const report = await withCore((fx) => runCheck(fx, { provider: 'agiletune', to: handler.url }));
    expect(report.checks.filter((c) => !c.skipped).map((c) => c.id)).toEqual(['missing-signature']);
    expect(report.checks.find((c) => c.id === 'wrong-secret')!.got).toBe('skipped: no secret given: only an unsigned request can be sent');
    expect(report.failed).toBe(0);
  });

  it('sends a JSON payload of the user\'s own, a fresh occurrence per request', async () => {
    const handler = await startHandler(snippetHandler(requireProvider('agiletune')), SECRET);
    const body = Buffer.from(JSON.stringify({ event: 'invoice.sent', timestamp: '2026-01-01T00:00:00Z', data: { id: 'inv_9' } }));
    const report = await withCore((fx) => runCheck(fx, { provider: 'agiletune', to: handler.url, secret: SECRET, event: 'invoice.sent', bodyBase64: body.toString('base64') }));
    expect(report.failed).toBe(0);
    const previews = report.checks.flatMap((c) => c.requests).filter((r) => r.bodyBytes < 10_000).map((r) => r.bodyPreview);
    expect(previews.every((p) => p.includes('"invoice.sent"'))).toBe(true);
    // Only the duplicate check repeats a body.
    expect(new Set(previews).size).toBe(previews.length - 1);
  });

  it('sends a payload that is not JSON as given, and skips the large event it cannot enlarge', async () => {
    const handler = await startHandler(snippetHandler(requireProvider('almirant')), SECRET);
    const report = await withCore((fx) => runCheck(fx, { provider: 'almirant', to: handler.url, secret: SECRET, event: 'ping', bodyBase64: Buffer.from('a=1&b=2').toString('base64') }));
    expect(report.failed).toBe(0);
    expect(report.checks.find((c) => c.id === 'signed-accepted')!.requests[0]!.bodyPreview).toBe('a=1&b=2');
    expect(report.checks.find((c) => c.id === 'large-event-accepted')!.got).toMatch(/skipped: the --data body is not a JSON object/);
  });

  it('refuses a provider without a catalogue when no payload is given', async () => {
    registerProvider({
      id: 'check-bare',
      name: 'Bare',
      signature: { kind: 'hmac', header: 'X-Bare-Signature', algorithm: 'sha256', encoding: 'hex' },
      detectHeaders: ['X-Bare-Signature'],
      retry: { timeoutMs: 5000, success: 'any-2xx', retryDelaysMs: [], finalState: 'failed' },
    });
    await withCore(async (fx) => {
      await expect(fx.core.dispatch('check.run', { provider: 'check-bare', to: 'http://127.0.0.1:9/', secret: SECRET, wait: true })).rejects.toMatchObject({
        code: 'bad-input',
        message: expect.stringMatching(/no event catalogue: name the event .* and give its payload/),
      });
    });
  });

  it('exits 2 when the --data file cannot be read', async () => {
    const res = await runCli(['check', '--db', tempDbFile(), '--provider', 'agiletune', '--to', 'http://127.0.0.1:9/', '--data', '/nonexistent/file.json']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/cannot read --data \/nonexistent\/file.json/);
  });
});
