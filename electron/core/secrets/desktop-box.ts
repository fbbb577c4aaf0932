// Which box the desktop app seals secrets with: Electron's safeStorage when it protects anything (the
// macOS Keychain, Windows DPAPI, a Linux keyring), else the headless box. On Linux without a keyring
// safeStorage falls back to "basic_text", a fixed key built into Chromium: no better than plain text,
// so the headless box (OS keyring or a 0600 key file) is used instead. Either way the app opens what
// the CLI sealed in the same database.
import { headlessSecretBox } from './headless-box.js';
import { safeStorageBox, type SafeStorageLike, type SecretBox } from './secret-box.js';

export interface DesktopSafeStorage extends SafeStorageLike {
  /** Linux only in Electron: which backend safeStorage uses ('basic_text' protects nothing). */
  getSelectedStorageBackend?(): string;
}

export function desktopSecretBox(safe: DesktopSafeStorage, dbFile: string): SecretBox {
  const headless = headlessSecretBox(dbFile);
  if (!safe.isEncryptionAvailable()) return headless;
  if (safe.getSelectedStorageBackend?.() === 'basic_text') return headless;
  return safeStorageBox(safe, headless);
}
