// Hookscope's files are private to the account that runs it, like ~/.ssh: every captured payload and
// every endpoint secret sits in them. Folders Hookscope creates are 0700, files it writes 0600, and a
// database found with looser modes is tightened (said once on stderr). POSIX modes only: on Windows
// the data folder under %APPDATA% is already private to the user by its ACL, and chmod is a no-op.
import fs from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const posix = process.platform !== 'win32';

/** Creates `dir` (and missing parents) as 0700. An existing folder is left as it is. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** Writes `data` to `file` readable by its owner only, even when the file existed with looser modes. */
export function writePrivateFile(file: string, data: string | Uint8Array, flag: 'w' | 'wx' = 'w'): void {
  const fd = fs.openSync(file, flag, PRIVATE_FILE_MODE);
  try {
    if (posix) fs.fchmodSync(fd, PRIVATE_FILE_MODE);
    fs.writeFileSync(fd, data);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Takes group and other access away from `path` (a file to 0600, a folder to 0700) when it has any.
 * Returns the mode it had when it was changed, or null when it was already private, is missing, or
 * cannot be changed (another account's file: opening it will say what is wrong).
 */
export function makePrivate(path: string): number | null {
  if (!posix) return null;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch {
    return null;
  }
  const mode = stat.mode & 0o777;
  if ((mode & 0o077) === 0) return null;
  try {
    fs.chmodSync(path, stat.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE);
    return mode;
  } catch {
    return null;
  }
}

export const octal = (mode: number) => `0${mode.toString(8).padStart(3, '0')}`;
