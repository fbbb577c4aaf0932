// The secret box (issue 15): AES-256-GCM with a versioned prefix; the headless box's key from the OS
// keyring when one answers, else a key file; the desktop app's safeStorage box through the same seam.
// The keyring and safeStorage are stand-ins implementing their interfaces (neither exists under Node
// here); the key-file box they sit beside is the real one.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/core.js';
import { desktopKeyBox, unwrapDesktopKey, WRAPPED_KEY_FILE_NAME } from '../../../electron/core/secrets/desktop-box.js';
import { headlessSecretBox, openHeadlessSecretBox, type KeyringEntry } from '../../../electron/core/secrets/headless-box.js';
import { KeyedSecretBox, maskSecret, type SafeStorageLike } from '../../../electron/core/secrets/secret-box.js';
import type { Endpoint } from '../../../shared/domain.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';

// The key file is the path under test (a desktop's keyring would otherwise hold the key).
process.env.HOOKSCOPE_KEYRING = 'off';
afterEach(removeTempDirs);

const SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';

function memoryKeyring(): KeyringEntry & { value: string | null } {
  return {
    value: null,
    getPassword() {
      return this.value;
    },
    setPassword(password: string) {
      this.value = password;
    },
  };
}

/** Electron's safeStorage as the app sees it: an opaque, reversible encryption with a key of its own. */
function standInSafeStorage(): SafeStorageLike {
  const key = crypto.randomBytes(32);
  const box = new KeyedSecretBox('safe-storage', key);
  return {
    isEncryptionAvailable: () => true,
    encryptString: (plain) => Buffer.from(box.seal(plain)),
    decryptString: (encrypted) => {
      const opened = box.open(encrypted.toString());
      if (opened === null) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return opened;
    },
  };
}

describe('KeyedSecretBox', () => {
  it('seals into a versioned string that opens again, differently each time', () => {
    const box = new KeyedSecretBox('key-file', crypto.randomBytes(32));
    const a = box.seal(SECRET);
    expect(a).toMatch(/^hookscope:v1:aes256gcm:[0-9a-f]{8}:[A-Za-z0-9+/=]+$/);
    expect(a).not.toContain(SECRET);
    expect(box.seal(SECRET)).not.toBe(a);
    expect(box.open(a)).toBe(SECRET);
  });

  it('opens nothing sealed with another key or tampered with, and passes plain text from before encryption through', () => {
    const box = new KeyedSecretBox('key-file', crypto.randomBytes(32));
    const other = new KeyedSecretBox('key-file', crypto.randomBytes(32));
    const sealed = box.seal(SECRET);
    expect(other.open(sealed)).toBeNull();
    const bytes = Buffer.from(sealed.split(':').pop()!, 'base64');
    bytes[bytes.length - 1]! ^= 1;
    expect(box.open(sealed.replace(/[^:]+$/, bytes.toString('base64')))).toBeNull();
    expect(box.open('plain-old-secret')).toBe('plain-old-secret');
  });

  it('masks a secret to its prefix and last four characters, and a short one entirely', () => {
    expect(maskSecret('whsec_abcdefghijklmnopa1b2')).toBe('whsec_…a1b2');
    expect(maskSecret('0123456789abcdef')).toBe('…cdef');
    expect(maskSecret('s3cret')).toBe('••••');
  });
});

describe('the headless box', () => {
  it('takes its key from the keyring when one answers, and still opens what the key file sealed before', () => {
    const db = tempDbFile();
    const fileBox = openHeadlessSecretBox(db, { keyring: null });
    expect(fileBox.protection).toBe('key-file');
    const sealedByFile = fileBox.seal(SECRET);
    const keyring = memoryKeyring();
    const box = openHeadlessSecretBox(db, { keyring });
    expect(box.protection).toBe('keyring');
    expect(keyring.value).not.toBeNull();
    expect(box.open(sealedByFile)).toBe(SECRET);
    expect(openHeadlessSecretBox(db, { keyring }).open(box.seal(SECRET))).toBe(SECRET);
  });

  it('falls back to the key file when the keyring refuses (no platform storage)', () => {
    const refusing: KeyringEntry = {
      getPassword: () => null,
      setPassword: () => {
        throw new Error("Couldn't access platform storage: AccessDenied");
      },
    };
    const db = tempDbFile();
    const box = openHeadlessSecretBox(db, { keyring: refusing });
    expect(box.protection).toBe('key-file');
    expect(openHeadlessSecretBox(db, { keyring: null }).open(box.seal(SECRET))).toBe(SECRET);
  });

  it('creates no key until a secret needs one', () => {
    const db = tempDbFile();
    const box = headlessSecretBox(db, { keyring: null });
    expect(box.open('plain')).toBe('plain');
    expect(fs.existsSync(path.join(path.dirname(db), 'hookscope.key'))).toBe(false);
  });
});

