import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, exportDeliveries } from '../../../../shared/export/index.js';
import { REDACTED, redactDelivery } from '../../../../shared/export/redact.js';
import { delivery } from './fixtures.js';

const SECRET = 'sk_live_abc+123';

describe('redaction', () => {
  const original = delivery(
    Buffer.from(`{"token":"${SECRET}","other":"kept"}`),
    [
      { name: 'X-AgileTune-Signature', value: 'deadbeef' },
      { name: 'authorization', value: 'Bearer t' },
      { name: 'Cookie', value: 's=1' },
      { name: 'x-signingKey', value: 'aptly-key' },
      { name: 'X-Echo', value: `secret=${SECRET}` },
      { name: 'X-Request-Id', value: 'r1' },
    ],
    { query: `key=${encodeURIComponent(SECRET)}`, verification: { status: 'invalid', provider: 'agiletune', reason: 'mismatch', hints: [], evidence: { expected: 'cafe' } } },
  );
  const redacted = redactDelivery(original, { headerNames: ['X-AgileTune-Signature'], secrets: [SECRET, ''] });
  const value = (name: string) => redacted.headers.find((h) => h.name === name)?.value;

  it('hides signature headers, Authorization, Cookie and x-signingKey', () => {
    for (const name of ['X-AgileTune-Signature', 'authorization', 'Cookie', 'x-signingKey']) expect(value(name)).toBe(REDACTED);
  });

  it('replaces the secret wherever it appears: header values, query, body', () => {
    expect(value('X-Echo')).toBe(`secret=${REDACTED}`);
    expect(redacted.query).toBe(`key=${REDACTED}`);
    expect(redacted.bodyText).toBe(`{"token":"${REDACTED}","other":"kept"}`);
    expect(Buffer.from(redacted.bodyBase64, 'base64').toString()).toBe(redacted.bodyText);
    expect(JSON.stringify(redacted)).not.toContain(SECRET);
  });

  it('keeps everything else, and drops the expected signature from the evidence', () => {
    expect(value('X-Request-Id')).toBe('r1');
    expect(redacted.headers.map((h) => h.name)).toEqual(original.headers.map((h) => h.name));
    expect(redacted.verification.evidence).toBeUndefined();
  });

  it('replaces the secret inside a binary body too', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0x00]), Buffer.from(SECRET), Buffer.from([0x80])]);
    const out = Buffer.from(redactDelivery(delivery(bytes, []), { headerNames: [], secrets: [SECRET] }).bodyBase64, 'base64');
    expect(out.equals(Buffer.concat([Buffer.from([0xff, 0x00]), Buffer.from(REDACTED), Buffer.from([0x80])]))).toBe(true);
  });
});

