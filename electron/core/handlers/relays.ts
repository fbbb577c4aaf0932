import type { ApiHandlers } from '../../../shared/api/contract.js';
import type { CoreContext } from '../context.js';
import { relayStatuses } from '../relay/relays.js';

type RelayHandlers = Pick<ApiHandlers, 'relays.list'>;

export function relayHandlers(ctx: CoreContext): RelayHandlers {
  return { 'relays.list': async () => ({ items: relayStatuses(ctx) }) };
}
