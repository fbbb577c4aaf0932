// A send aimed at this Hookscope's receiver: which endpoint it lands on (its secret signs the send).
import { describe, expect, it } from 'vitest';
import { receiverEndpoint, receiverTarget } from '../../../renderer/lib/receiver-target.js';

const RECEIVER = 'http://127.0.0.1:4747';
const endpoints = [{ path: '/hooks' }, { path: '/hooks/agiletune' }, { path: '/other' }];

describe('receiverTarget', () => {
  it('recognises the receiver under any loopback spelling on the same port', () => {
    expect(receiverTarget('http://localhost:4747/x', RECEIVER)).not.toBeNull();
    expect(receiverTarget('http://127.0.0.1:4747/x', RECEIVER)).not.toBeNull();
    expect(receiverTarget('http://[::1]:4747/x', RECEIVER)).not.toBeNull();
  });

  it('does not take another port, another scheme, another host or a broken URL for the receiver', () => {
    expect(receiverTarget('http://127.0.0.1:3000/x', RECEIVER)).toBeNull();
    expect(receiverTarget('https://127.0.0.1:4747/x', RECEIVER)).toBeNull();
    expect(receiverTarget('http://example.com:4747/x', RECEIVER)).toBeNull();
    expect(receiverTarget('not a url', RECEIVER)).toBeNull();
    expect(receiverTarget('http://127.0.0.1:4747/x', null)).toBeNull();
  });
});

describe('receiverEndpoint', () => {
  it('picks the longest prefix on a segment boundary, as the receiver does', () => {
    expect(receiverEndpoint('http://127.0.0.1:4747/hooks/agiletune/tasks', RECEIVER, endpoints)?.path).toBe('/hooks/agiletune');
    expect(receiverEndpoint('http://localhost:4747/hooks/agiletunes', RECEIVER, endpoints)?.path).toBe('/hooks');
    expect(receiverEndpoint('http://127.0.0.1:4747/nothing', RECEIVER, endpoints)).toBeUndefined();
  });

  it('gives nothing for a target elsewhere, even on a matching path', () => {
    expect(receiverEndpoint('http://127.0.0.1:3000/hooks/agiletune', RECEIVER, endpoints)).toBeUndefined();
  });
});
