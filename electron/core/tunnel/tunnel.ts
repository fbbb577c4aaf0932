// A public URL for the receiver through an existing tunnel engine (issue #21): ngrok through its
// official Node package, cloudflared by running its binary (a quick tunnel). Hookscope builds no relay
// of its own. A tunnel that cannot start is one line saying what to do; the caller keeps the receiver
// running locally, so a missing engine never costs a capture. keeper.ts decides which engine runs.
import { TUNNEL_ENGINES, type TunnelEngine } from '../../../shared/settings.js';
import { startCloudflared } from './cloudflared.js';
import { startNgrok } from './ngrok.js';

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

export function isTunnelEngine(name: string): name is TunnelEngine {
  return (TUNNEL_ENGINES as readonly string[]).includes(name);
}

/** Starts `engine` towards the receiver at `receiverUrl` (a loopback URL). */
export function startTunnel(engine: TunnelEngine, receiverUrl: string, opts: TunnelOptions = {}): Promise<Tunnel> {
  return engine === 'ngrok' ? startNgrok(receiverUrl, opts) : startCloudflared(receiverUrl, opts);
}
