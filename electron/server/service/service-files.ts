// The per-user background service that keeps the receiver running while the app is closed (issue #21
// item 7): a systemd user unit on Linux, a launchd agent on macOS. Pure: the file's text from the
// command line to run, so what gets installed is tested exactly. The service runs `hookscope serve`
// with fixed ports (the app and providers need a stable URL) and restarts it if it stops.
import os from 'node:os';
import path from 'node:path';

export interface ServiceSpec {
  /** The command that runs `hookscope` (node, its flags, the CLI script), without arguments. */
  command: string[];
  db: string;
  receiverPort: number;
  uiPort: number;
  tunnel?: string;
  /** Environment the service needs (NGROK_AUTHTOKEN for an ngrok tunnel). */
  env?: Record<string, string>;
}

export const SYSTEMD_UNIT_NAME = 'hookscope.service';
export const LAUNCHD_LABEL = 'dev.hookscope.receiver';

export function serveArgs(spec: ServiceSpec): string[] {
  return [
    ...spec.command,
    'serve',
    '--db', spec.db,
    '--receiver-port', String(spec.receiverPort),
    '--ui-port', String(spec.uiPort),
    '--quiet',
    ...(spec.tunnel ? ['--tunnel', spec.tunnel] : []),
  ];
}

/** systemd quotes: every argument in double quotes, with `\`, `"`, `$` and `%` escaped. */
function systemdQuote(arg: string): string {
  return `"${arg.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$/g, '$$$$').replace(/%/g, '%%')}"`;
}

export function systemdUnit(spec: ServiceSpec): string {
  const env = Object.entries(spec.env ?? {}).map(([k, v]) => `Environment=${systemdQuote(`${k}=${v}`)}`);
  return [
    '[Unit]',
    'Description=Hookscope webhook receiver (captures and forwards while the app is closed)',
    'After=network-online.target',
    '',
    '[Service]',
    'Type=simple',
    `ExecStart=${serveArgs(spec).map(systemdQuote).join(' ')}`,
    ...env,
    'Restart=on-failure',
    'RestartSec=5',
    '',
    '[Install]',
    'WantedBy=default.target',
    '',
  ].join('\n');
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function launchdPlist(spec: ServiceSpec, logDir: string): string {
  const args = serveArgs(spec).map((a) => `    <string>${xml(a)}</string>`);
  const env = Object.entries(spec.env ?? {}).flatMap(([k, v]) => [`    <key>${xml(k)}</key>`, `    <string>${xml(v)}</string>`]);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    '<dict>',
    '  <key>Label</key>',
    `  <string>${LAUNCHD_LABEL}</string>`,
    '  <key>ProgramArguments</key>',
    '  <array>',
    ...args,
    '  </array>',
    ...(env.length ? ['  <key>EnvironmentVariables</key>', '  <dict>', ...env, '  </dict>'] : []),
    '  <key>RunAtLoad</key>',
    '  <true/>',
    '  <key>KeepAlive</key>',
    '  <dict>',
    '    <key>SuccessfulExit</key>',
    '    <false/>',
    '  </dict>',
    '  <key>StandardOutPath</key>',
    `  <string>${xml(path.join(logDir, 'service.log'))}</string>`,
    '  <key>StandardErrorPath</key>',
    `  <string>${xml(path.join(logDir, 'service.log'))}</string>`,
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
}

export interface ServicePlan {
  platform: 'linux' | 'darwin';
  file: string;
  content: string;
  /** Commands that start it (printed for the user; install runs nothing itself). */
  start: string[];
  stop: string[];
}

/** Where the service file goes and what it holds, for this platform; null on Windows. */
export function servicePlan(platform: NodeJS.Platform, spec: ServiceSpec, home = os.homedir(), dataDir = path.dirname(spec.db)): ServicePlan | null {
  if (platform === 'linux') {
    const configHome = process.env.XDG_CONFIG_HOME || path.join(home, '.config');
    return {
      platform,
      file: path.join(configHome, 'systemd', 'user', SYSTEMD_UNIT_NAME),
      content: systemdUnit(spec),
      start: ['systemctl --user daemon-reload', `systemctl --user enable --now ${SYSTEMD_UNIT_NAME}`],
      stop: [`systemctl --user disable --now ${SYSTEMD_UNIT_NAME}`],
    };
  }
  if (platform === 'darwin') {
    const file = path.join(home, 'Library', 'LaunchAgents', `${LAUNCHD_LABEL}.plist`);
    return {
      platform,
      file,
      content: launchdPlist(spec, dataDir),
      start: [`launchctl bootstrap gui/$(id -u) ${file}`],
      stop: [`launchctl bootout gui/$(id -u)/${LAUNCHD_LABEL}`],
    };
  }
  return null;
}
