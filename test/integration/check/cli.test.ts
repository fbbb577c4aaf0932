// `hookscope check` as users and scripts run it: the --json contract, the exit codes (0 all passed,
// 1 a check failed or the handler cannot be reached, 2 bad usage), and every request recorded as a
// send that `hookscope sends` lists and `sends.get` opens.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../shared/api/check.js';
import type { SendDetail } from '../../../shared/api/sender.js';
import { requireProvider } from '../../../shared/providers/registry.js';
import { runCli } from '../../support/cli.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';
import { openCore } from '../../../electron/core/core.js';
import { snippetHandler, startHandler, stopAllHandlers } from '../../support/webhook-handlers.js';

afterEach(stopAllHandlers);
afterAll(removeTempDirs);

const SECRET = 'Handler-Check-Secret-42';

async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return `http://127.0.0.1:${port}/webhooks`;
}

describe('hookscope check', { timeout: 90_000 }, () => {
  it('prints the documented JSON and exits 0 when every check that ran passed', async () => {
    const handler = await startHandler(snippetHandler(requireProvider('agiletune')), SECRET);
    const db = tempDbFile();
    const res = await runCli(['check', '--db', db, '--provider', 'agiletune', '--to', handler.url, '--secret', SECRET, '--json'], { timeoutMs: 60_000 });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout) as CheckReport;
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['provider', 'target', 'passed', 'failed', 'skipped', 'checks']));
    expect(report).toMatchObject({ provider: 'agiletune', target: handler.url, failed: 0 });
    for (const check of report.checks) expect(Object.keys(check)).toEqual(expect.arrayContaining(['id', 'title', 'passed', 'skipped', 'expected', 'got', 'advice']));
    expect(report.passed).toBe(report.checks.filter((c) => c.passed).length);
    expect(report.skipped).toBe(report.checks.filter((c) => c.skipped).length);

    // Every request is a send of one batch, opened with its headers as sent.
    const list = await runCli(['sends', '--db', db, '--batch', String(report.batchId), '--json']);
    const runs = JSON.parse(list.stdout) as Array<{ id: number; status: string }>;
    const sent = report.checks.flatMap((c) => c.requests);
    expect(runs.map((r) => r.id).sort((a, b) => a - b)).toEqual(sent.map((r) => r.sendId).sort((a, b) => a - b));
    const core = openCore({ dbFile: db });
    try {
      const refused = report.checks.find((c) => c.id === 'wrong-secret')!.requests[0]!;
      const detail = (await core.dispatch('sends.get', { id: refused.sendId })) as SendDetail;
      expect(detail.attempts[0]!.request.headers).toEqual(refused.headers);
      expect(detail.attempts[0]!.status).toBe(400);
      expect(detail.status).toBe('failed');
    } finally {
      await core.close();
    }
  });

  it('exits 1 and prints the advice when a check fails', async () => {
    const handler = await startHandler('async function handle() { return 200; }', SECRET);
    const res = await runCli(['check', '--db', tempDbFile(), '--provider', 'almirant', '--to', handler.url, '--secret', SECRET], { timeoutMs: 60_000 });
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/✗ No signature header: rejected: HTTP 200/);
    expect(res.stdout).toMatch(/advice: The handler accepted a request with no X-Almirant-Signature.*hookscope providers snippet almirant/);
    expect(res.stdout).toMatch(/\d+ passed, 5 failed, \d+ skipped/);
  });

  it('exits 1 with the reason when the handler cannot be reached', async () => {
    const url = await closedPortUrl();
    const json = await runCli(['check', '--db', tempDbFile(), '--provider', 'agiletune', '--to', url, '--secret', SECRET, '--json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as CheckReport;
    expect(report.unreachable).toMatch(/cannot be reached at .*ECONNREFUSED/);
    expect(report.checks[0]).toMatchObject({ id: 'signed-accepted', passed: false, skipped: false });
    expect(report.checks.slice(1).every((c) => c.skipped)).toBe(true);
    const text = await runCli(['check', '--db', tempDbFile(), '--provider', 'agiletune', '--to', url, '--secret', SECRET]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/cannot be reached/);
  });

  it.each([
    [['--provider', 'agiletune', '--to', 'http://127.0.0.1:9/', '--only', 'nope'], /--only: unknown check "nope"/],
    [['--provider', 'nope', '--to', 'http://127.0.0.1:9/'], /unknown provider "nope"/],
    [['--provider', 'agiletune'], /required option '--to <url>'/],
    [['--provider', 'agiletune', '--to', 'http://127.0.0.1:9/', '--event', 'no.such'], /unknown agiletune event "no.such"/],
  ])('exits 2 on bad usage (%j)', async (args, message) => {
    const res = await runCli(['check', '--db', tempDbFile(), ...args]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
  });

  it('refuses a non-loopback target unless it is allowed, like send', async () => {
    const res = await runCli(['check', '--db', tempDbFile(), '--provider', 'agiletune', '--to', 'http://example.com/hook', '--secret', SECRET]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/loopback/);
  });

  it('runs only the checks named with --only, listing the others as skipped', async () => {
    const handler = await startHandler(snippetHandler(requireProvider('agiletune')), SECRET);
    const res = await runCli(['check', '--db', tempDbFile(), '--provider', 'agiletune', '--to', handler.url, '--secret', SECRET, '--only', 'wrong-secret,missing-signature', '--json']);
    const report = JSON.parse(res.stdout) as CheckReport;
    expect(report.checks.filter((c) => !c.skipped).map((c) => c.id)).toEqual(['wrong-secret', 'missing-signature']);
    expect(report.checks.find((c) => c.id === 'signed-accepted')!.got).toBe('skipped: not selected (--only)');
  });
});
