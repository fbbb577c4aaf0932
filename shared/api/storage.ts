// Living with the data (issue #15): retention (prune now, or by stored settings in the background),
// clearing, and the settings kept in the database. Named under `deliveries.` where they remove
// deliveries, so the core files every acknowledged capture before counting what to remove.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema.js';
import { SETTING_KEYS, SETTINGS } from '../settings.js';
import { method } from './define.js';

export const pruneInputSchema = lazySchema(() => z
  .object({
    /** Keep at most this many deliveries (the newest). */
    keep: z.number().int().min(0).optional(),
    /** Remove deliveries received more than this many milliseconds ago. */
    olderThanMs: z.number().int().min(1).optional(),
    /** Remove the oldest deliveries while the database uses more than this many bytes. */
    maxBytes: z.number().int().min(1).optional(),
  })
  .strict()
  .refine((rules) => rules.keep !== undefined || rules.olderThanMs !== undefined || rules.maxBytes !== undefined, {
    message: 'name at least one of keep, olderThanMs, maxBytes',
  }));

export const pruneResultSchema = lazySchema(() => z.object({
  removed: z.number().int(),
  kept: z.number().int(),
  dbBytesBefore: z.number().int(),
  dbBytesAfter: z.number().int(),
}));
export type PruneResult = z.infer<typeof pruneResultSchema>;

export const settingItemSchema = lazySchema(() => z.object({
  key: z.enum(SETTING_KEYS),
  /** The stored value, or null when the default (keep everything) applies. */
  value: z.string().nullable(),
  description: z.string(),
  example: z.string(),
}));
export type SettingItem = z.infer<typeof settingItemSchema>;

export const settingSetSchema = lazySchema(() => z
  .object({ key: z.enum(SETTING_KEYS), value: z.string().max(512).nullable() })
  .strict()
  .superRefine((input, ctx) => {
    if (input.value === null) return;
    const normalized = SETTINGS[input.key].normalize(input.value);
    if ('error' in normalized) ctx.addIssue({ code: 'custom', path: ['value'], message: normalized.error });
  }));

export const storageMethods = {
  /** Removes the oldest deliveries by the rules given, in short slices, and gives space back to the OS. */
  'deliveries.prune': method(() => pruneInputSchema, () => pruneResultSchema, { readsDeliveries: true }),
  /** Removes every delivery, or those of one endpoint (by its path), in short slices. */
  'deliveries.clear': method(() => z.object({ endpoint: z.string().min(1).max(2048).optional() }).strict(), () => z.object({ deleted: z.number().int() }), { readsDeliveries: true }),
  'settings.list': method(() => z.object({}).strict(), () => z.object({ items: z.array(settingItemSchema) }), { readsDeliveries: false }),
  /** Stores a setting (null: back to the default); serve and the app apply retention within seconds. */
  'settings.set': method(() => settingSetSchema, () => settingItemSchema, { readsDeliveries: false }),
};

export const storageEvents = {
  /**
   * Retention or a clear removed deliveries: every one with an id up to throughId (of that endpoint,
   * when one is named). Listing the ids would be a million numbers after a big prune.
   */
  'deliveries.removed': lazySchema(() => z.object({ throughId: z.number().int(), endpoint: z.string().nullable() })),
  /** A stored setting changed (in this process): serve's background retention applies it at once. */
  'settings.changed': settingItemSchema,
};
