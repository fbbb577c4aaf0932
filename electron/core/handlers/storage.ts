// Retention, clearing and stored settings (issue #15).
import type { ApiHandlers } from '../../../shared/api/contract.js';
import type { SettingItem } from '../../../shared/api/storage.js';
import { SETTING_KEYS, SETTINGS, type SettingKey } from '../../../shared/settings.js';
import type { CoreContext } from '../context.js';
import { clearNow, pruneNow } from '../retention.js';

type StorageHandlers = Pick<ApiHandlers, 'deliveries.prune' | 'deliveries.clear' | 'settings.list' | 'settings.set'>;

export function storageHandlers(ctx: CoreContext): StorageHandlers {
  const { store } = ctx;
  const item = (key: SettingKey, value: string | null): SettingItem => ({ key, value, description: SETTINGS[key].description, example: SETTINGS[key].example });
  return {
    'deliveries.prune': async ({ keep, olderThanMs, maxBytes }) =>
      pruneNow(ctx, { keep, maxBytes, receivedBeforeMs: olderThanMs === undefined ? undefined : Date.now() - olderThanMs }),
    'deliveries.clear': async ({ endpoint }) => ({ deleted: await clearNow(ctx, endpoint) }),
    'settings.list': async () => {
      const values = store.settings.values();
      return { items: SETTING_KEYS.map((key) => item(key, values[key] ?? null)) };
    },
    'settings.set': async ({ key, value }) => {
      const changed = item(key, store.settings.set(key, value));
      ctx.events.emit('settings.changed', changed);
      return changed;
    },
  };
}
