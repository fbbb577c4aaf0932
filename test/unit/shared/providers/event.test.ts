// The event type a delivery carries, read by its provider's profile (the inbox's Event column).
import { describe, expect, it } from 'vitest';
import type { HeaderField } from '../../../../shared/domain.js';
import { EVENT_BODY_LIMIT, eventOf } from '../../../../shared/providers/event.js';
import { requireProvider } from '../../../../shared/providers/registry.js';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const of = (provider: string, headers: HeaderField[], body: Buffer) => eventOf(requireProvider(provider), headers, body);

describe('eventOf', () => {
  it('reads GitHub\'s event from X-GitHub-Event, whatever the header\'s case', () => {
    expect(of('github', [{ name: 'x-github-event', value: 'push' }], json({ action: 'opened' }))).toBe('push');
  });

  it('reads Shopify\'s topic header', () => {
    expect(of('shopify', [{ name: 'X-Shopify-Topic', value: 'orders/create' }], json({ id: 1 }))).toBe('orders/create');
  });

  it.each([
    ['agiletune', { event: 'task.created', data: {} }, 'task.created'],
    ['almirant', { type: 'deal.won', data: {} }, 'deal.won'],
    ['workspace', { event: 'member.joined', webhook_id: 'w' }, 'member.joined'],
    ['stripe', { type: 'invoice.paid', object: 'event' }, 'invoice.paid'],
    ['standard-webhooks', { type: 'user.created' }, 'user.created'],
    ['slack', { type: 'event_callback', event: { type: 'app_mention' } }, 'app_mention'],
  ])('reads %s\'s event from its body field', (provider, body, expected) => {
    expect(of(provider, [], json(body))).toBe(expected);
  });

  it('gives null for a provider that names its event nowhere (Aptly)', () => {
    expect(of('aptly', [], json({ event: 'looks.like.one' }))).toBeNull();
  });

  it('gives null, not an error, for invalid JSON, a non-object body, a missing field or a non-string value', () => {
    expect(of('agiletune', [], Buffer.from('{"event": "task.cr'))).toBeNull();
    expect(of('agiletune', [], json(['task.created']))).toBeNull();
    expect(of('agiletune', [], json({ data: {} }))).toBeNull();
    expect(of('agiletune', [], json({ event: { name: 'x' } }))).toBeNull();
    expect(of('slack', [], json({ event: 'not an object' }))).toBeNull();
    expect(of('agiletune', [], Buffer.from([0xff, 0xfe, 0x00]))).toBeNull();
  });

  it('does not parse bodies above the limit (filing stays cheap)', () => {
    const big = json({ event: 'task.created', pad: 'x'.repeat(EVENT_BODY_LIMIT) });
    expect(of('agiletune', [], big)).toBeNull();
    expect(of('agiletune', [], json({ event: 'task.created', pad: 'x'.repeat(1000) }))).toBe('task.created');
  });

  it('accepts leading whitespace and cuts a huge event name to a label', () => {
    expect(of('agiletune', [], Buffer.from('\n  {"event":"task.created"}'))).toBe('task.created');
    expect(of('agiletune', [], json({ event: 'e'.repeat(5000) }))?.length).toBe(200);
  });
});
