// The Sender view: Hookscope plays the provider. One event at a time from the provider's catalogue
// (or an edited payload), signed with the secret given, delivered on the provider's retry schedule
// under a chosen clock. The run's attempts arrive as events; the run is re-read from the core on each
// one, since with the virtual clock they can all finish before `send.start` even answers.
import { create } from 'zustand';
import type { ApiError } from '../../shared/api/errors.js';
import type { ProviderSummary } from '../../shared/api/providers.js';
import type { SendRun } from '../../shared/api/sender.js';
import { api } from '../api/client.js';
import { asApiError } from '../api/errors.js';
import { textToBase64 } from '../lib/headers-text.js';
import { useEndpoints } from './endpoints.js';

export type ClockKind = 'virtual' | 'scaled' | 'real';

interface SenderState {
  provider: string;
  event: string;
  payload: string;
  /** The sample as the catalogue gives it: an unedited payload is left to the core to generate. */
  samplePayload: string;
  secret: string;
  target: string;
  clock: ClockKind;
  scale: number;
  batchId: number | null;
  run: SendRun | null;
  starting: boolean;
  error: ApiError | null;
  /** Picks a provider (and its first event), with the target and secret of an endpoint for it if one exists. */
  chooseProvider(id: string): void;
  chooseEvent(name: string): void;
  set(patch: Partial<Pick<SenderState, 'payload' | 'secret' | 'target' | 'clock' | 'scale'>>): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  refresh(batchId: number): Promise<void>;
}

const pretty = (sample: unknown) => JSON.stringify(sample, null, 2);

function sampleOf(provider: ProviderSummary | undefined, event: string): string {
  const found = provider?.events.find((e) => e.name === event);
  return found ? pretty(found.sample) : '';
}

export const useSender = create<SenderState>()((set, get) => ({
  provider: '',
  event: '',
  payload: '',
  samplePayload: '',
  secret: '',
  target: '',
  clock: 'virtual',
  scale: 60,
  batchId: null,
  run: null,
  starting: false,
  error: null,

  chooseProvider(id) {
    const { providers, endpoints, settings } = useEndpoints.getState();
    const provider = providers.find((p) => p.id === id);
    const endpoint = endpoints.find((e) => e.provider === id);
    const event = provider?.events[0]?.name ?? '';
    const receiver = settings?.receiverUrl ?? 'http://127.0.0.1:4747';
    const sample = sampleOf(provider, event);
    set({
      provider: id,
      event,
      payload: sample,
      samplePayload: sample,
      secret: endpoint?.secret ?? get().secret,
      target: `${receiver}${endpoint?.path ?? `/hooks/${id}`}`,
      error: null,
    });
  },

  chooseEvent(name) {
    const provider = useEndpoints.getState().providers.find((p) => p.id === get().provider);
    const sample = sampleOf(provider, name);
    set({ event: name, payload: sample, samplePayload: sample });
  },

  set: (patch) => set(patch),

  async start() {
    const { provider, event, payload, samplePayload, secret, target, clock, scale } = get();
    set({ starting: true, error: null, run: null, batchId: null });
    try {
      const { batchId, items } = await api.call('send.start', {
        provider,
        events: event ? [event] : [],
        ...(payload !== samplePayload ? { bodyBase64: textToBase64(payload) } : {}),
        to: target.trim(),
        secret: secret || null,
        clock: clock === 'scaled' ? { kind: 'scaled', scale } : { kind: clock },
      });
      set({ batchId, run: items[0] ?? null, starting: false });
      await get().refresh(batchId);
    } catch (err) {
      set({ error: asApiError(err), starting: false });
    }
  },

  async stop() {
    const { run } = get();
    if (!run) return;
    try {
      await api.call('send.stop', { id: run.id });
      await get().refresh(run.batchId);
    } catch (err) {
      set({ error: asApiError(err) });
    }
  },

  async refresh(batchId) {
    if (get().batchId !== batchId) return;
    try {
      const { items } = await api.call('sends.list', { batchId, limit: 10 });
      if (get().batchId === batchId && items[0]) set({ run: items[0] });
    } catch (err) {
      set({ error: asApiError(err) });
    }
  },
}));

/** One click from the empty inbox: a provider's sample event, signed, sent to this Hookscope's receiver. */
export async function sendSampleToSelf(): Promise<ApiError | null> {
  const { providers, settings } = useEndpoints.getState();
  const provider = providers.find((p) => p.id === 'agiletune' && p.events.length) ?? providers.find((p) => p.events.length);
  if (!provider || !settings?.receiverUrl) return null;
  try {
    await api.call('send.start', {
      provider: provider.id,
      events: [provider.events[0]!.name],
      to: `${settings.receiverUrl}/hooks/sample`,
      secret: 'sample-secret',
      clock: { kind: 'virtual' },
    });
    return null;
  } catch (err) {
    return asApiError(err);
  }
}
