// Issue #20, read as a developer integrating a provider would: the catalogue and the readings from the
// CLI's JSON, checked against copies of the four provider documents (test/fixtures/provider-docs).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ROOT, runCli, startServe } from '../../support/cli.js';
import { removeTempDirs, tempDbFile, tempDir } from '../../support/temp.js';

// Several CLI processes per test: each takes seconds on a loaded machine, none of it waiting on a clock.
vi.setConfig({ testTimeout: 90_000 });

afterAll(() => removeTempDirs());

const DOCS: Record<string, string> = {
  aptly: 'aptly-webhooks.txt',
  agiletune: 'agiletune-webhooks.txt',
  almirant: 'almirant-webhooks.txt',
  workspace: 'workspace-webhooks.md',
};
const SEEDS = Object.keys(DOCS);
const docText = (id: string) => fs.readFileSync(path.join(ROOT, 'test/fixtures/provider-docs', DOCS[id]!), 'utf8');
const collapse = (text: string) => text.replace(/\s+/g, ' ');

interface Fidelity {
  kind: 'documented' | 'extended' | 'invented';
  documented: string[];
  invented: string[];
  basis: string;
}
interface Reading {
  id: string;
  topic: string;
  quote: string;
  reading: string;
  alternative: string;
  option: string | null;
}
interface Provider {
  id: string;
  notes: string[];
  rotation: string;
  sourceRanges: string[];
  readings: Reading[];
  events: Array<{ name: string; sample: unknown; fidelity: Fidelity | null }>;
}

const db = tempDbFile();
let listed: Provider[] | undefined;
async function providers(): Promise<Provider[]> {
  if (listed) return listed;
  const out = await runCli(['providers', 'list', '--json', '--db', db]);
  expect(out.code).toBe(0);
  listed = JSON.parse(out.stdout) as Provider[];
  return listed;
}
const provider = async (id: string) => (await providers()).find((p) => p.id === id)!;

/** Every dot path of a JSON object, computed here independently of the code under test. */
function paths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => [prefix + k, ...paths(v, `${prefix}${k}.`)]);
}

/** The first JSON object after `marker` in a document: its payload example. */
function documentExample(id: string, marker: string): unknown {
  const text = docText(id);
  const start = text.indexOf('{', text.indexOf(marker));
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    if (text[i] === '}' && --depth === 0) return JSON.parse(text.slice(start, i + 1));
  }
  throw new Error(`no example after ${marker}`);
}

describe('item 1: every catalogue payload is marked against its document', () => {
  it('marks every event of the four seeds, and lists every field the document does not show', async () => {
    for (const id of SEEDS) {
      const p = await provider(id);
      expect(p.events.length).toBeGreaterThan(0);
      for (const event of p.events) {
        const f = event.fidelity!;
        expect(['documented', 'extended', 'invented'], `${id} ${event.name}`).toContain(f.kind);
        // Each sample path is documented, invented, or under an invented one: nothing unmarked.
        for (const p of paths(event.sample)) {
          const covered = f.documented.includes(p) || f.invented.some((inv) => p === inv || p.startsWith(`${inv}.`));
          expect(covered, `${id} ${event.name}: ${p}`).toBe(true);
        }
        // And each documented field's name is in the document.
        for (const p of f.documented) expect(docText(id), `${id}: ${p}`).toContain(p.split('.').pop()!);
        if (f.kind === 'documented') expect(f.invented).toEqual([]);
        else expect(f.invented.length, `${id} ${event.name}`).toBeGreaterThan(0);
      }
    }
  });

  it('sends the document\'s own example for the one event each document shows, and marks the rest invented', async () => {
    const agiletune = await provider('agiletune');
    const workspace = await provider('workspace');
    const kinds = (p: Provider) => Object.fromEntries(p.events.map((e) => [e.name, e.fidelity!.kind]));
    expect(Object.values(kinds(agiletune)).filter((k) => k === 'invented')).toHaveLength(7);
    expect(kinds(agiletune)['task.updated']).toBe('documented');
    expect(agiletune.events.find((e) => e.name === 'task.updated')!.sample).toEqual(documentExample('agiletune', 'Payload Example'));
    expect(Object.values(kinds(workspace)).filter((k) => k === 'invented')).toHaveLength(14);
    expect(kinds(workspace)['task.created']).toBe('documented');
    expect(workspace.events.find((e) => e.name === 'task.created')!.sample).toEqual(documentExample('workspace', 'Example Payload'));
    const moved = agiletune.events.find((e) => e.name === 'member.added')!.fidelity!;
    expect(moved.documented).toEqual(['event', 'timestamp', 'data']);
    expect(moved.invented).toEqual(expect.arrayContaining(['data.email', 'data.role', 'data.changes']));
  });

  it('marks Almirant\'s id, created_at and data and Aptly\'s extra board fields as not in the document', async () => {
    for (const event of (await provider('almirant')).events) {
      expect(event.fidelity).toMatchObject({ kind: 'invented', documented: ['type'], invented: ['id', 'created_at', 'data'] });
    }
    for (const event of (await provider('aptly')).events) {
      expect(event.fidelity!.kind).toBe('extended');
      expect(event.fidelity!.documented).toEqual(['Name', 'Status', 'Email']);
      expect(event.fidelity!.invented).toEqual(expect.arrayContaining(['Phone', 'Company', 'Card ID', 'Updated At']));
    }
  });

  it('says a provider without a document in Hookscope was not compared (fidelity null)', async () => {
    expect((await provider('stripe')).events.every((e) => e.fidelity === null)).toBe(true);
  });
});

