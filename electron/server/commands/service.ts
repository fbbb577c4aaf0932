// `hookscope service install|uninstall|status`: the receiver as a per-user background service, so
// captures and forwards go on while the app is closed (issue #21 item 7). install writes the systemd
// user unit or launchd agent and prints the one or two commands that start it: starting a background
// service is left to the user's own command, never done behind their back.
import fs from 'node:fs';
import net from 'node:net';
import type { Command } from 'commander';
import { isTunnelEngine, TUNNEL_ENGINES } from '../../core/index.js';
import { dbFileOf, intOption, printJson, UsageError, withDbOption, type DbOption, examples } from '../cli-kit.js';
import { servicePlan, type ServiceSpec } from '../service/service-files.js';
import { DEFAULT_RECEIVER_PORT } from '../../core/index.js';
import { DEFAULT_UI_PORT } from './serve.js';

interface InstallFlags extends DbOption {
  receiverPort: number;
  uiPort: number;
  tunnel?: string;
}

const WINDOWS = 'hookscope service is for Linux (systemd) and macOS (launchd); on Windows, run `hookscope serve` at logon from Task Scheduler (schtasks /create /sc onlogon /tn Hookscope /tr "hookscope serve")';

export function registerService(program: Command): void {
  const service = program
    .command('service')
    .description('run the receiver as a per-user background service (systemd user unit / launchd agent)')
    .addHelpText('after', examples('hookscope service install', 'hookscope service status'));
  withDbOption(service.command('install'))
    .description('write the service file and print the command that starts it')
    .addHelpText('after', examples('hookscope service install'))
    .option('--receiver-port <n>', 'receiver port the service listens on', intOption('--receiver-port', 1, 65535), DEFAULT_RECEIVER_PORT)
    .option('--ui-port <n>', 'UI/API port', intOption('--ui-port', 1, 65535), DEFAULT_UI_PORT)
    .option('--tunnel <engine>', 'also keep a tunnel open (ngrok or cloudflared)')
    .action((flags: InstallFlags) => {
      if (flags.tunnel !== undefined && !isTunnelEngine(flags.tunnel)) throw new UsageError(`--tunnel must be ${TUNNEL_ENGINES.join(' or ')}, not ${JSON.stringify(flags.tunnel)}`);
      const plan = planFor(flags);
      fs.mkdirSync(pathDir(plan.file), { recursive: true });
      // 0600: the file may hold NGROK_AUTHTOKEN.
      fs.writeFileSync(plan.file, plan.content, { mode: 0o600 });
      process.stdout.write([`installed ${plan.file}`, 'start it (and at every login) with:', ...plan.start.map((c) => `  ${c}`), ''].join('\n'));
    });
  withDbOption(service.command('uninstall'))
    .description('remove the service file (stop the service first with the printed command)')
    .addHelpText('after', examples('hookscope service uninstall'))
    .action((flags: DbOption) => {
      const plan = planFor({ ...flags, receiverPort: DEFAULT_RECEIVER_PORT, uiPort: DEFAULT_UI_PORT });
      if (!fs.existsSync(plan.file)) return void process.stdout.write(`not installed (no ${plan.file})\n`);
      fs.rmSync(plan.file);
      process.stdout.write([`removed ${plan.file}`, 'if it is running, stop it with:', ...plan.stop.map((c) => `  ${c}`), ''].join('\n'));
    });
  withDbOption(service.command('status'))
    .description('is the service installed, and does its receiver answer')
    .addHelpText('after', examples('hookscope service status'))
    .option('--json', 'print {platform, installed, file, receiverPort, running}')
    .action(async (flags: DbOption & { json?: boolean }) => {
      const plan = planFor({ ...flags, receiverPort: DEFAULT_RECEIVER_PORT, uiPort: DEFAULT_UI_PORT });
      const installed = fs.existsSync(plan.file);
      const receiverPort = installed ? portIn(fs.readFileSync(plan.file, 'utf8')) : null;
      const running = receiverPort !== null && (await listening(receiverPort));
      if (flags.json) return printJson({ platform: plan.platform, installed, file: plan.file, receiverPort, running });
      if (!installed) return void process.stdout.write(`not installed (hookscope service install writes ${plan.file})\n`);
      process.stdout.write(`installed: ${plan.file}\nreceiver on 127.0.0.1:${receiverPort}: ${running ? 'answering' : `not answering (start it: ${plan.start.at(-1)})`}\n`);
    });
}

function planFor(flags: InstallFlags) {
  const spec: ServiceSpec = {
    command: [process.execPath, ...process.execArgv, process.argv[1]!],
    db: dbFileOf(flags),
    receiverPort: flags.receiverPort,
    uiPort: flags.uiPort,
    ...(flags.tunnel ? { tunnel: flags.tunnel } : {}),
    ...(flags.tunnel === 'ngrok' && process.env.NGROK_AUTHTOKEN ? { env: { NGROK_AUTHTOKEN: process.env.NGROK_AUTHTOKEN } } : {}),
  };
  const plan = servicePlan(process.platform, spec);
  if (!plan) throw new Error(WINDOWS);
  return plan;
}

function pathDir(file: string): string {
  return file.slice(0, Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')));
}

/** The receiver port written in a service file. */
function portIn(content: string): number | null {
  const match = /--receiver-port"?\s*(?:<\/string>\s*<string>)?"?(\d+)/.exec(content);
  return match ? Number(match[1]) : null;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, timeout: 500 });
    const end = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => end(true));
    socket.once('timeout', () => end(false));
    socket.once('error', () => end(false));
  });
}
