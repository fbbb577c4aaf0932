// The Sender's "Reading of the document" choices (issue #20): which reading of a vague document to
// play. Kept apart from the batch options so the form's other state is untouched; `readingFields`
// sends only what applies to the provider chosen, so a choice made for one provider never leaks into
// a send as another (the API would refuse it).
import { create } from 'zustand';
import type { ProviderSummary } from '../../shared/api/providers.js';
import type { SendStartInput } from '../../shared/api/sender.js';
import type { RetryReading, SuccessRule } from '../../shared/retry/policy.js';

export interface ReadingOptions {
  retryReading: RetryReading;
  /** Empty: the provider's own rule. */
  success: SuccessRule | '';
  contentType: 'json' | 'form';
  prettyBody: boolean;
}

interface ReadingState extends ReadingOptions {
  set(patch: Partial<ReadingOptions>): void;
}

export const DEFAULT_READING: ReadingOptions = { retryReading: 'hookscope', success: '', contentType: 'json', prettyBody: false };

export const useReadingOptions = create<ReadingState>()((set) => ({
  ...DEFAULT_READING,
  set: (patch) => set(patch),
}));

type ReadingFields = Pick<SendStartInput, 'retryReading' | 'success' | 'contentType' | 'prettyBody'>;

/** The `send.start` fields for these choices, only those that apply to `provider`. */
export function readingFields(opts: ReadingOptions, provider: ProviderSummary | undefined, payloadEdited: boolean): ReadingFields {
  const fields: ReadingFields = {};
  if (opts.retryReading === 'document-count' && provider?.retry.documentCountDelaysMs) fields.retryReading = 'document-count';
  if (opts.success && opts.success !== provider?.retry.success) fields.success = opts.success;
  if (opts.contentType !== 'json' && provider?.contentTypes.includes(opts.contentType)) fields.contentType = opts.contentType;
  // An edited payload is sent as typed: the core formats only catalogue samples.
  if (opts.prettyBody && !payloadEdited) fields.prettyBody = true;
  return fields;
}

/** The provider as the chosen reading plays it: its timeline then plans the attempts that will be made. */
export function withRetryReading(provider: ProviderSummary, reading: RetryReading): ProviderSummary {
  const delays = provider.retry.documentCountDelaysMs;
  if (reading !== 'document-count' || !delays) return provider;
  return { ...provider, retry: { ...provider.retry, retryDelaysMs: delays } };
}
