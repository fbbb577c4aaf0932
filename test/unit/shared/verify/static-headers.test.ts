// A provider's fixed headers: `{event}` and `{body.NAME|DEFAULT}` filled in one pass, with only what a
// header can carry exactly as the body does; and custom provider files whose headers could not be sent
// are refused when loaded.
import { describe, expect, it } from 'vitest';
import { providerSpecSchema } from '../../../../shared/providers/spec.js';
import { requireProvider } from '../../../../shared/providers/registry.js';
import { providerHeaders } from '../../../../shared/verify/sign.js';

const workspace = requireProvider('workspace');
const webhookId = (body: string) => providerHeaders(workspace, 'task.created', Buffer.from(body)).find((h) => h.name === 'X-Webhook-ID')?.value;

/** Workspace's spec as a custom provider file would hold it, with other fixed headers. */
const custom = (staticHeaders: Record<string, string>) => providerSpecSchema.safeParse({ ...JSON.parse(JSON.stringify(workspace)), id: 'acme', staticHeaders });

describe('a provider\'s fixed headers', () => {
  it('take the body\'s field, or the default when it has none a header can carry as the body does', () => {
    expect(webhookId('{"webhook_id":"webhook_77"}')).toBe('webhook_77');
    expect(webhookId('{"webhook_id":42}')).toBe('42');
    expect(webhookId('{"data":{}}')).toBe('webhook_123');
    expect(webhookId('not json')).toBe('webhook_123');
    expect(webhookId('{"webhook_id":12345678901234567890}')).toBe('webhook_123'); // a number JSON cannot hold exactly
    expect(webhookId('{"webhook_id":"w\u00e9b"}')).toBe('webhook_123'); // sent as Latin-1, it would not match the body's UTF-8
    expect(webhookId('{"webhook_id":"a\\r\\nX-Injected: 1"}')).toBe('webhook_123');
  });

  it('fill in the event name as it is, without reading placeholders inside it', () => {
    const parsed = custom({ 'X-Event': '{event}', 'X-Hook': '{body.secret_token|none}' });
    if (!parsed.success) throw parsed.error;
    const spec = parsed.data;
    const headers = providerHeaders(spec, '{body.secret_token}', Buffer.from('{"secret_token":"S"}'));
    expect(headers).toEqual([
      { name: 'X-Event', value: '{body.secret_token}' },
      { name: 'X-Hook', value: 'S' },
    ]);
  });

  it('are refused in a custom provider file when they could not be sent', () => {
    expect(custom({ 'X-Acme-Hook': '{body.hook_id|default}' }).success).toBe(true);
    expect(custom({ 'Bad Name': 'x' }).success).toBe(false);
    expect(custom({ 'X-Acme': 'line\nbreak' }).success).toBe(false);
    expect(custom({ 'X-Acme': '{body.web hook|x}' }).success).toBe(false);
  });
});
