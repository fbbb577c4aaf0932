// `hookscope serve`: the receiver and the headless UI/API, on two different ports.
import type { Command } from 'commander';
import { DEFAULT_MAX_BODY, DEFAULT_MAX_WAIT_MS, DEFAULT_RECEIVER_PORT, DEFAULT_MAX_WAITING, DEFAULT_REPLAY_TIMEOUT_MS, alreadyServedError, claimServeFile, describeServingCore, findServingCore, isTunnelEngine, openCore, replaysOf, startServing, TUNNEL_ENGINES, type TunnelEngine } from '../../core/index.js';
import { startHttpBridge } from '../http-bridge.js';
import { describeReplay } from './replay.js';
import { byteSizeOption, dbFileOf, examples, intOption, UsageError, withDbOption } from '../cli-kit.js';
import { VERSION } from '../../../shared/version.js';
import type { TunnelStatus } from '../../../shared/api/tunnel.js';

export const DEFAULT_UI_PORT = 4748;

export interface ServeOptions {
  db?: string;
  receiverPort: number;
  uiPort: number;
  host: string;
  maxBody: number;
  json?: boolean;
  quiet?: boolean;
  forwardQueue: number;
  forwardMaxWait: number;
  forwardTimeout: number;
  tunnel?: string;
}

export function registerServe(program: Command): void {
  withServeOptions(program.command('serve'))
    .description('start the receiver and the headless UI (Ctrl+C stops both)')
    .addHelpText('after', examples('hookscope serve', 'hookscope serve --receiver-port 0 --ui-port 0 --json   # free ports; one JSON line with both URLs'))
    .action(serve);
}

/** serve's options; `hookscope app` takes them too, for the headless UI it falls back to. */
export function withServeOptions(cmd: Command): Command {
  return withDbOption(cmd)
    .option('--receiver-port <n>', 'port providers send webhooks to (0 = any free port)', intOption('--receiver-port', 0, 65535), DEFAULT_RECEIVER_PORT)
    .option('--ui-port <n>', 'port of the UI and control API, always on 127.0.0.1 (0 = any free port)', intOption('--ui-port', 0, 65535), DEFAULT_UI_PORT)
    .option('--host <host>', 'address the receiver binds to (the UI/API always binds 127.0.0.1)', '127.0.0.1')
    .option('--max-body <bytes>', 'largest body kept whole (e.g. 25m); larger ones get 413 and are kept truncated', byteSizeOption, DEFAULT_MAX_BODY)
    .option('--json', 'print one JSON line {receiverUrl, uiUrl, token, db} and nothing else')
    .option('--quiet', 'do not log each delivery')
    // Auto-forward's limits: a handler stopped at a breakpoint holds the forward under way, and the
    // captures behind it wait; past these they are recorded as not forwarded (replay them re-signed).
    .option('--forward-queue <n>', 'captures of one endpoint that may wait behind a forward under way', intOption('--forward-queue', 1, 100_000), DEFAULT_MAX_WAITING)
    .option('--forward-max-wait <seconds>', 'a capture that waited longer is not forwarded (providers reject old signatures)', intOption('--forward-max-wait', 1, 86_400), DEFAULT_MAX_WAIT_MS / 1000)
    .option('--forward-timeout <seconds>', 'how long a forward waits for the handler\'s answer', intOption('--forward-timeout', 1, 86_400), DEFAULT_REPLAY_TIMEOUT_MS / 1000)
    .option('--tunnel <engine>', 'also give the receiver a public URL through ngrok (NGROK_AUTHTOKEN) or cloudflared (on PATH); without it, the tunnel.engine setting decides');
}

