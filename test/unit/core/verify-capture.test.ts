// verifyCapture (electron/core/capture/verify.ts): the one signature check of a captured request
// against its endpoint, shared by filing and by verifying a stored delivery again.
import { describe, expect, it } from 'vitest';
import type { Endpoint } from '../../../shared/domain.js';
import { DEFAULT_RESPONSE } from '../../../electron/core/store/endpoints.js';
import { verifyCapture } from '../../../electron/core/capture/verify.js';
import { AGILETUNE, RECEIVED_AT_MS, signedRequest } from '../../fixtures/seed-signers.js';

const body = Buffer.from('{"event":"task.created"}');

function endpoint(over: Partial<Endpoint>): Endpoint {
  return {
    id: 1,
    path: '/hooks/at',
    provider: 'agiletune',
    secret: null,
    previousSecrets: [],
    response: DEFAULT_RESPONSE,
    forwardTo: null,
    relay: null,
    forwardRules: [],
    createdAt: new Date(RECEIVED_AT_MS).toISOString(),
    ...over,
  };
}

describe('verifyCapture', () => {
  it('checks with the endpoint’s current secret, and with a previous one during a rotation', () => {
    const request = { ...signedRequest(AGILETUNE, body, 'old'), receivedAtMs: RECEIVED_AT_MS };
    expect(verifyCapture(endpoint({ secret: 'new', previousSecrets: ['old'] }), request).status).toBe('valid');
    expect(verifyCapture(endpoint({ secret: 'new' }), request).status).toBe('invalid');
  });

  it('says so when the endpoint’s secrets are sealed with another machine’s key', () => {
    const request = { ...signedRequest(AGILETUNE, body, 'old'), receivedAtMs: RECEIVED_AT_MS };
    const verdict = verifyCapture(endpoint({ secretsUnreadable: true }), request);
    expect(verdict.status).toBe('no-secret');
    expect(verdict.reason).toMatch(/sealed with a key this machine does not have/);
  });

  it('turns a verifier that throws into an invalid verdict instead of throwing', () => {
    const hostile = { get name(): string { throw new Error('a header nobody can read'); }, value: 'x' };
    const verdict = verifyCapture(endpoint({ secret: 's' }), { headers: [hostile], body, receivedAtMs: RECEIVED_AT_MS, truncated: false });
    expect(verdict).toMatchObject({ status: 'invalid', provider: 'agiletune' });
    expect(verdict.reason).toMatch(/could not be checked.*a header nobody can read/);
  });
});
