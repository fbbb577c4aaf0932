// The Sender form's batch and override fields, as typed (strings, so a field can be left empty to mean
// "the default"), and their translation into `send.start` fields with the API's own names. Pure, so the
// form, its collapsed summary and the store agree on what a batch will send.
import type { SendStartInput } from '../../shared/api/sender.js';

/** `provider`: the provider's own policy (Aptly delivers in order; the others do not). */
export type DeliveryOrder = 'provider' | 'in-order' | 'any-order';

export interface BatchOptions {
  /** Catalogue events in the order they occur, comma-separated; empty: the event chosen above. */
  events: string;
  count: string;
  duplicates: string;
  duplicateProbability: string;
  shuffle: boolean;
  seed: string;
  order: DeliveryOrder;
  timeoutMs: string;
  maxAttempts: string;
  retryEveryMs: string;
  /** Non-loopback hosts the user allows as targets, comma-separated. */
  allowHosts: string;
}

export const DEFAULT_BATCH: BatchOptions = {
  events: '',
  count: '',
  duplicates: '',
  duplicateProbability: '',
  shuffle: false,
  seed: '',
  order: 'provider',
  timeoutMs: '',
  maxAttempts: '',
  retryEveryMs: '',
  allowHosts: '',
};

type BatchFields = Pick<
  SendStartInput,
  'events' | 'count' | 'duplicates' | 'duplicateProbability' | 'shuffle' | 'seed' | 'inOrder' | 'timeoutMs' | 'maxAttempts' | 'retryEveryMs' | 'allowHosts'
>;

export const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** Empty text: absent (the API's default). The inputs' min/max already hold the browser to the API's bounds. */
function numberOf(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** The `send.start` fields for these options; `chosenEvent` is the one picked in the form's Event field. */
export function batchFields(opts: BatchOptions, chosenEvent: string): BatchFields {
  const named = splitList(opts.events);
  const events = named.length ? named : chosenEvent ? [chosenEvent] : [];
  const fields: BatchFields = { events, allowHosts: splitList(opts.allowHosts) };
  const numbers = {
    count: numberOf(opts.count),
    duplicates: numberOf(opts.duplicates),
    duplicateProbability: numberOf(opts.duplicateProbability),
    seed: numberOf(opts.seed),
    timeoutMs: numberOf(opts.timeoutMs),
    maxAttempts: numberOf(opts.maxAttempts),
    retryEveryMs: numberOf(opts.retryEveryMs),
  };
  for (const [key, value] of Object.entries(numbers)) if (value !== undefined) Object.assign(fields, { [key]: value });
  if (opts.shuffle) fields.shuffle = true;
  if (opts.order !== 'provider') fields.inOrder = opts.order === 'in-order';
  return fields;
}

/** How many deliveries the batch makes: the count (or one per event), each with its copies. */
export function plannedDeliveries(opts: BatchOptions, chosenEvent: string): { events: number; copies: number; maybe: boolean } {
  const fields = batchFields(opts, chosenEvent);
  const events = fields.count ?? Math.max(fields.events?.length ?? 0, 1);
  // As the core does: a probability alone means one copy, kept with that chance.
  const copies = fields.duplicates ?? (fields.duplicateProbability !== undefined ? 1 : 0);
  const maybe = copies > 0 && fields.duplicateProbability !== undefined && fields.duplicateProbability < 1;
  return { events, copies, maybe };
}

/** One line for the collapsed Batch section: what Send will do, so a batch is never a surprise. */
export function describeBatch(opts: BatchOptions, chosenEvent: string): string {
  const { events, copies, maybe } = plannedDeliveries(opts, chosenEvent);
  const parts = [events === 1 ? 'one event' : `${events} events`];
  if (copies > 0) parts.push(`${maybe ? 'up to ' : ''}${copies} duplicate${copies === 1 ? '' : 's'} each`);
  if (opts.shuffle) parts.push('shuffled');
  if (opts.order === 'in-order') parts.push('strictly in order');
  if (opts.order === 'any-order') parts.push('without waiting for earlier events');
  const total = events * (1 + copies);
  if (total > 1) return `${parts.join(', ')}: ${maybe ? 'up to ' : ''}${total} deliveries`;
  return parts.length > 1 ? parts.join(', ') : 'one event (open to send many: count, duplicates, shuffle)';
}

/** One line for the collapsed Overrides section. */
export function describeOverrides(opts: BatchOptions): string {
  const parts = [
    opts.timeoutMs.trim() && `timeout ${opts.timeoutMs.trim()} ms`,
    opts.maxAttempts.trim() && `at most ${opts.maxAttempts.trim()} attempts`,
    opts.retryEveryMs.trim() && `retry every ${opts.retryEveryMs.trim()} ms`,
    splitList(opts.allowHosts).length > 0 && `allowing ${splitList(opts.allowHosts).join(', ')}`,
  ].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(', ') : "none: the provider's timeout and retries";
}
