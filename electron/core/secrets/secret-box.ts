// Secrets at rest: endpoint secrets are stored sealed, never as plain text. A SecretBox seals a secret
// into a versioned string and opens it again; which key protects it is the box's business:
//   keyring       a random key kept in the OS keyring (headless, on a desktop with one)
//   key-file      a random key in a 0600 file next to the database (headless, no keyring)
//   safe-storage  a random key kept wrapped by Electron's safeStorage (the desktop app: desktop-box.ts)
// Sealed form: `hookscope:v1:aes256gcm:<key id>:<base64 iv|tag|ciphertext>` (key id: the first 8 hex
// digits of the key's SHA-256, so a box can tell "not my key" from "damaged") or
// Anything else is a plain-text secret from before encryption
// (the migration seals those in place) and is returned as is.
import crypto from 'node:crypto';

export type SecretProtection = 'keyring' | 'key-file' | 'safe-storage';

export interface SecretBox {
  /** How new secrets are sealed (shown by `stats --json` as secrets.protection). */
  readonly protection: SecretProtection;
  seal(plain: string): string;
  /** The secret, or null when this box has no key for it (a database moved from another machine or account). */
  open(stored: string): string | null;
}

const PREFIX = 'hookscope:v1:';
const AES_TAG = `${PREFIX}aes256gcm:`;

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export function keyIdOf(key: Buffer): string {
  return crypto.createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** AES-256-GCM with one key for sealing and any number more (older sources) for opening. */
export class KeyedSecretBox implements SecretBox {
  private readonly keys = new Map<string, Buffer>();
  private readonly sealingId: string;

  constructor(
    readonly protection: SecretProtection,
    sealingKey: Buffer,
    openingKeys: readonly Buffer[] = [],
  ) {
    for (const key of [sealingKey, ...openingKeys]) {
      if (key.length !== 32) throw new Error('a secret key is 32 bytes');
      this.keys.set(keyIdOf(key), key);
    }
    this.sealingId = keyIdOf(sealingKey);
  }

  seal(plain: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.keys.get(this.sealingId)!, iv);
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${AES_TAG}${this.sealingId}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')}`;
  }

  open(stored: string): string | null {
    if (!isSealed(stored)) return stored;
    if (!stored.startsWith(AES_TAG)) return null;
    const [id, data] = stored.slice(AES_TAG.length).split(':');
    const key = id ? this.keys.get(id) : undefined;
    if (!key || !data) return null;
    const bytes = Buffer.from(data, 'base64');
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return null; // tampered or damaged: as unreadable as a missing key
    }
  }
}

/** The part of Electron's `safeStorage` the desktop box uses (a structural type: the core never imports electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** `whsec_…a1b2`: enough to tell secrets apart, never enough to use one. */
export function maskSecret(secret: string): string {
  if (secret.length < 12) return '••••'; // the last four of a short secret would give most of it away
  const prefix = /^[A-Za-z]+_/.exec(secret)?.[0] ?? '';
  return `${prefix.length <= 8 ? prefix : ''}…${secret.slice(-4)}`;
}
