// What a tunnel engine is, what a running tunnel gives, and how one fails to start: shared by the
// engines (ngrok.ts, cloudflared.ts) and by tunnel.ts, which picks one.
export const TUNNEL_ENGINES = ['ngrok', 'cloudflared'] as const;
export type TunnelEngine = (typeof TUNNEL_ENGINES)[number];

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
}
