// Which box the desktop app seals secrets with. The core runs in a utility process (issue #17), where
// Electron's safeStorage does not exist, so safeStorage protects a key rather than each secret
// (envelope encryption, as Chromium's own cookie store does): the main process unwraps a random 32-byte
// key kept sealed by safeStorage in `hookscope.key.safe-storage` beside the database, hands it to the
// host over its private channel, and the host seals secrets with it (`desktopKeyBox`).
// safeStorage is used only where it protects anything (the macOS Keychain, Windows DPAPI, a Linux
// keyring): on Linux without a keyring it falls back to "basic_text", a fixed key built into Chromium,
// no better than plain text, so the headless box (OS keyring or a 0600 key file) is used instead.
// Either way the app opens what the CLI sealed in the same database.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, writePrivateFile } from '../private-files.js';
import { headlessSecretBox } from './headless-box.js';
import { KeyedSecretBox, type SafeStorageLike, type SecretBox } from './secret-box.js';

export const WRAPPED_KEY_FILE_NAME = 'hookscope.key.safe-storage';

export interface DesktopSafeStorage extends SafeStorageLike {
  /** Linux only in Electron: which backend safeStorage uses ('basic_text' protects nothing). */
  getSelectedStorageBackend?(): string;
}

/**
 * Main process: the desktop key, unwrapped with safeStorage (created and stored wrapped on first use),
 * or null when safeStorage protects nothing here and the headless box should be used.
 */
export function unwrapDesktopKey(safe: DesktopSafeStorage, dbFile: string): Buffer | null {
  if (!safe.isEncryptionAvailable()) return null;
  if (safe.getSelectedStorageBackend?.() === 'basic_text') return null;
  const file = path.join(path.dirname(path.resolve(dbFile)), WRAPPED_KEY_FILE_NAME);
  let wrapped: string | null = null;
  try {
    wrapped = fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`cannot read the secrets key ${file}: ${(err as Error).message}`);
  }
  if (wrapped) {
    let unwrapped: string;
    try {
      unwrapped = safe.decryptString(Buffer.from(wrapped, 'base64'));
    } catch (err) {
      // Electron's own words name neither the file nor a way out (a reset keychain, another user's, a re-signed app).
      throw new Error(
        `the OS keychain cannot unwrap the secrets key ${file} (${(err as Error).message}): if the keychain was reset, move the file away and enter the endpoints' secrets again`,
      );
    }
    const key = Buffer.from(unwrapped, 'base64');
    if (key.length !== 32) throw new Error(`the secrets key ${file} is damaged: move it away and enter the endpoints' secrets again`);
    return key;
  }
  const key = crypto.randomBytes(32);
  ensurePrivateDir(path.dirname(file)); // the first launch: the data folder is made here, before the database
  writePrivateFile(file, `${safe.encryptString(key.toString('base64')).toString('base64')}\n`, 'w');
  return key;
}

/**
 * Host process: seals with the desktop key (protection "safe-storage": the key is safeStorage's), and
 * still opens what the headless box sealed in the same database, so a database used by `hookscope
 * serve` before keeps its secrets in the app.
 */
export function desktopKeyBox(key: Buffer, dbFile: string): SecretBox {
  const own = new KeyedSecretBox('safe-storage', key);
  const headless = headlessSecretBox(dbFile);
  return {
    protection: 'safe-storage',
    seal: (plain) => own.seal(plain),
    open: (stored) => own.open(stored) ?? headless.open(stored),
  };
}