export async function serve(opts: ServeOptions): Promise<void> {
  if (opts.receiverPort !== 0 && opts.receiverPort === opts.uiPort) {
    throw new UsageError('--receiver-port and --ui-port must differ: the control API never shares the receiver\'s port');
  }
  if (opts.tunnel !== undefined && !isTunnelEngine(opts.tunnel)) {
    throw new UsageError(`--tunnel must be ${TUNNEL_ENGINES.join(' or ')}, not ${JSON.stringify(opts.tunnel)}`);
  }
  const dbFile = dbFileOf(opts);
  // One serving core per database: a second one would receive, file and apply retention on the same data twice.
  const found = await findServingCore(dbFile);
  if (found.holder) throw alreadyServedError(found.holder, dbFile, 'or pass --db to serve another database');
  if (found.unanswered) process.stderr.write(`hookscope: ${describeServingCore(found.unanswered.record)} is recorded for ${dbFile} but ${found.unanswered.why}: serving it here\n`);
  const core = openCore({ dbFile, maxBodyBytes: opts.maxBody });
  let stopping = false;
  /** Removes this serve's record: once the core is closed, so nobody starts a second one while it files and closes. */
  let release = () => {};
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await core.close();
    release();
    process.exit(0);
  };
  // Before anything is printed: a script may signal as soon as it has read the URLs.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    const forward = { maxWaiting: opts.forwardQueue, maxWaitMs: opts.forwardMaxWait * 1000, timeoutMs: opts.forwardTimeout * 1000 };
    const tunnelFlag = opts.tunnel as TunnelEngine | undefined;
    const receiver = await startServing(core, { host: opts.host, port: opts.receiverPort }, { forward, tunnel: tunnelFlag }).catch((err) => {
      throw portError(err, '--receiver-port', opts.receiverPort);
    });
    const bridge = await startHttpBridge(core, { port: opts.uiPort }).catch((err) => {
      throw portError(err, '--ui-port', opts.uiPort);
    });
    core.onClose(() => bridge.close());
    // Issue #21: the desktop app finds this serve (and attaches to it) through this file, and a later
    // serve refuses to start beside it. Claimed, not overwritten: of two serves started at once, one serves.
    const claim = claimServeFile({ kind: 'serve', apiUrl: bridge.url, token: bridge.token, receiverUrl: receiver.url, db: dbFile }, found.unanswered?.record);
    if ('holder' in claim) throw alreadyServedError(claim.holder, dbFile, 'or pass --db to serve another database');
    release = claim.remove;
    // The tunnel asked for (the flag, else the settings) is up or has failed before anything is printed.
    const tunnelAtStart = await core.ctx.tunnel!.settled();
    const tunnel = tunnelAtStart.state === 'up' ? tunnelAtStart : null;
    if (tunnelAtStart.state === 'failed') sayNoPublicUrl(tunnelAtStart, receiver.url);
    for (const error of core.ctx.providerErrors) process.stderr.write(`hookscope: skipped provider file ${error}\n`);
    if (opts.json) {
      process.stdout.write(`${JSON.stringify({ receiverUrl: receiver.url, uiUrl: bridge.uiUrl, token: bridge.token, db: dbFile, publicUrl: tunnel?.publicUrl ?? null })}\n`);
    } else {
      process.stdout.write(
        [
          `Hookscope ${VERSION}`,
          `  Receiver  ${receiver.url}   (point your provider's webhooks here)`,
          ...(tunnel ? [publicLine(tunnel)] : []),
          `  UI        ${bridge.uiUrl}`,
          `  Database  ${dbFile}`,
          'Press Ctrl+C to stop.',
          '',
        ].join('\n'),
      );
      if (!opts.quiet) logDeliveries(core);
    }
    followTunnel(core, tunnelAtStart, receiver.url, !opts.json);
  } catch (err) {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await core.close();
    release();
    throw err;
  }
}

function logDeliveries(core: ReturnType<typeof openCore>) {
  core.ctx.events.on('delivery.received', (d) => {
    const time = d.receivedAt.slice(11, 19);
    const who = d.provider ? ` ${d.provider}${d.verification.detected ? ' (detected)' : ''}` : '';
    process.stdout.write(`${time}  #${d.id}  ${d.method} ${d.path}  ${d.size} B  ${d.verification.status}${who}  → ${d.responseStatus ?? '-'}\n`);
  });
  // Each relay's state when it changes (connected, down and why, retrying).
  const lastState = new Map<number, string>();
  core.ctx.events.on('relays.changed', ({ items }) => {
    for (const r of items) {
      const line = r.state === 'down' ? `down: ${r.error}${r.retryAt ? ` (retrying at ${r.retryAt.slice(11, 19)} UTC)` : ''}` : r.state;
      if (lastState.get(r.endpointId) === line) continue;
      lastState.set(r.endpointId, line);
      process.stdout.write(`          relay ${r.relay} → ${r.endpointPath}: ${line}\n`);
    }
  });
  // Each auto-forward: where it went, why it failed in words, and what the handler answered.
  core.ctx.events.on('replay.finished', (r) => {
    if (r.mode !== 'forward') return;
    const replay = replaysOf(core.ctx.store.db).get(r.id);
    if (replay) process.stdout.write(`          forwarded ${describeReplay(replay)}`);
  });
}

function publicLine(tunnel: TunnelStatus): string {
  return `  Public    ${tunnel.publicUrl}   (through ${tunnel.engine}: give providers this URL plus the endpoint's path)`;
}

/** A tunnel that cannot start: one line saying why; the receiver keeps running (nothing sent to it is lost). */
function sayNoPublicUrl(tunnel: TunnelStatus, receiverUrl: string): void {
  process.stderr.write(`hookscope: no public URL: ${tunnel.error}. The receiver keeps running locally at ${receiverUrl}.\n`);
}

/** Later changes (the setting changed in the UI or with `hookscope settings`): a line each; failures on stderr even with --json. */
function followTunnel(core: ReturnType<typeof openCore>, atStart: TunnelStatus, receiverUrl: string, text: boolean): void {
  let last = `${atStart.state} ${atStart.engine} ${atStart.publicUrl}`;
  core.ctx.events.on('tunnel.changed', (t) => {
    const now = `${t.state} ${t.engine} ${t.publicUrl}`;
    if (now === last || t.state === 'starting') return;
    last = now;
    if (t.state === 'failed') return sayNoPublicUrl(t, receiverUrl);
    if (!text) return;
    process.stdout.write(t.state === 'up' ? `${publicLine(t)}\n` : '  Public    none (the tunnel is off)\n');
  });
}

function portError(err: NodeJS.ErrnoException, flag: string, port: number): Error {
  if (err.code === 'EADDRINUSE') return new Error(`port ${port} is already in use: pass ${flag} with another port (or 0 for any free port)`);
  if (err.code === 'EACCES') return new Error(`no permission to listen on port ${port}: pass ${flag} with a port above 1024`);
  return err;
}
