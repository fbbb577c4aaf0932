// Each seed provider's retry policy as the sender plays it, checked against its document.
import { describe, expect, it } from 'vitest';
import { getProvider } from '../../../shared/providers/registry.js';
import { afterFailure, playedOffsetsMs, resolvePlan, PlanError } from '../../../electron/core/sender/plan.js';

const MIN = 60_000;
const H = 60 * MIN;
const policy = (id: string) => getProvider(id)!.retry;

describe('retry plans', () => {
  it('AgileTune: six attempts at 0, 1 m, 6 m, 36 m, 2 h 36 m and 14 h 36 m, then failing', () => {
    const plan = resolvePlan(policy('agiletune'), {}, 'virtual');
    expect(playedOffsetsMs(plan)).toEqual([0, 1 * MIN, 6 * MIN, 36 * MIN, 2 * H + 36 * MIN, 14 * H + 36 * MIN]);
    expect(afterFailure(plan, 6)).toEqual({ kind: 'end', status: 'failing' });
    expect(plan).toMatchObject({ timeoutMs: 30_000, success: 'any-2xx' });
  });

  it('Almirant: five attempts, at once then +1 m, +5 m, +30 m, +2 h, then failed; HTTPS only', () => {
    const plan = resolvePlan(policy('almirant'), {}, 'real');
    expect(playedOffsetsMs(plan)).toEqual([0, 1 * MIN, 6 * MIN, 36 * MIN, 2 * H + 36 * MIN]);
    expect(afterFailure(plan, 5)).toEqual({ kind: 'end', status: 'failed' });
    expect(plan).toMatchObject({ timeoutMs: 10_000, success: 'below-400', httpsOnlyExceptLoopback: true });
  });

  it('Workspace: four attempts at 0, 1 m, 6 m, 36 m, then disabled', () => {
    const plan = resolvePlan(policy('workspace'), {}, 'real');
    expect(playedOffsetsMs(plan)).toEqual([0, 1 * MIN, 6 * MIN, 36 * MIN]);
    expect(afterFailure(plan, 4)).toEqual({ kind: 'end', status: 'disabled' });
    expect(plan.success).toBe('exactly-200');
  });

  it('Aptly: every 60 s without end under the real clock, in order, only 200 succeeding', () => {
    const plan = resolvePlan(policy('aptly'), {}, 'real');
    expect(plan).toMatchObject({ maxAttempts: null, repeatEveryMs: 60_000, inOrder: true, success: 'exactly-200', timeoutMs: 60_000 });
    expect(afterFailure(plan, 1000)).toEqual({ kind: 'retry', delayMs: 60_000 });
  });

  it('Aptly: capped at 10 attempts under the virtual clock, ending still retrying', () => {
    const plan = resolvePlan(policy('aptly'), {}, 'virtual');
    expect(playedOffsetsMs(plan)).toEqual(Array.from({ length: 10 }, (_, i) => i * MIN));
    expect(afterFailure(plan, 10)).toEqual({ kind: 'end', status: 'retrying' });
  });

  it('takes the user’s interval, cap, timeout and ordering over the defaults', () => {
    const plan = resolvePlan(policy('aptly'), { retryEveryMs: 5_000, maxAttempts: 3, timeoutMs: 100, inOrder: false }, 'scaled');
    expect(playedOffsetsMs(plan)).toEqual([0, 5_000, 10_000]);
    expect(plan).toMatchObject({ timeoutMs: 100, inOrder: false });
  });

  it('reports a finite schedule cut short by a cap as still retrying', () => {
    const plan = resolvePlan(policy('agiletune'), { maxAttempts: 2 }, 'virtual');
    expect(afterFailure(plan, 2)).toEqual({ kind: 'end', status: 'retrying' });
  });

  it('refuses a retry interval for a provider that documents its schedule', () => {
    expect(() => resolvePlan(policy('agiletune'), { retryEveryMs: 1_000 }, 'virtual')).toThrow(PlanError);
  });

  it('--retry-reading document-count plays each document\'s stated count, and --success another rule', () => {
    const played = (id: string) => playedOffsetsMs(resolvePlan(policy(id), { retryReading: 'document-count' }, 'virtual'));
    expect(played('agiletune')).toEqual([0, 1 * MIN, 6 * MIN, 36 * MIN, 2 * H + 36 * MIN]);
    expect(played('workspace')).toEqual([0, 1 * MIN, 6 * MIN]);
    expect(played('almirant')).toEqual([0, 0, 1 * MIN, 6 * MIN, 36 * MIN, 2 * H + 36 * MIN]);
    expect(() => resolvePlan(policy('aptly'), { retryReading: 'document-count' }, 'virtual')).toThrow(PlanError);
    expect(resolvePlan(policy('almirant'), { success: 'any-2xx' }, 'virtual').success).toBe('any-2xx');
  });
});
