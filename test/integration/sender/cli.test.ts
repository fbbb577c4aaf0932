// `hookscope send` and `hookscope sends` end to end, as a user runs them: the real CLI in a child
// process, against a real handler on 127.0.0.1.
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { removeTempDirs, tempDbFile, tempDir } from '../../support/temp.js';
import { header, startHandler, type ScriptedHandler } from './support/handler.js';
import { MIN } from './support/sender.js';

let handler: ScriptedHandler;
const db = tempDbFile();

beforeAll(async () => {
  // Fails everything on /webhooks; /ok answers 200.
  handler = await startHandler(() => 500);
});
afterAll(async () => {
  await handler.close();
  removeTempDirs();
});

const send = (...args: string[]) => runCli(['send', '--db', db, ...args]);

describe('hookscope send', () => {
  it('--json prints the run once it ended, with every attempt, and exits 0 whatever the delivery became', async () => {
    const out = await send('--provider', 'agiletune', '--event', 'task.created', '--to', handler.url, '--secret', 'cli-secret', '--virtual', '--json');
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const run = JSON.parse(out.stdout);
    // The documented fields first; issue #20 appended fidelity and retryReading.
    expect(Object.keys(run)).toEqual(['id', 'provider', 'event', 'status', 'attempts', 'occurredSeq', 'fidelity', 'retryReading']);
    expect(run).toMatchObject({ provider: 'agiletune', event: 'task.created', status: 'failing', occurredSeq: 0 });
    expect(run.attempts).toHaveLength(6);
    expect(Object.keys(run.attempts[0])).toEqual(['n', 'offsetMs', 'status', 'durationMs', 'error']);
    expect(run.attempts.map((a: { offsetMs: number }) => a.offsetMs)).toEqual([0, MIN, 6 * MIN, 36 * MIN, 156 * MIN, 876 * MIN]);
    expect(run.attempts[5]).toMatchObject({ n: 6, status: 500, error: 'status 500' });
    const last = handler.received.at(-1)!;
    expect(header(last, 'X-AgileTune-Signature')).toBe(createHmac('sha256', 'cli-secret').update(last.body).digest('hex'));
  });

  it('prints an array for a batch of events', async () => {
    const out = await send('--provider', 'aptly', '--events', 'card.created,card.updated', '--to', handler.url, '--virtual', '--max-attempts', '2', '--json');
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).map((r: { event: string; status: string }) => [r.event, r.status])).toEqual([
      ['card.created', 'retrying'],
      ['card.updated', 'retrying'],
    ]);
  });

  it('--json gives each run of a shuffled batch the place its event occurred at, shared by its duplicate', async () => {
    const events = ['lead.created', 'lead.updated', 'sprint.closed', 'work_item.created'];
    const before = handler.received.length;
    const out = await send('--provider', 'almirant', '--events', events.join(','), '--duplicates', '1', '--shuffle', '--seed', '7', '--to', handler.url, '--virtual', '--max-attempts', '1', '--json');
    expect(out.code).toBe(0);
    const runs = JSON.parse(out.stdout) as Array<{ id: number; event: string; occurredSeq: number }>;
    expect(runs).toHaveLength(8);
    // The array is in delivery order, as the handler got them; occurredSeq is the order named.
    const arrived = handler.received.slice(before).map((r) => (JSON.parse(r.body.toString('utf8')) as { type: string }).type);
    expect(runs.map((r) => r.event)).toEqual(arrived);
    for (const run of runs) expect(run.occurredSeq).toBe(events.indexOf(run.event));
    expect(runs.map((r) => r.occurredSeq)).not.toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });

  it('sends a --data file byte for byte under any event name', async () => {
    const file = path.join(tempDir(), 'payload.json');
    fs.writeFileSync(file, '{ "hand": "written" }\n');
    const before = handler.received.length;
    const out = await send('--provider', 'workspace', '--event', 'invoice.paid', '--data', file, '--to', handler.url, '--virtual', '--max-attempts', '1', '--json');
    expect(out.code).toBe(0);
    expect(handler.received[before]!.body.toString('utf8')).toBe('{ "hand": "written" }\n');
  });

  it('prints each attempt as it happens without --json', async () => {
    const out = await send('--provider', 'workspace', '--event', 'task.created', '--to', handler.url, '--virtual');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/attempt 4 at \+36m: 500/);
    expect(out.stdout).toMatch(/disabled after 4 attempts/);
  });

  it('exits 2 for an event not in the catalogue, naming the catalogue', async () => {
    const out = await send('--provider', 'agiletune', '--event', 'task.exploded', '--to', handler.url, '--virtual');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/unknown agiletune event "task.exploded".*task.created/);
  });

  it('exits 2 when given two clocks at once', async () => {
    const out = await send('--provider', 'agiletune', '--event', 'task.created', '--to', handler.url, '--virtual', '--time-scale', '60');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/choose one clock/);
  });

  it('exits 1 for a non-loopback target, naming the loopback rule and --allow-host', async () => {
    const out = await send('--provider', 'agiletune', '--event', 'task.created', '--to', 'http://hooks.example.invalid/x', '--virtual');
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/loopback rule.*--allow-host hooks.example.invalid/);
  });

  it("exits 1 for Almirant's plain-HTTP target outside loopback, naming Almirant's HTTPS rule", async () => {
    const out = await send('--provider', 'almirant', '--event', 'lead.created', '--to', 'http://hooks.example.invalid/x', '--allow-host', 'hooks.example.invalid', '--virtual');
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/Almirant's HTTPS rule/);
  });
});

describe('hookscope sends', () => {
  it('--json lists past runs, newest first', async () => {
    const out = await runCli(['sends', '--json', '--db', db]);
    expect(out.code).toBe(0);
    const runs = JSON.parse(out.stdout) as Array<{ id: number; provider: string; status: string; attempts: unknown[] }>;
    expect(runs.length).toBeGreaterThanOrEqual(5);
    expect(runs.map((r) => r.id)).toEqual([...runs.map((r) => r.id)].sort((a, b) => b - a));
    expect(runs.at(-1)).toMatchObject({ provider: 'agiletune', status: 'failing', attempts: expect.any(Array) });
  });

  it('lists runs as a table', async () => {
    const out = await runCli(['sends', '--db', db]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^ID\s+BATCH/);
    expect(out.stdout).toMatch(/agiletune\s+task\.created\s+failing\s+6/);
  });

  it('--batch ends the table with the whole batch\'s totals, also when --limit shows only part of it', async () => {
    const sent = await send('--provider', 'aptly', '--events', 'card.created,card.updated,card.deleted', '--to', handler.url, '--virtual', '--max-attempts', '1', '--json');
    const batchId = (JSON.parse(sent.stdout) as Array<{ id: number }>)[0]!.id;
    const out = await runCli(['sends', '--batch', String(batchId), '--limit', '2', '--db', db]);
    expect(out.code).toBe(0);
    expect(out.stdout.trim().split('\n')).toHaveLength(4);
    expect(out.stdout).toMatch(new RegExp(`batch #${batchId}: 3 runs, first 2 shown \\(--limit\\): 3 retrying\\n$`));
  });
});
