// Where the database lives by default: the per-user data folder of each OS (created on first run).
// HOOKSCOPE_DB overrides it; so does --db on every command.
import os from 'node:os';
import path from 'node:path';

export function defaultDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Hookscope');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Hookscope');
  return path.join(process.env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'hookscope');
}

export function defaultDbFile(): string {
  return process.env.HOOKSCOPE_DB || path.join(defaultDataDir(), 'hookscope.db');
}
