// A public URL for the receiver through an existing tunnel engine (issue #21): ngrok through its
// official Node package, cloudflared by running its binary (a quick tunnel). Hookscope builds no relay
// of its own. A tunnel that cannot start is one line saying what to do; the caller keeps the receiver
// running locally, so a missing engine never costs a capture.
import { TUNNEL_ENGINES, type Tunnel, type TunnelEngine, type TunnelOptions } from './engine.js';

export { TUNNEL_ENGINES, TunnelError, type Tunnel, type TunnelEngine, type TunnelOptions } from './engine.js';

export function isTunnelEngine(name: string): name is TunnelEngine {
  return (TUNNEL_ENGINES as readonly string[]).includes(name);
}

/** Starts `engine` towards the receiver at `receiverUrl` (a loopback URL); the engine is loaded only then. */
export async function startTunnel(engine: TunnelEngine, receiverUrl: string, opts: TunnelOptions = {}): Promise<Tunnel> {
  if (engine === 'ngrok') return (await import('./ngrok.js')).startNgrok(receiverUrl, opts);
  return (await import('./cloudflared.js')).startCloudflared(receiverUrl, opts);
}
