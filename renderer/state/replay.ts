// The Replay view's state: which deliveries to send again (in the order they arrived), where to, how
// (as captured, or re-signed with fresh signing headers; with a secret typed here or the endpoint's;
// an edit re-signed or kept with its original signature), the user's edits of a single delivery's
// body and headers, and what came back. The target is remembered per endpoint in localStorage: each
// endpoint usually has one local handler. The secret is never stored.
import { create } from 'zustand';
import { rewordReplayMessage, type Replay, type ReplayMode, type ReplayOptionWords } from '../../shared/api/replay.js';
import type { DeliveryDetail } from '../../shared/domain.js';
import { api } from '../api/client.js';
import { asApiError } from '../api/errors.js';
import { ApiError } from '../../shared/api/errors.js';
import { headerEdits, headersToText, parseHeadersText, textToBase64 } from '../lib/headers-text.js';

export type SendMode = Exclude<ReplayMode, 'forward'>;
export const DEFAULT_TARGET = 'http://127.0.0.1:3000';
const TARGET_KEY = 'hookscope.replayTarget.';

/** The API's refusals name its options; the user sees the form's fields. */
export const FORM_WORDS: ReplayOptionWords = {
  secret: 'enter one under Secret',
  keepSignature: 'tick "Keep the original signature"',
  asCaptured: 'replay it "As captured"',
};

// Bumped whenever another delivery is picked, so answers for the one before are dropped.
let generation = 0;

function targetKey(d: Pick<DeliveryDetail, 'endpoint' | 'path'>): string {
  return TARGET_KEY + (d.endpoint ?? `path:${d.path}`);
}

function rememberedTarget(d: Pick<DeliveryDetail, 'endpoint' | 'path'>): string {
  try {
    return localStorage.getItem(targetKey(d)) ?? DEFAULT_TARGET;
  } catch {
    return DEFAULT_TARGET;
  }
}

interface ReplayState {
  ids: number[];
  /** The first delivery, in full: its endpoint keys the target, and its body and headers are editable. */
  base: DeliveryDetail | null;
  target: string;
  mode: SendMode;
  /** Secret to re-sign with instead of the endpoint's; empty for the endpoint's. */
  secret: string;
  /** Send an edit with the signature it was captured with (and edited signing headers as typed). */
  keepSignature: boolean;
  /** Edited body and headers text; null while unedited. Only for a single delivery. */
  bodyText: string | null;
  headersText: string | null;
  loading: boolean;
  sending: boolean;
  error: ApiError | null;
  results: Replay[];
  history: Replay[];
  /** Non-loopback hosts the user allowed in this session (the UI's answer to a refused target). */
  allowHosts: string[];
  prepare(ids: number[]): Promise<void>;
  /** Allows a refused host and sends again. */
  allowAndSend(host: string): Promise<void>;
  setTarget(target: string): void;
  setMode(mode: SendMode): void;
  setSecret(secret: string): void;
  setKeepSignature(keep: boolean): void;
  editBody(text: string): void;
  editHeaders(text: string): void;
  resetEdits(): void;
  send(): Promise<void>;
}

/** Past replays of more marked deliveries than this are not listed (one look-up each). */
const HISTORY_MAX_DELIVERIES = 50;

async function earlierReplays(ids: number[]): Promise<Replay[]> {
  if (ids.length > HISTORY_MAX_DELIVERIES) return [];
  const lists = await Promise.all(ids.map((deliveryId) => api.call('replays.list', { deliveryId })));
  return lists.flatMap((l) => l.items);
}

/** Replays newest first (ids grow with time), each once. */
export function newestFirst(replays: Replay[]): Replay[] {
  const seen = new Set<number>();
  return [...replays].sort((x, y) => y.id - x.id).filter((r) => !seen.has(r.id) && seen.add(r.id));
}

export const useReplay = create<ReplayState>()((set, get) => ({
  ids: [],
  base: null,
  target: DEFAULT_TARGET,
  mode: 'as-captured',
  secret: '',
  keepSignature: false,
  bodyText: null,
  headersText: null,
  loading: false,
  sending: false,
  error: null,
  results: [],
  history: [],
  allowHosts: [],

  async prepare(ids) {
    const mine = ++generation;
    const ordered = [...new Set(ids)].sort((a, b) => a - b);
    set({ ids: ordered, base: null, bodyText: null, headersText: null, secret: '', keepSignature: false, results: [], history: [], error: null, loading: true, sending: false });
    if (ordered.length === 0) return set({ loading: false });
    try {
      const base = await api.call('deliveries.get', { id: ordered[0]! });
      const history = newestFirst(await earlierReplays(ordered));
      if (mine !== generation) return;
      set({ base, history, target: rememberedTarget(base), loading: false });
    } catch (err) {
      if (mine !== generation) return;
      set({ error: asApiError(err), loading: false });
    }
  },

  setTarget(target) {
    set({ target });
    const { base } = get();
    try {
      if (base) localStorage.setItem(targetKey(base), target);
    } catch {
      // Storage may be unavailable (private mode): the target is simply not remembered.
    }
  },

  async allowAndSend(host) {
    set((s) => ({ allowHosts: s.allowHosts.includes(host) ? s.allowHosts : [...s.allowHosts, host] }));
    await get().send();
  },

  setMode: (mode) => set({ mode }),
  setSecret: (secret) => set({ secret }),
  setKeepSignature: (keepSignature) => set({ keepSignature }),
  editBody: (text) => set({ bodyText: text === get().base?.bodyText ? null : text }),
  editHeaders: (text) => set({ headersText: get().base && text === headersToText(get().base!.headers) ? null : text }),
  resetEdits: () => set({ bodyText: null, headersText: null }),

  async send() {
    const { ids, base, target, mode, secret, keepSignature, bodyText, headersText, allowHosts } = get();
    if (ids.length === 0) return;
    const mine = generation;
    let edits: { bodyBase64?: string; headers?: { name: string; value: string }[]; removeHeaders?: string[] } = {};
    if (base && ids.length === 1) {
      if (bodyText !== null) edits.bodyBase64 = textToBase64(bodyText);
      if (headersText !== null) {
        const parsed = parseHeadersText(headersText);
        if (!parsed.ok) return set({ error: new ApiError('bad-input', parsed.message) });
        const { set: changed, remove } = headerEdits(base.headers, parsed.headers);
        edits = { ...edits, ...(changed.length ? { headers: changed } : {}), ...(remove.length ? { removeHeaders: remove } : {}) };
      }
    }
    const signing = {
      ...(secret !== '' ? { secret } : {}),
      ...(keepSignature && mode === 'as-captured' ? { resign: false } : {}),
    };
    set({ sending: true, error: null, results: [] });
    try {
      const allowed = allowHosts.length ? { allowHosts } : {};
      const { replays } = await api.call('replay.send', { ids, target: target.trim(), mode, ...signing, ...edits, ...allowed });
      if (mine !== generation) return;
      set((s) => ({ results: replays, sending: false, history: newestFirst([...replays, ...s.history]) }));
    } catch (err) {
      if (mine !== generation) return;
      const error = asApiError(err);
      set({ error: error.code === 'bad-input' ? new ApiError(error.code, rewordReplayMessage(error.message, FORM_WORDS), error.issues) : error, sending: false });
    }
  },
}));
