// What a tunnel engine is, what a running tunnel gives, and how one fails to start: shared by the
// engines (ngrok.ts, cloudflared.ts) and by tunnel.ts, which picks one. The engines' names live with
// the settings (shared/settings.ts), since `tunnel.engine` is a setting.
import type { TunnelStatus } from '../../../shared/api/tunnel.js';
import { TUNNEL_ENGINES, type TunnelEngine } from '../../../shared/settings.js';

export { TUNNEL_ENGINES, type TunnelEngine };

export interface Tunnel {
  engine: TunnelEngine;
  /** The https URL the internet reaches the receiver at; endpoint paths go after it. */
  publicUrl: string;
  close(): Promise<void>;
}

/** Why a tunnel did not start, in one line that says what to do. */
export class TunnelError extends Error {
  constructor(
    readonly engine: TunnelEngine,
    message: string,
  ) {
    super(message);
    this.name = 'TunnelError';
  }
}

export interface TunnelOptions {
  /** How long to wait for the engine's public URL. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** ngrok's authtoken from the settings; NGROK_AUTHTOKEN in `env` wins over it. */
  authtoken?: string | null;
  /** Gives up a start under way (the choice changed, or the core is closing): it rejects, leaving nothing running. */
  signal?: AbortSignal;
}

/** The message a start given up through its signal rejects with. */
export const TUNNEL_START_ABORTED = 'tunnel start given up';

/** The receiver's tunnel while serving, kept as the flag or the settings ask (keeper.ts). */
export interface TunnelKeeper {
  status(): TunnelStatus;
  /** Resolves once the tunnel asked for so far is up, off or failed (serve prints publicUrl after it). */
  settled(): Promise<TunnelStatus>;
  stop(): Promise<void>;
}
