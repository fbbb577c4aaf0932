// The headless box (CLI, `serve`, the app without safeStorage): a random 32-byte key from the OS
// keyring when one answers, else from `hookscope.key` (0600) beside the database. Both keys open what
// either sealed, so a database keeps its secrets when the keyring comes and goes (an SSH session
// without a Secret Service, then a desktop session). A database moved to another machine without its
// key opens; its secrets read as unreadable ("enter them again"), its deliveries are all there.
// The keyring is @napi-rs/keyring (prebuilt binaries), loaded lazily: where it is missing or has no
// platform storage (a headless Linux box answers AccessDenied) the key file is used.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { writePrivateFile } from '../private-files.js';
import { isSealed, KeyedSecretBox, type SecretBox } from './secret-box.js';

export const KEY_FILE_NAME = 'hookscope.key';
const KEYRING_SERVICE = 'hookscope';
const KEYRING_ACCOUNT = 'secrets-key';

/** The part of @napi-rs/keyring's Entry this uses. */
export interface KeyringEntry {
  getPassword(): string | null | undefined;
  setPassword(password: string): void;
}

export interface HeadlessBoxOptions {
  /** The keyring entry to use; null for none. Default: the OS keyring unless HOOKSCOPE_KEYRING=off. */
  keyring?: KeyringEntry | null;
}

export function keyFileFor(dbFile: string): string {
  return path.join(path.dirname(path.resolve(dbFile)), KEY_FILE_NAME);
}

/**
 * The box, with its key looked up on first use: a command that never touches a secret (or a database
 * refused on open) neither asks the keyring nor creates a key file.
 */
export function headlessSecretBox(dbFile: string, opts: HeadlessBoxOptions = {}): SecretBox {
  let box: SecretBox | null = null;
  const load = () => (box ??= openHeadlessSecretBox(dbFile, opts));
  return {
    get protection() {
      return load().protection;
    },
    seal: (plain) => load().seal(plain),
    open: (stored) => (isSealed(stored) ? load().open(stored) : stored),
  };
}

export function openHeadlessSecretBox(dbFile: string, opts: HeadlessBoxOptions = {}): SecretBox {
  if (dbFile === ':memory:') return new KeyedSecretBox('key-file', crypto.randomBytes(32));
  const keyFile = keyFileFor(dbFile);
  const fileKey = readKeyFile(keyFile);
  const keyringKey = keyFromKeyring(opts.keyring === undefined ? osKeyring() : opts.keyring);
  if (keyringKey) return new KeyedSecretBox('keyring', keyringKey, fileKey ? [fileKey] : []);
  return new KeyedSecretBox('key-file', fileKey ?? createKeyFile(keyFile));
}

function readKeyFile(file: string): Buffer | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`cannot read the secrets key ${file}: ${(err as Error).message}`);
  }
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`the secrets key ${file} is damaged (expected 32 bytes in base64): restore it, or move it away and enter the endpoints' secrets again`);
  return key;
}

/** Never overwrites a key: two processes racing to create one both end up with the winner's. */
function createKeyFile(file: string): Buffer {
  const key = crypto.randomBytes(32);
  try {
    writePrivateFile(file, `${key.toString('base64')}\n`, 'wx');
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`cannot create the secrets key ${file}: ${(err as Error).message}`);
    return readKeyFile(file)!;
  }
}

function keyFromKeyring(entry: KeyringEntry | null): Buffer | null {
  if (!entry) return null;
  try {
    const stored = entry.getPassword();
    if (stored) {
      const key = Buffer.from(stored, 'base64');
      return key.length === 32 ? key : null;
    }
    entry.setPassword(crypto.randomBytes(32).toString('base64'));
    // Read back: of two processes creating the key at once, both then use the one that was kept.
    const kept = Buffer.from(entry.getPassword() ?? '', 'base64');
    return kept.length === 32 ? kept : null;
  } catch {
    return null; // no platform storage here: the key file it is
  }
}

function osKeyring(): KeyringEntry | null {
  if (process.env.HOOKSCOPE_KEYRING === 'off') return null;
  try {
    const { Entry } = createRequire(import.meta.url)('@napi-rs/keyring') as { Entry: new (service: string, account: string) => KeyringEntry };
    return new Entry(KEYRING_SERVICE, KEYRING_ACCOUNT);
  } catch {
    return null;
  }
}
