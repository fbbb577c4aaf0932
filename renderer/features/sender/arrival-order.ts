// Which runs of a batch arrived early: before some event that occurred earlier had arrived. Runs come
// in delivery order, each with its event's position in the order the events occurred (`occurredSeq`,
// 0..events-1, a duplicate sharing its original's); a prefix of a batch gives the right answer for the
// runs it holds, since anything missing from it arrives later still.
import type { SendRun } from '../../../shared/api/sender.js';

/** Ids of the runs whose event overtook an earlier one; runs without an occurredSeq are never early. */
export function earlyArrivals(runs: readonly Pick<SendRun, 'id' | 'occurredSeq'>[]): Set<number> {
  const early = new Set<number>();
  const arrived = new Set<number>();
  // The earliest-occurring event not delivered yet.
  let awaited = 0;
  for (const run of runs) {
    const occurred = run.occurredSeq;
    if (occurred === null || occurred === undefined) continue;
    if (occurred > awaited) early.add(run.id);
    arrived.add(occurred);
    while (arrived.has(awaited)) awaited++;
  }
  return early;
}
