// When Electron's exit means the desktop app cannot run here, so that `npm start` (and `hookscope app`)
// start the headless UI instead (scripts/electron-launch.mjs): Chromium's sandbox aborting at start,
// as AppArmor makes it do on Ubuntu 23.10+. Every other exit is the app's own and is passed on.
import { describe, expect, it } from 'vitest';
import { electronExitProblem, SANDBOX_ABORT_WINDOW_MS } from '../../../scripts/electron-launch.mjs';

// What Electron prints on Ubuntu 24.04 from node_modules (electron/electron#42510).
const SUID_FATAL =
  '[12345:1206/214501.123456:FATAL:sandbox/linux/suid/client/setuid_sandbox_host.cc:166] The SUID sandbox helper binary was found, ' +
  "but is not configured correctly. Rather than run without sandboxing I'm aborting now. You need to make sure that " +
  '/home/dev/hookscope/node_modules/electron/dist/chrome-sandbox is owned by root and has mode 4755.\n';
const NO_USABLE_SANDBOX =
  '[1:1:0415/143659.359212:FATAL:zygote_host_impl_linux.cc(127)] No usable sandbox! Update your kernel or see ' +
  'https://chromium.googlesource.com/chromium/src/+/main/docs/linux/suid_sandbox_development.md for more information.\n';

const early = { ranMs: 400, platform: 'linux' as const };

describe('electronExitProblem', () => {
  it("names the sandbox, AppArmor and where the fix is when Electron prints the SUID helper's FATAL line", () => {
    const problem = electronExitProblem({ code: null, signal: 'SIGTRAP', stderr: SUID_FATAL, ...early });
    expect(problem).toMatch(/sandbox could not start/);
    expect(problem).toMatch(/AppArmor/);
    expect(problem).toMatch(/\.deb installs an AppArmor profile/);
    expect(problem).toMatch(/docs\/electron\.md/);
    expect(problem).not.toContain('\n');
  });

  it('recognises the "No usable sandbox" abort too', () => {
    expect(electronExitProblem({ code: null, signal: 'SIGTRAP', stderr: NO_USABLE_SANDBOX, ...early })).toMatch(/sandbox could not start/);
  });

  it('recognises the abort from its status alone: SIGTRAP, or 133 when a shell reports it', () => {
    expect(electronExitProblem({ code: null, signal: 'SIGTRAP', stderr: '', ...early })).toMatch(/SIGTRAP .*sandbox/);
    expect(electronExitProblem({ code: 133, signal: null, stderr: '', ...early })).toMatch(/SIGTRAP .*sandbox/);
  });

  it('passes on a SIGTRAP that comes after the app has been running (a crash, not the sandbox)', () => {
    expect(electronExitProblem({ code: null, signal: 'SIGTRAP', stderr: '', ranMs: SANDBOX_ABORT_WINDOW_MS + 1, platform: 'linux' })).toBeNull();
  });

  it('passes on the app quitting normally, even if something mentioned the sandbox on stderr', () => {
    expect(electronExitProblem({ code: 0, signal: null, stderr: 'warning about chrome-sandbox\n', ...early })).toBeNull();
  });

  it("passes on the app's own failures and the user's Ctrl-C", () => {
    expect(electronExitProblem({ code: 1, signal: null, stderr: 'hookscope: database is locked\n', ...early })).toBeNull();
    expect(electronExitProblem({ code: null, signal: 'SIGINT', stderr: '', ...early })).toBeNull();
  });

  it('applies to Linux only (the sandbox helper and AppArmor are Linux things)', () => {
    expect(electronExitProblem({ code: null, signal: 'SIGTRAP', stderr: SUID_FATAL, ranMs: 400, platform: 'darwin' })).toBeNull();
    expect(electronExitProblem({ code: 133, signal: null, stderr: '', ranMs: 400, platform: 'win32' })).toBeNull();
  });
});