describe('item 2: every vague or contradictory passage is listed with our reading and the other one', () => {
  it('quotes each document word for word', async () => {
    for (const id of SEEDS) {
      const p = await provider(id);
      expect(p.readings.length).toBeGreaterThan(0);
      for (const r of p.readings) {
        const passages = [...r.quote.matchAll(/“([^”]+)”/g)].map((m) => m[1]!);
        expect(passages.length, `${id} ${r.id}`).toBeGreaterThan(0);
        for (const passage of passages) expect(collapse(docText(id)), `${id} ${r.id}`).toContain(collapse(passage));
        expect(r.reading.length && r.alternative.length).toBeGreaterThan(0);
        expect(r.alternative).not.toBe(r.reading);
      }
    }
  });

  it('lists at least the readings the issue names, with the option that plays the other reading', async () => {
    const reading = async (id: string, rid: string) => {
      const found = (await provider(id)).readings.find((r) => r.id === rid);
      expect(found, `${id} ${rid}`).toBeDefined();
      return found!;
    };
    expect(await reading('agiletune', 'attempt-count')).toMatchObject({ quote: expect.stringContaining('After 5 failed attempts'), option: '--retry-reading document-count' });
    expect(await reading('almirant', 'success-rule')).toMatchObject({ quote: expect.stringMatching(/>= 400[\s\S]*2xx/), option: '--success any-2xx' });
    expect(await reading('almirant', 'attempt-count')).toMatchObject({ reading: expect.stringContaining('five attempts'), option: '--retry-reading document-count' });
    expect(await reading('workspace', 'attempt-count')).toMatchObject({ quote: expect.stringContaining('After 3 failures'), option: '--retry-reading document-count' });
    expect((await reading('workspace', 'failure-scope')).reading).toMatch(/per delivery/);
    expect((await reading('workspace', 'success-rule')).quote).toContain('Returns 200 status');
    for (const id of ['agiletune', 'almirant', 'workspace']) expect((await reading(id, 'wait-origin')).reading).toMatch(/start of the previous attempt/);
    expect(await reading('aptly', 'ordering')).toMatchObject({ reading: expect.stringMatching(/^Strictly/), option: '--no-in-order' });
    expect(await reading('aptly', 'retry-interval')).toMatchObject({ reading: expect.stringContaining('not documented'), option: '--retry-every-ms N' });
  });

  it('providers show <id> gives one provider, as JSON and as text', async () => {
    const json = await runCli(['providers', 'show', 'workspace', '--json', '--db', db]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(await provider('workspace'));
    const text = await runCli(['providers', 'show', 'almirant', '--db', db]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Readings (where the document is vague or contradicts itself):');
    expect(text.stdout).toContain('play it:  send --retry-reading document-count');
    expect(text.stdout).toMatch(/lead\.created {2}invented: not in the document: id, created_at, data/);
    const unknown = await runCli(['providers', 'show', 'nope', '--db', db]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown provider "nope"/);
  });
});

describe('item 3: a regenerated Aptly key is invalid', () => {
  const body = () => {
    const file = path.join(tempDir(), 'card.json');
    fs.writeFileSync(file, '{"Name":"John Smith","Status":"New","Email":"john@example.com"}');
    return file;
  };

  it('verify: a request carrying the previous Aptly key is invalid, with the hint that the key was regenerated', async () => {
    const out = await runCli(['verify', '--provider', 'aptly', '--secret', 'apk_new', '--secret', 'apk_old', '--header', 'x-signingKey: apk_old', '--body-file', body(), '--json']);
    expect(out.code).toBe(1);
    const v = JSON.parse(out.stdout) as { status: string; hints: string[] };
    expect(v.status).toBe('invalid');
    expect(v.hints.join(' ')).toMatch(/matches a key that was regenerated/);
    expect((await provider('aptly')).rotation).toBe('immediate');
  });

  it('verify: Standard Webhooks, whose providers document overlapping secrets, still accepts a previous one', async () => {
    expect((await provider('standard-webhooks')).rotation).toBe('overlap');
    const { createHmac } = await import('node:crypto');
    const old = Buffer.from('old-secret-bytes-123').toString('base64');
    const payload = '{"type":"user.created"}';
    const ts = Math.floor(Date.now() / 1000);
    const sig = createHmac('sha256', Buffer.from(old, 'base64')).update(`msg_1.${ts}.${payload}`).digest('base64');
    const file = path.join(tempDir(), 'sw.json');
    fs.writeFileSync(file, payload);
    const out = await runCli([
      'verify', '--provider', 'standard-webhooks', '--secret', `whsec_${Buffer.from('new-secret-bytes-456').toString('base64')}`, '--secret', `whsec_${old}`,
      '--header', 'webhook-id: msg_1', '--header', `webhook-timestamp: ${ts}`, '--header', `webhook-signature: v1,${sig}`, '--body-file', file, '--json',
    ]);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ status: 'valid', hints: [expect.stringMatching(/previous secret/)] });
  });

  it('the receiver files a delivery carrying a previous Aptly key of its endpoint as invalid', async () => {
    const serveDb = tempDbFile();
    const add = await runCli(['endpoints', 'add', '/hooks/aptly', '--provider', 'aptly', '--secret', 'apk_new', '--previous-secret', 'apk_old', '--db', serveDb]);
    expect(add.code).toBe(0);
    const serve = await startServe(serveDb);
    try {
      const res = await fetch(`${serve.receiverUrl}/hooks/aptly`, { method: 'POST', headers: { 'x-signingKey': 'apk_old', 'content-type': 'application/json' }, body: '{"Name":"A"}' });
      expect(res.status).toBe(200);
    } finally {
      await serve.stop();
    }
    const out = await runCli(['deliveries', '--json', '--db', serveDb]);
    const [row] = JSON.parse(out.stdout) as Array<{ verification: { status: string; hints: string[] } }>;
    expect(row!.verification.status).toBe('invalid');
    expect(row!.verification.hints.join(' ')).toMatch(/regenerated/);
  });
});

describe('item 4: Workspace\'s IP allowlist and HTTPS rule are in its notes', () => {
  it('states the document\'s ranges and "HTTPS in production"', async () => {
    const workspace = await provider('workspace');
    expect(workspace.sourceRanges).toEqual(['203.0.113.0/24', '198.51.100.0/24']);
    const notes = workspace.notes.join(' ');
    expect(notes).toContain('203.0.113.0/24');
    expect(notes).toContain('198.51.100.0/24');
    expect(notes).toContain('HTTPS in production');
  });
});
