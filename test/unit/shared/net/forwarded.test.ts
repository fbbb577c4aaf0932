import { describe, expect, it } from 'vitest';
import { arrivedThrough, describeArrival } from '../../../../shared/net/forwarded.js';

const h = (pairs: Array<[string, string]>) => pairs.map(([name, value]) => ({ name, value }));

describe('arrivedThrough', () => {
  it('names Cloudflare and its connecting IP for a capture through cloudflared', () => {
    const a = arrivedThrough(h([['CF-Connecting-IP', '203.0.113.9'], ['X-Forwarded-Proto', 'https']]), '127.0.0.1');
    expect(a && describeArrival(a)).toBe('203.0.113.9 over https, through cloudflared (Cloudflare)');
  });

  it('names ngrok from its forwarded host and takes the first X-Forwarded-For hop', () => {
    const a = arrivedThrough(h([['Host', 'abc.ngrok-free.app'], ['X-Forwarded-For', '198.51.100.7, 10.0.0.1'], ['X-Forwarded-Proto', 'https']]), '::1');
    expect(a).toEqual({ via: 'ngrok', client: '198.51.100.7', proto: 'https' });
  });

  it('names the smee channel for a relayed capture', () => {
    const a = arrivedThrough(h([['x-forwarded-for', '140.82.115.1'], ['X-Hookscope-Relay', 'smee https://smee.io/abc']]), '127.0.0.1');
    expect(a).toEqual({ via: 'smee https://smee.io/abc', client: '140.82.115.1', proto: null });
  });

  it('believes no forwarding header from a connection that did not come from loopback', () => {
    expect(arrivedThrough(h([['X-Forwarded-For', '1.2.3.4']]), '192.0.2.10')).toBeNull();
  });

  it('says nothing for a direct local request', () => {
    expect(arrivedThrough(h([['Content-Type', 'application/json']]), '127.0.0.1')).toBeNull();
  });
});
