// Big batches: `send.start` refuses more deliveries than a batch may hold before storing anything
// (it used to store and start them, then fail reading them back), and a batch with more runs than
// SQLite binds in one statement (one stored before the cap) still reads back whole.
import { describe, expect, it } from 'vitest';
import { prepareBatch } from '../../../electron/core/sender/start.js';
import { SendRepo } from '../../../electron/core/store/sends.js';
import { sendStartSchema } from '../../../shared/api/sender.js';
import { refusingUrl } from './support/handler.js';
import { useSenderFixture } from './support/fixture.js';

const fx = useSenderFixture();

describe('batch size', () => {
  it('refuses more than 10,000 deliveries, duplicates included, as bad input, storing nothing', async () => {
    const to = await refusingUrl();
    await expect(fx.sender.start({ provider: 'agiletune', count: 10_000, duplicates: 3, to, clock: { kind: 'real' } })).rejects.toMatchObject({
      code: 'bad-input',
      message: expect.stringMatching(/at most 10,000 deliveries, duplicates included.*up to 40,000/),
    });
    const stored = fx.sender.core.ctx.store.db.prepare('SELECT COUNT(*) AS n FROM sends').get() as { n: number };
    expect(stored.n).toBe(0);
  });

  it('reads back every run of a batch larger than one statement can bind, with its attempts', () => {
    const db = fx.sender.core.ctx.store.db;
    const repo = new SendRepo(db);
    const one = prepareBatch(sendStartSchema.parse({ provider: 'agiletune', events: ['task.created'], to: 'http://127.0.0.1:9/', clock: { kind: 'real' } }), Date.now());
    const runs = Array.from({ length: 33_000 }, (_, seq) => ({ ...one.runs[0]!, seq }));
    // Owned by a holder nobody plays for, so the rows stay as stored.
    const holder = { owner: 'test:nobody', leaseUntil: Date.now() + 60_000 };
    const { batchId, ids } = repo.createBatch({ ...one, runs }, holder);
    const last = ids[ids.length - 1]!;
    const attempt = { n: 1, offsetMs: 0, sentAtMs: Date.now(), status: 500, durationMs: 1, error: 'status 500', errorMessage: null, requestHeaders: [], response: null };
    expect(repo.recordAttempt(last, holder.owner, attempt, { status: 'failing', nextOffsetMs: null, atMs: Date.now() })).toBe('failing');

    const listed = repo.list({ batchId, limit: 1_000_000 });
    expect(listed).toHaveLength(33_000);
    expect(listed[listed.length - 1]).toMatchObject({ id: last, status: 'failing', attempts: [{ n: 1, status: 500, error: 'status 500' }] });
    expect(listed.filter((r) => r.attempts.length > 0)).toHaveLength(1);
  });
});
