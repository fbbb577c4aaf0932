// The shapes of a diff, declared once as zod schemas: the API contract reuses them and the renderer
// imports them as they are (no Node imports here).
import * as z from 'zod';
import { lazySchema } from '../lazy-schema.js';

export const CHANGE_KINDS = ['added', 'removed', 'changed'] as const;
export const changeKindSchema = lazySchema(() => z.enum(CHANGE_KINDS));
export type ChangeKind = z.infer<typeof changeKindSchema>;

/**
 * One change in a JSON body. `path` is dotted, with array indexes as numbers (`items.2.name`); the root
 * itself is `''`. An added value has no `old`, a removed one no `new`. A removed array item carries its
 * index in the old array, an added or changed one its index in the new array.
 */
export const jsonChangeSchema = lazySchema(() => z.object({
  path: z.string(),
  kind: changeKindSchema,
  old: z.unknown().optional(),
  new: z.unknown().optional(),
}));
export type JsonChange = z.infer<typeof jsonChangeSchema>;

/** One header whose values differ; names compare case-insensitively, duplicates are joined with ", ". */
export const headerChangeSchema = lazySchema(() => z.object({
  name: z.string(),
  kind: changeKindSchema,
  old: z.string().optional(),
  new: z.string().optional(),
}));
export type HeaderChange = z.infer<typeof headerChangeSchema>;

/** A run of whole lines that are equal, only in the old text (removed) or only in the new one (added). */
export const lineChangeSchema = lazySchema(() => z.object({
  kind: z.enum(['equal', 'added', 'removed']),
  text: z.string(),
}));
export type LineChange = z.infer<typeof lineChangeSchema>;

export const BODY_FORMATS = ['json', 'text', 'binary'] as const;

/** The difference between two messages (headers + body). */
export const messageDiffSchema = lazySchema(() => z.object({
  /**
   * `json` when both bodies parse as JSON and the parsed values show the difference (or the bytes are
   * equal), `text` when both are UTF-8, else `binary` (equal or not).
   */
  format: z.enum(BODY_FORMATS),
  /** True when the bodies are byte-identical and the headers carry the same values. */
  equal: z.boolean(),
  bodyEqual: z.boolean(),
  size: z.object({ old: z.number().int(), new: z.number().int() }),
  /** Structural changes (format `json`), else empty. */
  changes: z.array(jsonChangeSchema),
  headers: z.array(headerChangeSchema),
  /** Line diff (format `text`), else empty. */
  lines: z.array(lineChangeSchema),
  /**
   * Both bodies parse as JSON to the same values, yet their bytes differ: formatting, key order, a
   * duplicate key or a number beyond a double's precision. The body is then diffed as text (`lines`).
   */
  jsonEquivalent: z.boolean().optional(),
}));
export type MessageDiff = z.infer<typeof messageDiffSchema>;