describe('redaction of credentials named by convention', () => {
  const FORM = 'token=SLACKFORMTOKEN&team_id=T0001&text=hello+world&client_secret=CS1';
  const form = delivery(
    Buffer.from(FORM),
    [
      { name: 'Content-Type', value: 'application/x-www-form-urlencoded' },
      { name: 'X-Api-Key', value: 'KEY123' },
      { name: 'X-Auth-Token', value: 'AUTHTOK' },
      { name: 'X-Client-Secret', value: 'CLIENTSECRET' },
      { name: 'Proxy-Authorization', value: 'Basic cHJveHk=' },
      { name: 'Set-Cookie', value: 'sid=1' },
      { name: 'X-Hub-Signature-256', value: 'sha256=feed' },
      { name: 'X-Request-Id', value: 'r1' },
      { name: 'User-Agent', value: 'Slackbot 1.0' },
    ],
    { query: 'token=SUPERSECRETQ&page=2&api_key=AK&Signature=S1&access_token=AT&code=C0DE&password=PW&sig=SG&key=K&secret=SEC&hub.verify_token=VT&flag&note=a%20b' },
  );
  const out = redactDelivery(form, { headerNames: [], secrets: [] });
  const value = (name: string) => out.headers.find((h) => h.name === name)?.value;

  it('hides headers named like credentials: *-key, *-token, *-secret, *auth*, cookies and signatures', () => {
    for (const name of ['X-Api-Key', 'X-Auth-Token', 'X-Client-Secret', 'Proxy-Authorization', 'Set-Cookie', 'X-Hub-Signature-256']) expect(value(name), name).toBe(REDACTED);
    expect(value('X-Request-Id')).toBe('r1');
    expect(value('User-Agent')).toBe('Slackbot 1.0');
  });

  it('hides query parameters named like credentials and keeps the others byte for byte', () => {
    expect(out.query).toBe(
      `token=${REDACTED}&page=2&api_key=${REDACTED}&Signature=${REDACTED}&access_token=${REDACTED}&code=${REDACTED}&password=${REDACTED}` +
        `&sig=${REDACTED}&key=${REDACTED}&secret=${REDACTED}&hub.verify_token=${REDACTED}&flag&note=a%20b`,
    );
  });

  it('hides form-urlencoded body fields named like credentials (Slack\'s token)', () => {
    expect(out.bodyText).toBe(`token=${REDACTED}&team_id=T0001&text=hello+world&client_secret=${REDACTED}`);
    expect(Buffer.from(out.bodyBase64, 'base64').toString()).toBe(out.bodyText);
    expect(out.size).toBe(Buffer.byteLength(out.bodyText!));
  });

  it('reads a parameter name the way a server would (percent-encoded, any case)', () => {
    const encoded = redactDelivery(delivery(Buffer.from(''), [], { query: 'Api%5FKey=AK&TOKEN=T&tokens=kept' }), { headerNames: [], secrets: [] });
    expect(encoded.query).toBe(`Api%5FKey=${REDACTED}&TOKEN=${REDACTED}&tokens=kept`);
  });

  it('hides JSON body fields named like credentials, at any depth, and keeps every other byte', () => {
    const body = '{ "token":"XOXB-1", "event": {"type":"app_mention", "client_secret" : "CS", "pin": 1234, "text":"token: not a key"},\n "items":[{"api_key":null},"key"], "n": 12345678901234567890, "Code":"C0" }';
    const out = redactDelivery(delivery(Buffer.from(body), [{ name: 'Content-Type', value: 'application/json' }]), { headerNames: [], secrets: [] });
    expect(out.bodyText).toBe(
      `{ "token":"${REDACTED}", "event": {"type":"app_mention", "client_secret" : "${REDACTED}", "pin": 1234, "text":"token: not a key"},\n "items":[{"api_key":"${REDACTED}"},"key"], "n": 12345678901234567890, "Code":"${REDACTED}" }`,
    );
    expect(out.size).toBe(Buffer.byteLength(out.bodyText!));
  });

  const redactBody = (body: Buffer | string, contentType = 'application/json') =>
    redactDelivery(delivery(Buffer.from(body), [{ name: 'Content-Type', value: contentType }]), { headerNames: [], secrets: [] });

  it('reads keys as JSON does (escapes)', () => {
    expect(redactBody('{"\\u0074oken":"T","a\\"b":"x"}').bodyText).toBe(`{"\\u0074oken":"${REDACTED}","a\\"b":"x"}`);
  });

  it('hides a credential key\'s whole value, object or array, and keys spelt as JSON spells them', () => {
    const body = '{"token":["xoxb-1"],"client_secret":{"value":"CS"},"accessToken":"AT","refreshToken":"RT","apiKey":"AK","headers":{"Authorization":"Bearer B","Cookie":"sid=S"},"monkey":"kept","author":{"name":"kept"}}';
    expect(redactBody(body).bodyText).toBe(
      `{"token":"${REDACTED}","client_secret":"${REDACTED}","accessToken":"${REDACTED}","refreshToken":"${REDACTED}","apiKey":"${REDACTED}",` +
        `"headers":{"Authorization":"${REDACTED}","Cookie":"${REDACTED}"},"monkey":"kept","author":{"name":"kept"}}`,
    );
  });

  it('finds credentials in JSON that is cut short, newline-delimited, behind a byte-order mark, or not valid UTF-8', () => {
    expect(redactBody('{"token":"TR","blob":"aaaa').bodyText).toBe(`{"token":"${REDACTED}","blob":"aaaa`);
    expect(redactBody('{"token":"N1"}\n{"token":"N2"}\n').bodyText).toBe(`{"token":"${REDACTED}"}\n{"token":"${REDACTED}"}\n`);
    expect(redactBody('\ufeff{"token":"BOM"}').bodyText).toBe(`\ufeff{"token":"${REDACTED}"}`);
    const latin = redactBody(Buffer.concat([Buffer.from('{"token":"NU","name":"'), Buffer.from([0xe9]), Buffer.from('"}')]));
    expect(Buffer.from(latin.bodyBase64, 'base64')).toEqual(Buffer.concat([Buffer.from(`{"token":"${REDACTED}","name":"`), Buffer.from([0xe9]), Buffer.from('"}')]));
  });

  it('finds them in JSON sent as a form field (Slack\'s interactive payload) and in JSON sent with a form type', () => {
    const payload = encodeURIComponent('{"type":"block_actions","token":"SLACK-VERIF","user":{"id":"U1"}}');
    const out = redactBody(`payload=${payload}&x=1`, 'application/x-www-form-urlencoded');
    expect(decodeURIComponent(out.bodyText!.split('&')[0]!.slice('payload='.length))).toBe(`{"type":"block_actions","token":"${REDACTED}","user":{"id":"U1"}}`);
    expect(out.bodyText!.endsWith('&x=1')).toBe(true);
    expect(redactBody('{"token":"CTF"}', 'application/x-www-form-urlencoded').bodyText).toBe(`{"token":"${REDACTED}"}`);
  });

  it('hides fields before it replaces the secret, so a secret inside the JSON cannot hide a field from it', () => {
    const out = redactDelivery(delivery(Buffer.from('{"n":20261123,"token":"LEAK"}'), []), { headerNames: [], secrets: ['20261123'] });
    expect(out.bodyText).toBe(`{"n":${REDACTED},"token":"${REDACTED}"}`);
  });

  it('scans a hostile body in linear time', () => {
    const body = `{"${'k'.repeat(400_000)}"${' '.repeat(400_000)}:1,"token":"T"}`;
    const started = performance.now();
    expect(redactBody(body).bodyText!.endsWith(`"token":"${REDACTED}"}`)).toBe(true);
    expect(performance.now() - started).toBeLessThan(2_000); // quadratic took minutes
  });

  it('leaves a body that is not a form alone (its secrets are still replaced)', () => {
    const json = delivery(Buffer.from('token=notaform&x=1'), [{ name: 'Content-Type', value: 'text/plain' }]);
    expect(redactDelivery(json, { headerNames: [], secrets: [] }).bodyText).toBe('token=notaform&x=1');
  });
});

