import { describe, expect, it } from 'vitest';
import { launchdPlist, servicePlan, systemdUnit, type ServiceSpec } from '../../../electron/server/service/service-files.js';

const spec: ServiceSpec = {
  command: ['/usr/bin/node', '/opt/hook scope/cli.js'],
  db: '/home/ana/.local/share/hookscope/hookscope.db',
  receiverPort: 4747,
  uiPort: 4748,
  tunnel: 'ngrok',
  env: { NGROK_AUTHTOKEN: 'tok$en%1' },
};

describe('systemd user unit', () => {
  it('runs serve with the fixed ports, quoting every argument, restarting on failure, started at login', () => {
    const unit = systemdUnit(spec);
    expect(unit).toContain('ExecStart="/usr/bin/node" "/opt/hook scope/cli.js" "serve" "--db" "/home/ana/.local/share/hookscope/hookscope.db" "--receiver-port" "4747" "--ui-port" "4748" "--quiet" "--tunnel" "ngrok"\n');
    expect(unit).toContain('Environment="NGROK_AUTHTOKEN=tok$$en%%1"\n'); // systemd expands $ and % unless doubled
    expect(unit).toContain('Restart=on-failure\n');
    expect(unit).toContain('[Install]\nWantedBy=default.target\n');
  });

  it('goes to ~/.config/systemd/user on Linux and prints the commands that start and stop it', () => {
    const plan = servicePlan('linux', spec, '/home/ana')!;
    expect(plan.file).toMatch(/\/systemd\/user\/hookscope\.service$/);
    expect(plan.start).toEqual(['systemctl --user daemon-reload', 'systemctl --user enable --now hookscope.service']);
    expect(plan.stop).toEqual(['systemctl --user disable --now hookscope.service']);
  });
});

describe('launchd agent', () => {
  it('lists the arguments one per string, escapes XML, keeps it alive after a crash, and logs beside the database', () => {
    const plist = launchdPlist({ ...spec, db: '/Users/a&b/hookscope.db' }, '/Users/a&b');
    expect(plist).toContain('<string>dev.hookscope.receiver</string>');
    expect(plist).toContain('    <string>--db</string>\n    <string>/Users/a&amp;b/hookscope.db</string>\n    <string>--receiver-port</string>\n    <string>4747</string>');
    expect(plist).toContain('<key>NGROK_AUTHTOKEN</key>\n    <string>tok$en%1</string>');
    expect(plist).toContain('<key>KeepAlive</key>\n  <dict>\n    <key>SuccessfulExit</key>\n    <false/>');
    expect(plist).toContain('<string>/Users/a&amp;b/service.log</string>');
  });

  it('goes to ~/Library/LaunchAgents on macOS, and nowhere on Windows', () => {
    expect(servicePlan('darwin', spec, '/Users/ana')!.file).toBe('/Users/ana/Library/LaunchAgents/dev.hookscope.receiver.plist');
    expect(servicePlan('win32', spec, 'C:\\Users\\ana')).toBeNull();
  });
});
