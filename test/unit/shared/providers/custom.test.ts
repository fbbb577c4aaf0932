// Custom providers from JSON or YAML files: the same schema as the built-ins, and errors that name
// the file, the field and the problem.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { ProviderFileError, parseProviderFile } from '../../../../shared/providers/custom.js';
import { listProviders, registerProvider, verifyWithProfile } from '../../../../shared/providers/registry.js';
import { signRequest } from '../../../../shared/verify/sign.js';
import { verifyRequest } from '../../../../shared/verify/verify.js';

const minimal = {
  id: 'acme',
  name: 'Acme',
  signature: { kind: 'hmac', header: 'X-Acme-Signature', algorithm: 'sha256', encoding: 'hex' },
  detectHeaders: ['X-Acme-Signature'],
  retry: { timeoutMs: 10000, success: 'any-2xx', retryDelaysMs: [60000], finalState: 'failed' },
};
const withChange = (change: (spec: Record<string, unknown> & typeof minimal) => void) => {
  const copy = structuredClone(minimal) as Record<string, unknown> & typeof minimal;
  change(copy);
  return JSON.stringify(copy);
};
const errorOf = (text: string, fileName = 'providers/acme.json') => {
  try {
    parseProviderFile(text, fileName);
  } catch (error) {
    return error as ProviderFileError;
  }
  throw new Error('expected the file to be rejected');
};

describe('parseProviderFile', () => {
  it('reads a JSON provider and fills in the defaults', () => {
    const spec = parseProviderFile(JSON.stringify(minimal), 'providers/acme.json');
    expect(spec.signature).toMatchObject({ kind: 'hmac', format: 'plain', prefix: '', signedPayload: '{body}', secretEncoding: 'utf8' });
    expect(spec.events).toEqual([]);
  });

  it('reads the same provider from YAML', () => {
    expect(parseProviderFile(toYaml(minimal), 'providers/acme.yaml')).toEqual(parseProviderFile(JSON.stringify(minimal), 'acme.json'));
  });

  it('reads the example file, which verifies what it signs', () => {
    const text = readFileSync(new URL('../../../../examples/providers/acme.yaml', import.meta.url), 'utf8');
    const spec = parseProviderFile(text, 'examples/providers/acme.yaml');
    const body = Buffer.from(JSON.stringify(spec.events[0]?.sample));
    const headers = signRequest(spec, body, 'acme-secret', { nowMs: Date.now() });
    expect(headers).toContainEqual({ name: 'X-Acme-Signature', value: expect.stringMatching(/^sha256=[0-9a-f]{64}$/) });
    expect(verifyRequest(spec, { headers, body, receivedAtMs: Date.now() }, { secrets: ['acme-secret'] }).status).toBe('valid');
  });

  it('names the field and the allowed values for a wrong enum', () => {
    const error = errorOf(withChange((s) => (s.signature.algorithm = 'md5')), 'providers/acme.yaml');
    expect(error.message).toBe('providers/acme.yaml: signature.algorithm: expected one of sha1|sha256|sha512');
  });

  it('names an unknown signature kind', () => {
    expect(errorOf(withChange((s) => (s.signature.kind = 'rsa'))).message).toBe('providers/acme.json: signature.kind: expected one of static-key|hmac');
  });

  it('names a missing required field', () => {
    expect(errorOf(withChange((s) => delete (s as Partial<typeof minimal>).retry)).message).toBe('providers/acme.json: retry: required');
  });

  it('names a field of the wrong type, with what was given', () => {
    const error = errorOf(withChange((s) => ((s.retry as Record<string, unknown>).timeoutMs = '10s')));
    expect(error.message).toBe('providers/acme.json: retry.timeoutMs: expected a number, got string "10s"');
  });

  it('names a field inside a list by its index', () => {
    const error = errorOf(withChange((s) => (s.events = [{ name: 'a', sample: {} }, { name: '', sample: {} }])));
    expect(error.message).toBe('providers/acme.json: events[1].name: must not be empty');
  });

  it('rejects an unknown (misspelt) field instead of dropping it', () => {
    const error = errorOf(withChange((s) => ((s.signature as Record<string, unknown>).toleranceSecs = 300)));
    expect(error.message).toMatch(/^providers\/acme\.json: signature\.toleranceSecs: unknown field \(known: kind, header, .*toleranceSec/);
  });

  it('lists every problem on one line', () => {
    const error = errorOf(withChange((s) => {
      s.signature.encoding = 'base32';
      s.detectHeaders = [];
    }));
    expect(error.message).toBe('providers/acme.json: signature.encoding: expected one of hex|base64; detectHeaders: must have at least 1 entry');
    expect(error.issues).toHaveLength(2);
    expect(error.code).toBe('invalid-provider-file');
  });

  it('reports a JSON syntax error with the file name', () => {
    expect(errorOf('{"id": "acme",}').message).toMatch(/^providers\/acme\.json: not valid JSON/);
  });

  it('reports a YAML syntax error with its line', () => {
    expect(errorOf('id: acme\nname: [unclosed\n', 'providers/acme.yml').message).toMatch(/^providers\/acme\.yml: not valid YAML \(line \d+, column \d+: /);
  });

  it('rejects a file that is not an object', () => {
    expect(errorOf('- 1\n- 2\n', 'providers/acme.yaml').message).toBe('providers/acme.yaml: expected an object, got a list');
  });

  it('rejects an invalid header name', () => {
    expect(errorOf(withChange((s) => (s.detectHeaders = ['X Acme']))).message).toBe('providers/acme.json: detectHeaders[0]: must be a valid HTTP header name');
  });

  it('reads every built-in provider written out as YAML back to the same spec', () => {
    for (const spec of listProviders()) {
      expect(parseProviderFile(toYaml(spec), `${spec.id}.yaml`), spec.id).toEqual(spec);
    }
  });

  it('gives a provider that, once registered, is detected and verified like a built-in one', () => {
    const spec = registerProvider(parseProviderFile(JSON.stringify(minimal), 'acme.json'));
    const body = Buffer.from('{"type":"order.paid"}');
    const headers = signRequest(spec, body, 'acme-secret', { nowMs: Date.now() });
    expect(verifyWithProfile(null, { headers, body, receivedAtMs: Date.now() }, ['acme-secret'])).toMatchObject({ status: 'valid', provider: 'acme', detected: true });
  });
});
