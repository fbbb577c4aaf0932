// Settings kept in the database (keys and validation in shared/settings.ts): a key absent from the
// table means its default.
import { isSettingKey, SETTINGS, type SettingKey } from '../../../shared/settings.js';
import type { Db } from './connection.js';

export class SettingsRepo {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      all: db.prepare('SELECT key, value FROM settings'),
      set: db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      remove: db.prepare('DELETE FROM settings WHERE key = ?'),
    };
  }

  /** The stored values of the keys this version knows (a newer Hookscope's keys are left alone). */
  values(): Partial<Record<SettingKey, string>> {
    const rows = this.stmts.all.all() as Array<{ key: string; value: string }>;
    return Object.fromEntries(rows.filter((r) => isSettingKey(r.key)).map((r) => [r.key, r.value]));
  }

  /** Stores the value (validated and normalized), or removes it when null; returns what is stored. */
  set(key: SettingKey, text: string | null): string | null {
    if (text === null) {
      this.stmts.remove.run(key);
      return null;
    }
    const normalized = SETTINGS[key].normalize(text);
    if ('error' in normalized) throw new RangeError(normalized.error);
    this.stmts.set.run(key, normalized.value);
    return normalized.value;
  }
}

