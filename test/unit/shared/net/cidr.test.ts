import { describe, expect, it } from 'vitest';
import { inCidr } from '../../../../shared/net/cidr.js';

describe('inCidr', () => {
  it('matches Workspace\'s documented ranges and nothing next to them', () => {
    expect(inCidr('203.0.113.7', '203.0.113.0/24')).toBe(true);
    expect(inCidr('::ffff:198.51.100.250', '198.51.100.0/24')).toBe(true);
    expect(inCidr('203.0.114.1', '203.0.113.0/24')).toBe(false);
    expect(inCidr('127.0.0.1', '203.0.113.0/24')).toBe(false);
  });

  it('refuses what is not an IPv4 address or range', () => {
    expect(inCidr('::1', '203.0.113.0/24')).toBe(false);
    expect(inCidr('203.0.113.7', '203.0.113.0/33')).toBe(false);
    expect(inCidr('203.0.113.256', '203.0.113.0/24')).toBe(false);
  });
});
