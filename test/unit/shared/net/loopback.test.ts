// The loopback rule (shared/net/loopback.ts): which targets Hookscope may send to without --allow-host,
// judged on the URL as `new URL` normalises it and on the addresses DNS resolves to.
import { describe, expect, it } from 'vitest';
import { checkTarget, isLoopbackAddress } from '../../../../shared/net/loopback.js';

const accepted = (target: string) => checkTarget(target).ok;

describe('checkTarget', () => {
  it('accepts the usual loopback spellings', () => {
    for (const t of ['http://localhost:3000/', 'http://LOCALHOST/', 'http://api.localhost/', 'http://127.0.0.1/', 'http://127.8.9.10/', 'http://[::1]/', 'http://[0:0:0:0:0:0:0:1]/', 'http://127.1/', 'http://2130706433/']) {
      expect(accepted(t), t).toBe(true);
    }
  });

  it('accepts IPv4-mapped loopback addresses, which the URL parser rewrites to hex (::ffff:7f00:1)', () => {
    expect(new URL('http://[::ffff:127.0.0.1]/').hostname).toBe('[::ffff:7f00:1]');
    for (const t of ['http://[::ffff:127.0.0.1]:8080/hooks', 'http://[::ffff:7f00:1]/', 'http://[::ffff:127.255.255.254]/', 'http://[0:0:0:0:0:ffff:127.0.0.1]/', 'https://[::FFFF:127.0.0.2]/']) {
      expect(accepted(t), t).toBe(true);
    }
  });

  it('refuses IPv4-mapped addresses outside 127.0.0.0/8', () => {
    for (const t of ['http://[::ffff:10.0.0.1]/', 'http://[::ffff:a00:1]/', 'http://[::ffff:128.0.0.1]/', 'http://[::ffff:0.0.0.0]/', 'http://[::ffff:192.168.1.1]/', 'http://[::ffff:126.255.255.255]/']) {
      expect(accepted(t), t).toBe(false);
    }
  });

  it('refuses look-alikes of loopback that are not loopback', () => {
    for (const t of ['http://0.0.0.0/', 'http://[::]/', 'http://[::2]/', 'http://[::127.0.0.1]/', 'http://[::ffff:0:127.0.0.1]/', 'http://[64:ff9b::127.0.0.1]/', 'http://127.0.0.1.nip.io/', 'http://localhost.evil.example/', 'http://10.0.0.1/']) {
      expect(accepted(t), t).toBe(false);
    }
  });

  it('names --allow-host when it refuses, and accepts an allowed host', () => {
    const refused = checkTarget('http://[::ffff:a00:1]/');
    expect(refused).toMatchObject({ ok: false, reason: expect.stringMatching(/--allow-host/) });
    expect(checkTarget('http://[::ffff:a00:1]/', ['[::ffff:a00:1]']).ok).toBe(true);
  });
});

describe('isLoopbackAddress (resolved addresses)', () => {
  it('accepts loopback in every family and spelling DNS may return', () => {
    for (const a of ['127.0.0.1', '127.0.1.1', '::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '[::1]']) expect(isLoopbackAddress(a), a).toBe(true);
  });

  it('refuses everything else, mapped or not', () => {
    for (const a of ['10.0.0.1', '0.0.0.0', '::', '::ffff:10.0.0.1', '::ffff:a00:1', '::ffff:8000:1', 'fe80::1', 'localhost', '']) expect(isLoopbackAddress(a), a).toBe(false);
  });
});
