// The generated handler snippets: each reads the raw body, compares in constant time without throwing
// on a length mismatch, and, run for real, accepts what Hookscope signs and rejects the rest.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { UnknownProviderError, listProviders } from '../../../../shared/providers/registry.js';
import { handlerSnippet, snippetFor, verifierSource, type SnippetLanguage } from '../../../../shared/providers/snippets.js';
import type { ProviderSpec } from '../../../../shared/providers/spec.js';
import { signRequest } from '../../../../shared/verify/sign.js';
import { BODY, MIN_MS, WHSEC } from './scheme-fixtures.js';

interface Case {
  headers: Array<[string, string]>;
  body: string;
  secret: string;
}

const NODE_HARNESS = `
import { readFileSync } from 'node:fs';
const cases = JSON.parse(readFileSync(0, 'utf8'));
console.log(JSON.stringify(cases.map((c) => {
  const headers = new Map(c.headers.map(([name, value]) => [name.toLowerCase(), value]));
  return verifyWebhook(Buffer.from(c.body, 'base64'), (name) => headers.get(name.toLowerCase()), c.secret);
})));`;

const PYTHON_HARNESS = `
import json, sys
cases = json.load(sys.stdin)
results = []
for c in cases:
    headers = {name.lower(): value for name, value in c["headers"]}
    results.append(verify_webhook(base64.b64decode(c["body"]), lambda name: headers.get(name.lower()), c["secret"]))
print(json.dumps(results))`;

function run(language: SnippetLanguage, spec: ProviderSpec, cases: Case[]): boolean[] {
  const source = verifierSource(spec, language);
  const result =
    language === 'node'
      ? spawnSync(process.execPath, ['--input-type=module', '-e', `${source}\n${NODE_HARNESS}`], { input: JSON.stringify(cases), encoding: 'utf8' })
      : spawnSync('python3', ['-c', `import base64\n${source}\n${PYTHON_HARNESS}`], { input: JSON.stringify(cases), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${language} snippet failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as boolean[];
}

const hasPython = spawnSync('python3', ['-c', 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)']).status === 0;
const secretFor = (spec: ProviderSpec) => (spec.signature.kind === 'hmac' && spec.signature.secretEncoding !== 'utf8' ? WHSEC : 'snippet-secret-123');

/** Signed, tampered, wrong-secret, truncated-signature and (where timed) stale requests, with the verdicts expected. */
function casesFor(spec: ProviderSpec): { cases: Case[]; expected: boolean[] } {
  const secret = secretFor(spec);
  const sign = (nowMs: number) => signRequest(spec, BODY, secret, { nowMs, id: 'msg_snippet' }).map((h) => [h.name, h.value] as [string, string]);
  const fresh = sign(Date.now());
  const body = BODY.toString('base64');
  const truncated = fresh.map(([name, value]) => [name, value.slice(0, -4)] as [string, string]);
  const cases: Case[] = [
    { headers: fresh, body, secret },
    { headers: fresh, body: Buffer.from(`${BODY.toString('utf8')} `).toString('base64'), secret },
    { headers: fresh, body, secret: spec.signature.kind === 'hmac' && spec.signature.secretEncoding !== 'utf8' ? 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' : 'wrong-secret' },
    { headers: truncated, body, secret },
    { headers: [], body, secret },
  ];
  const expected = [true, spec.signature.kind === 'static-key', false, false, false];
  const timed = spec.signature.kind === 'hmac' && (spec.timestamp?.toleranceSec || spec.signature.toleranceSec);
  if (timed) {
    cases.push({ headers: sign(Date.now() - 10 * MIN_MS), body, secret });
    expected.push(false);
  }
  return { cases, expected };
}

const providers = listProviders().map((spec) => [spec.id, spec] as const);

describe.each(providers)('the %s snippets', (id, spec) => {
  it('read the raw body in Node (express.raw) and Python (get_data)', () => {
    expect(handlerSnippet(id, 'node')).toContain("express.raw({ type: '*/*', limit: '5mb' })");
    expect(handlerSnippet(id, 'python')).toContain('request.get_data()');
  });

  it('compare in constant time, checking lengths first in Node', () => {
    expect(handlerSnippet(id, 'node')).toContain('x.length === y.length && crypto.timingSafeEqual(x, y)');
    expect(handlerSnippet(id, 'python')).toContain('hmac.compare_digest(a.encode(), b.encode())');
  });

  it('verify, when run in Node, exactly the requests Hookscope accepts', () => {
    const { cases, expected } = casesFor(spec);
    expect(run('node', spec, cases)).toEqual(expected);
  });

  it.skipIf(!hasPython)('verify, when run in Python, exactly the requests Hookscope accepts', () => {
    const { cases, expected } = casesFor(spec);
    expect(run('python', spec, cases)).toEqual(expected);
  });
});

describe('handler snippets', () => {
  it('name the event header for providers that send the event name in one', () => {
    expect(handlerSnippet('github', 'node')).toContain("req.get('X-GitHub-Event')");
    expect(handlerSnippet('shopify', 'python')).toContain('request.headers.get("X-Shopify-Topic")');
  });

  it('read a nested event field safely', () => {
    expect(handlerSnippet('slack', 'node')).toContain('payload?.event?.type');
    expect(handlerSnippet('slack', 'python')).toContain('((payload or {}).get("event") or {}).get("type")');
  });

  it('escape a custom template so its text cannot break out of the string', () => {
    const base = listProviders().find((p) => p.id === 'workspace')!;
    if (base.signature.kind !== 'hmac') throw new Error('workspace is an HMAC provider');
    const odd: ProviderSpec = { ...base, id: 'odd', signature: { ...base.signature, prefix: "it's=", signedPayload: '`${x}` {"q"}\\n:{body}' } };
    const headers = signRequest(odd, BODY, 'k', { nowMs: Date.now() }).map((h) => [h.name, h.value] as [string, string]);
    const cases = [{ headers, body: BODY.toString('base64'), secret: 'k' }];
    expect(run('node', odd, cases)).toEqual([true]);
    if (hasPython) expect(run('python', odd, cases)).toEqual([true]);
  });

  it('are made for a custom provider from its spec alone', () => {
    const base = listProviders().find((p) => p.id === 'agiletune')!;
    expect(snippetFor({ ...base, id: 'acme', name: 'Acme' }, 'node')).toContain("app.post('/webhooks/acme'");
  });

  it('refuse an unknown provider by name', () => {
    expect(() => handlerSnippet('nope', 'node')).toThrow(UnknownProviderError);
  });
});
