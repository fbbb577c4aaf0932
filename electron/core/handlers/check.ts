// The handler check's API handler: plan the suite (refusing a bad request before anything is sent),
// then play it, answering at once with the run's id or, with `wait`, with the whole report.
import type { ApiHandlers } from '../../../shared/api/contract.js';
import type { CoreContext } from '../context.js';
import { SendRepo } from '../store/sends.js';

type CheckHandlers = Pick<ApiHandlers, 'check.run'>;

export function checkHandlers(ctx: CoreContext): CheckHandlers {
  return {
    'check.run': async ({ wait, ...input }) => {
      // The check plays the sender's machinery: loaded on first use, as the sender's handlers do.
      const { prepareCheck, runCheck } = await import('../check/runner.js');
      const prepared = prepareCheck(input, Date.now());
      const running = runCheck(prepared, { repo: new SendRepo(ctx.store.db), events: ctx.events });
      if (!wait) {
        running.catch((err: unknown) => console.error('hookscope: check failed:', err));
        return { runId: prepared.runId, report: null };
      }
      return { runId: prepared.runId, report: await running };
    },
  };
}
