// `hookscope service` on this Linux machine, with HOME and XDG_CONFIG_HOME in a temp folder: it writes
// the unit there and prints the commands to start it; nothing is enabled or started.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { removeTempDirs, tempDbFile, tempDir } from '../../support/temp.js';

afterAll(removeTempDirs);

describe('hookscope service', () => {
  it('installs a systemd user unit, reports it, and removes it', async () => {
    const home = tempDir();
    const env = { HOME: home, XDG_CONFIG_HOME: path.join(home, '.config') };
    const db = tempDbFile();
    const unit = path.join(home, '.config/systemd/user/hookscope.service');

    expect((await runCli(['service', 'status', '--db', db], { env })).stdout).toBe(`not installed (hookscope service install writes ${unit})\n`);

    const installed = await runCli(['service', 'install', '--db', db, '--receiver-port', '4999'], { env });
    expect(installed.code).toBe(0);
    expect(installed.stdout).toBe(`installed ${unit}\nstart it (and at every login) with:\n  systemctl --user daemon-reload\n  systemctl --user enable --now hookscope.service\n`);
    const content = fs.readFileSync(unit, 'utf8');
    expect(content).toContain(`"serve" "--db" "${db}" "--receiver-port" "4999" "--ui-port" "4748" "--quiet"`);
    expect(fs.statSync(unit).mode & 0o777).toBe(0o600);

    // Something answering on the service's port counts as running.
    const server = net.createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const port = (server.address() as net.AddressInfo).port;
    await runCli(['service', 'install', '--db', db, '--receiver-port', String(port)], { env });
    const status = await runCli(['service', 'status', '--db', db, '--json'], { env });
    expect(JSON.parse(status.stdout)).toEqual({ platform: 'linux', installed: true, file: unit, receiverPort: port, running: true });
    server.close();

    const removed = await runCli(['service', 'uninstall', '--db', db], { env });
    expect(removed.stdout).toBe(`removed ${unit}\nif it is running, stop it with:\n  systemctl --user disable --now hookscope.service\n`);
    expect(fs.existsSync(unit)).toBe(false);
  }, 120_000); // six CLI runs, each a few seconds on a loaded machine

  it('refuses an unknown tunnel engine as bad usage', async () => {
    const home = tempDir();
    const result = await runCli(['service', 'install', '--tunnel', 'frp'], { env: { HOME: home, XDG_CONFIG_HOME: home } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--tunnel must be ngrok or cloudflared, not "frp"');
  });
});
