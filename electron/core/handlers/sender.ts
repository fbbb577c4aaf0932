// The mock sender's API handlers: store a batch, hand it to the core's scheduler, read runs back.
import type { ApiHandlers } from '../../../shared/api/contract.js';
import { ApiError } from '../../../shared/api/errors.js';
import type { CoreContext } from '../context.js';
import type { SendScheduler } from '../scheduler/scheduler.js';

type SenderHandlers = Pick<ApiHandlers, 'send.start' | 'sends.list' | 'sends.get' | 'send.stop'>;

/** Large enough for any batch `send.start` accepts. */
const WHOLE_BATCH = 1_000_000;

export function senderHandlers(ctx: CoreContext): SenderHandlers {
  // The sender's machinery loads on first use, so commands that never send start without it.
  const scheduler = async (): Promise<SendScheduler> => (await import('../scheduler/scheduler.js')).schedulerFor(ctx);
  return {
    'send.start': async (input) => {
      const { prepareBatch } = await import('../sender/start.js');
      const batch = prepareBatch(input, Date.now());
      const sched = await scheduler();
      const { batchId, ids } = sched.create(batch);
      for (const id of ids) ctx.events.emit('send.state', { id, batchId, status: 'scheduled' });
      const played = sched.play(batchId);
      if (input.wait) {
        const outcome = await played;
        if (outcome === 'stopped' || sched.isStopped) {
          throw new ApiError('unavailable', `the sender stopped before batch #${batchId} ended: it stays scheduled and \`hookscope serve\` resumes it`);
        }
        if (outcome === 'lost') {
          // This process stalled past its lease (sleep, a blocked event loop) and another one took over.
          throw new ApiError('conflict', `batch #${batchId} was taken over by another process (such as \`hookscope serve\`) while this one stalled: that process sends its remaining attempts`);
        }
      }
      const { items, batch: summary } = sched.repo.listBatch({ batchId, limit: WHOLE_BATCH });
      return { batchId, items, batch: summary! };
    },
    'sends.list': async (input) => {
      const sched = await scheduler();
      const repo = sched.repo;
      if (input.batchId === undefined) return { items: repo.list(input) };
      return repo.listBatch({ ...input, batchId: input.batchId });
    },
    'sends.get': async ({ id }) => {
      const detail = (await scheduler()).repo.get(id);
      if (!detail) throw new ApiError('not-found', `no send with id ${id}`);
      return detail;
    },
    'send.stop': async (sel) => {
      const sched = await scheduler();
      const repo = sched.repo;
      const ids = repo.runIds(sel.id !== undefined ? { id: sel.id } : { batchId: sel.batchId! });
      if (ids.length === 0) throw new ApiError('not-found', sel.id !== undefined ? `no send with id ${sel.id}` : `no send batch with id ${sel.batchId}`);
      const stopped = repo.endRuns(ids, 'stopped', Date.now());
      const batches = new Set<number>();
      for (const id of stopped) {
        const batchId = repo.batchOf(id)!;
        batches.add(batchId);
        ctx.events.emit('send.state', { id, batchId, status: 'stopped' });
      }
      sched.poke(batches);
      return { stopped };
    },
  };
}