describe('every export format, redacted', () => {
  const LEAKS = ['SUPERSECRETQ', 'KEY123', 'AUTHTOK', 'SLACKFORMTOKEN', 'sk_live_abc+123', 'sk_live_abc%2B123', 'deadbeef', 'sessionxyz'];
  const d = delivery(
    Buffer.from('token=SLACKFORMTOKEN&team_id=T0001&echo=sk_live_abc%2B123'),
    [
      { name: 'Host', value: '127.0.0.1:4747' },
      { name: 'Content-Type', value: 'application/x-www-form-urlencoded' },
      { name: 'X-AgileTune-Signature', value: 'deadbeef' },
      { name: 'X-Api-Key', value: 'KEY123' },
      { name: 'X-Auth-Token', value: 'AUTHTOK' },
      { name: 'Cookie', value: 'session=sessionxyz' },
    ],
    { query: 'token=SUPERSECRETQ&page=2' },
  );
  const opts = {
    version: '0.0.0-test',
    redaction: () => ({ headerNames: ['X-AgileTune-Signature'], secrets: ['sk_live_abc+123'] }),
    transportHeaders: new Set(['host', 'content-length']),
  };

  it.each(EXPORT_FORMATS)('%s leaks no credential and keeps the rest', (format) => {
    const { content } = exportDeliveries([d], format, opts);
    for (const leak of LEAKS) expect(content, leak).not.toContain(leak);
    expect(content).toContain('page=2');
    expect(content).toContain('team_id=T0001');
    expect(content).toContain(REDACTED);
  });

  it.each(EXPORT_FORMATS)('%s with --to keeps the captured query redacted', (format) => {
    const { content } = exportDeliveries([d], format, { ...opts, target: 'http://127.0.0.1:3000' });
    expect(content).not.toContain('SUPERSECRETQ');
  });
});
