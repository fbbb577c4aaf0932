// Issue #17: the desktop app runs the core in a host process (or attaches to a running `hookscope
// serve`). When that process dies or the service goes away, the window says so: this event drives
// the status bar's connection state ('restarting' reads as reconnecting, 'running' as live again and
// refetches, 'stopped' names why the core is gone for good).
import * as z from 'zod';
import { lazySchema } from '../lazy-schema.js';

export const hostStatusSchema = lazySchema(() => z.object({
  state: z.enum(['running', 'restarting', 'stopped']),
  /** What happened, in words (null while running normally). */
  message: z.string().nullable(),
}));
export type HostStatus = z.infer<typeof hostStatusSchema>;

export const hostEvents = {
  'host.status': hostStatusSchema,
};
