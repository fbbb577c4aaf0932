import type { ApiHandlers } from '../../../shared/api/contract.js';
import type { CoreContext } from '../context.js';

type RelayHandlers = Pick<ApiHandlers, 'relays.list'>;

export function relayHandlers(ctx: CoreContext): RelayHandlers {
  // Loaded on first use: the relays' code brings node:http and the outbound client, which commands
  // that only read (stats, deliveries) never need. Serving loads it anyway (startServing).
  return { 'relays.list': async () => ({ items: (await import('../relay/relays.js')).relayStatuses(ctx) }) };
}
