// Settings kept in the database (keys and validation in shared/settings.ts): a key absent from the
// table means its default. A secret setting (the ngrok authtoken) is sealed with the store's secret
// box, as endpoint secrets are, and leaves this repository masked unless `reveal` is asked for it.
import { isSettingKey, SETTINGS, type SettingKey } from '../../../shared/settings.js';
import { maskSecret, type SecretBox } from '../secrets/secret-box.js';
import type { Db } from './connection.js';

/** What a sealed setting shows when this machine has no key for it (the database came from elsewhere). */
const UNREADABLE_SETTING = '(sealed with a key this machine does not have: enter it again)';

export class SettingsRepo {
  private readonly stmts;

  constructor(
    db: Db,
    private readonly secretBox: SecretBox,
  ) {
    this.stmts = {
      all: db.prepare('SELECT key, value FROM settings'),
      one: db.prepare('SELECT value FROM settings WHERE key = ?'),
      set: db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      remove: db.prepare('DELETE FROM settings WHERE key = ?'),
    };
  }

  /**
   * The values of the keys this version knows, or only of `keys`, secret ones masked (a newer
   * Hookscope's keys are left alone). A caller that needs a few plain keys names them, so no secret is
   * opened for it (serve's retention reads its rules every 30 s).
   */
  values(keys?: readonly SettingKey[]): Partial<Record<SettingKey, string>> {
    const rows = this.stmts.all.all() as Array<{ key: string; value: string }>;
    const wanted = (key: string): key is SettingKey => isSettingKey(key) && (keys === undefined || keys.includes(key));
    return Object.fromEntries(rows.filter((r) => wanted(r.key)).map((r) => [r.key, this.shown(r.key as SettingKey, r.value)]));
  }

  /** One setting's value in clear (a secret opened), or null when not set or unreadable here. */
  reveal(key: SettingKey): string | null {
    const row = this.stmts.one.get(key) as { value: string } | undefined;
    if (!row) return null;
    return SETTINGS[key].secret ? this.secretBox.open(row.value) : row.value;
  }

  /** Stores the value (validated and normalized), or removes it when null; returns it as `values()` shows it. */
  set(key: SettingKey, text: string | null): string | null {
    if (text === null) {
      this.stmts.remove.run(key);
      return null;
    }
    const normalized = SETTINGS[key].normalize(text);
    if ('error' in normalized) throw new RangeError(normalized.error);
    const stored = SETTINGS[key].secret ? this.secretBox.seal(normalized.value) : normalized.value;
    this.stmts.set.run(key, stored);
    return this.shown(key, stored);
  }

  private shown(key: SettingKey, stored: string): string {
    if (!SETTINGS[key].secret) return stored;
    const plain = this.secretBox.open(stored);
    return plain === null ? UNREADABLE_SETTING : maskSecret(plain);
  }
}
