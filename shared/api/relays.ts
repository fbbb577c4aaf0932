// Relays (issue #21): the state of each endpoint's smee channel while the receiver runs, so the status
// bar can say when one is down.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema.js';
import { method } from './define.js';

export const relayStatusSchema = lazySchema(() => z.object({
  endpointId: z.number().int(),
  endpointPath: z.string(),
  /** The endpoint's relay setting, `smee:<channel URL>`. */
  relay: z.string(),
  state: z.enum(['connecting', 'connected', 'down']),
  /** Why it is down (or what the last failure was), in words; null when none. */
  error: z.string().nullable(),
  /** When the next connection attempt is due while down (ISO time), or null. */
  retryAt: z.string().nullable(),
  /** Requests relayed into captures since the receiver started. */
  received: z.number().int(),
}));
export type RelayStatus = z.infer<typeof relayStatusSchema>;

export const relayMethods = {
  'relays.list': method(() => z.object({}).strict(), () => z.object({ items: z.array(relayStatusSchema) }), { readsDeliveries: false }),
};

export const relayEvents = {
  'relays.changed': lazySchema(() => z.object({ items: z.array(relayStatusSchema) })),
};
