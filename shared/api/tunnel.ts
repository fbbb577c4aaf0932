// The receiver's tunnel (issue #21): which engine gives it a public URL, and whether that worked, so
// the status bar and the settings can say so while the receiver keeps running locally either way.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema.js';
import { TUNNEL_ENGINES } from '../settings.js';
import { method } from './define.js';

export const tunnelStatusSchema = lazySchema(() => z.object({
  /** off: no tunnel asked for; starting; up: publicUrl answers; failed: error says why and what to do. */
  state: z.enum(['off', 'starting', 'up', 'failed']),
  engine: z.enum(TUNNEL_ENGINES).nullable(),
  publicUrl: z.string().nullable(),
  /** One line saying why the tunnel is not up (engine missing, no token, unreachable), or null. */
  error: z.string().nullable(),
  /** Where the choice comes from: `serve --tunnel` (the setting waits for the next run) or the settings. */
  source: z.enum(['flag', 'settings']),
}));
export type TunnelStatus = z.infer<typeof tunnelStatusSchema>;

export const tunnelMethods = {
  /** The tunnel's state in this run (off when no receiver runs here). */
  'tunnel.status': method(() => z.object({}).strict(), () => tunnelStatusSchema, { readsDeliveries: false }),
};

export const tunnelEvents = {
  /** The tunnel started, stopped, switched engine or failed. */
  'tunnel.changed': tunnelStatusSchema,
};
