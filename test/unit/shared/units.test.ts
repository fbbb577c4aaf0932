import { describe, expect, it } from 'vitest';
import { formatBytes, parseByteSize, parseDuration } from '../../../shared/units.js';
import { retentionRules, SETTINGS } from '../../../shared/settings.js';

describe('sizes and durations as people write them', () => {
  it('reads sizes with binary units, with or without B/iB, and refuses anything else', () => {
    expect(parseByteSize('1048576')).toBe(1048576);
    expect(parseByteSize('512k')).toBe(512 * 1024);
    expect(parseByteSize('25MiB')).toBe(25 * 1024 ** 2);
    expect(parseByteSize('2GB')).toBe(2 * 1024 ** 3);
    expect(parseByteSize(' 1.5 g ')).toBe(1.5 * 1024 ** 3);
    for (const bad of ['', 'GB', '-1', '2 gigabytes', '1e9']) expect(parseByteSize(bad)).toBeNull();
  });

  it('reads durations with a unit, and refuses a bare number', () => {
    expect(parseDuration('30d')).toBe(30 * 86_400_000);
    expect(parseDuration('12h')).toBe(12 * 3_600_000);
    expect(parseDuration('90m')).toBe(90 * 60_000);
    expect(parseDuration('2W')).toBe(14 * 86_400_000);
    for (const bad of ['30', 'd', '30 days', '']) expect(parseDuration(bad)).toBeNull();
  });

  it('formats sizes up to gigabytes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(3.4 * 1024 ** 2)).toBe('3.4 MB');
    expect(formatBytes(1.2 * 1024 ** 3)).toBe('1.20 GB');
  });
});

describe('retention settings', () => {
  it('normalizes what they store and turns it into rules', () => {
    expect(SETTINGS['retention.maxBytes'].normalize('2 gb')).toEqual({ value: '2GB' });
    expect(SETTINGS['retention.keep'].normalize('1.5')).toHaveProperty('error');
    expect(retentionRules({ 'retention.keep': '100000', 'retention.maxAge': '30d', 'retention.maxBytes': '2GB' })).toEqual({
      keep: 100000,
      maxAgeMs: 30 * 86_400_000,
      maxBytes: 2 * 1024 ** 3,
    });
    expect(retentionRules({})).toEqual({});
  });
});
