// Time labels on the Sender's log-scaled timeline.
import { describe, expect, it } from 'vitest';
import { axisTicks, timelinePosition } from '../../../renderer/lib/schedule.js';

describe('axisTicks', () => {
  it('labels round times up to the last attempt (AgileTune: 14 h 36 min)', () => {
    const max = (14 * 60 + 36) * 60_000;
    expect(axisTicks(max).map((t) => t.label)).toEqual(['0', '10 s', '1 min', '10 min', '1 h', '6 h']);
  });

  it('places each label where an attempt at that time is drawn', () => {
    const max = 3_600_000;
    for (const t of axisTicks(max)) expect(t.position).toBeCloseTo(timelinePosition(t.offsetMs, max));
  });

  it('leaves out labels that would crowd the one before', () => {
    const ticks = axisTicks(30 * 24 * 3_600_000);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]!.position - ticks[i - 1]!.position).toBeGreaterThanOrEqual(0.08);
  });

  it('gives just the start for a schedule that ends at once', () => {
    expect(axisTicks(0).map((t) => t.label)).toEqual(['0']);
  });
});
