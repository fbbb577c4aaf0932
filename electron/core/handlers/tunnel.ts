// The receiver's tunnel (issue #21): its state in this run, for the settings view and the status bar.
import type { ApiHandlers } from '../../../shared/api/contract.js';
import type { CoreContext } from '../context.js';

type TunnelHandlers = Pick<ApiHandlers, 'tunnel.status'>;

export function tunnelHandlers(ctx: CoreContext): TunnelHandlers {
  return {
    // No receiver in this process (a CLI command): no tunnel either.
    'tunnel.status': async () => ctx.tunnel?.status() ?? { state: 'off', engine: null, publicUrl: null, error: null, source: 'settings' },
  };
}