describe('the desktop app\'s safeStorage-wrapped key, through openCore', () => {
  it('seals with the key safeStorage wraps, opens what the headless box sealed, and reports safe-storage', async () => {
    const db = tempDbFile();
    const headless = openCore({ dbFile: db });
    await headless.dispatch('endpoints.create', { path: '/hooks/cli', secret: `${SECRET}-cli` });
    await headless.close();

    const app = openCore({ dbFile: db, secretBox: desktopKeyBox(unwrapDesktopKey(standInSafeStorage(), db)!, db) });
    try {
      await app.dispatch('endpoints.create', { path: '/hooks/app', secret: SECRET });
      const stored = app.ctx.store.db.prepare("SELECT secret FROM endpoints WHERE path = '/hooks/app'").pluck().get() as string;
      expect(stored.startsWith('hookscope:v1:aes256gcm:')).toBe(true);
      expect(stored).not.toContain(SECRET);
      const { items } = (await app.dispatch('endpoints.list', { showSecrets: true })) as { items: Endpoint[] };
      expect(items.map((e) => e.secret)).toEqual([SECRET, `${SECRET}-cli`]);
      expect(await app.dispatch('stats.get', {})).toMatchObject({ secrets: { protection: 'safe-storage', unreadable: [] } });
    } finally {
      await app.close();
    }

    // The CLI cannot open what only the app's safeStorage can: it says so rather than failing.
    const cli = openCore({ dbFile: db });
    try {
      const { items } = (await cli.dispatch('endpoints.list', {})) as { items: Endpoint[] };
      expect(items.find((e) => e.path === '/hooks/app')).toMatchObject({ secret: null, secretsUnreadable: true });
      expect(items.find((e) => e.path === '/hooks/cli')).toMatchObject({ secret: 'whsec_…-cli' });
    } finally {
      await cli.close();
    }
  });
});

describe('the desktop app\'s choice of box', () => {
  it('uses safeStorage only where it protects anything: not when unavailable, nor with Linux\'s basic_text', () => {
    const db = tempDbFile();
    const safe = standInSafeStorage();
    expect(unwrapDesktopKey({ ...safe, getSelectedStorageBackend: () => 'basic_text' }, db)).toBeNull();
    expect(unwrapDesktopKey({ ...safe, isEncryptionAvailable: () => false }, db)).toBeNull();
    expect(fs.existsSync(path.join(path.dirname(db), WRAPPED_KEY_FILE_NAME))).toBe(false);
    expect(unwrapDesktopKey({ ...safe, getSelectedStorageBackend: () => 'gnome_libsecret' }, db)).toHaveLength(32);
  });

  it('names the key file and the way out when the OS keychain can no longer unwrap it', () => {
    const db = tempDbFile();
    unwrapDesktopKey(standInSafeStorage(), db); // wrapped by one keychain…
    const file = path.join(path.dirname(db), WRAPPED_KEY_FILE_NAME);
    expect(() => unwrapDesktopKey(standInSafeStorage(), db)).toThrow(`the OS keychain cannot unwrap the secrets key ${file}`); // …opened with another
    expect(() => unwrapDesktopKey(standInSafeStorage(), db)).toThrow(/move the file away/);
  });

  it('keeps one key across launches, stored only wrapped, in a file only its owner reads', () => {
    const db = path.join(path.dirname(tempDbFile()), 'first-launch', 'hookscope.db'); // a data folder not made yet
    const safe = standInSafeStorage();
    const first = unwrapDesktopKey(safe, db)!;
    expect(unwrapDesktopKey(safe, db)!.equals(first)).toBe(true);
    const file = path.join(path.dirname(db), WRAPPED_KEY_FILE_NAME);
    expect(fs.readFileSync(file, 'utf8')).not.toContain(first.toString('base64'));
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});
