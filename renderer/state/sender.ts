// The Sender view: Hookscope plays the provider. One event, or a batch of them (count, duplicates,
// shuffle…), from the provider's catalogue (or an edited payload), signed with the secret given,
// delivered on the provider's retry schedule under a chosen clock. Attempts arrive as events; the
// batch's runs are re-read from the core on each one, since with the virtual clock they can all finish
// before `send.start` even answers. Re-reads are coalesced: a batch of hundreds of runs announces
// thousands of attempts, and one read in flight plus one after it is always enough. Each read holds
// the batch's first RUNS_SHOWN runs and the core's totals over all of them, so a larger batch's
// counts stay right.
import { create } from 'zustand';
import type { ApiError } from '../../shared/api/errors.js';
import type { ProviderSummary } from '../../shared/api/providers.js';
import type { SendBatchSummary, SendRun } from '../../shared/api/sender.js';
import { api } from '../api/client.js';
import { asApiError } from '../api/errors.js';
import { batchFields, DEFAULT_BATCH, type BatchOptions } from './batch-options.js';
import { coalescedRead } from '../lib/coalesced-read.js';
import { textToBase64 } from '../lib/headers-text.js';
import { receiverEndpoint } from '../lib/receiver-target.js';
import { useEndpoints } from './endpoints.js';
import { readingFields, useReadingOptions } from './reading-options.js';

export type ClockKind = 'virtual' | 'scaled' | 'real';

/** The most runs `sends.list` returns at once: a larger batch shows its first ones. */
export const RUNS_SHOWN = 1000;

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
  batch: BatchOptions;
  batchId: number | null;
  /** The batch's runs in delivery order (the first RUNS_SHOWN of them). */
  runs: SendRun[];
  /** How many runs the batch has in all. */
  runTotal: number;
  /** The whole batch's totals from the core (the runs held here may be only its first RUNS_SHOWN). */
  summary: SendBatchSummary | null;
  /** The run whose attempts the timeline shows. */
  selectedRunId: number | null;
  starting: boolean;
  error: ApiError | null;
  /** Picks a provider (and its first event), with the target and secret of an endpoint for it if one exists. */
  chooseProvider(id: string): void;
  chooseEvent(name: string): void;
  set(patch: Partial<Pick<SenderState, 'payload' | 'secret' | 'clock' | 'scale'>>): void;
  /** A new target; aimed at one of this Hookscope's endpoints, the secret becomes that endpoint's. */
  setTarget(target: string): void;
  /** The endpoint whose secret the form holds because the target points at it, or null. */
  followedEndpoint: string | null;
  /** Shows a run from the runs panel (its batch, with it picked). */
  openRun(run: SendRun): void;
  setBatch(patch: Partial<BatchOptions>): void;
  selectRun(id: number): void;
  start(): Promise<void>;
  /** Stops every run of the batch still scheduled. */
  stop(): Promise<void>;
  refresh(batchId: number): Promise<void>;
}

const pretty = (sample: unknown) => JSON.stringify(sample, null, 2);

function sampleOf(provider: ProviderSummary | undefined, event: string): string {
  const found = provider?.events.find((e) => e.name === event);
  return found ? pretty(found.sample) : '';
}

/** The run the timeline shows: the one picked, else the first. */
export function selectedRun(s: Pick<SenderState, 'runs' | 'selectedRunId'>): SendRun | null {
  return s.runs.find((r) => r.id === s.selectedRunId) ?? s.runs[0] ?? null;
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
  batch: DEFAULT_BATCH,
  batchId: null,
  runs: [],
  runTotal: 0,
  summary: null,
  selectedRunId: null,
  starting: false,
  error: null,
  followedEndpoint: null,

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
      secret: get().secret,
      target: `${receiver}${endpoint?.path ?? `/hooks/${id}`}`,
      followedEndpoint: endpoint?.path ?? null,
      // Event names belong to one catalogue, and only some providers retry at an interval.
      batch: { ...get().batch, events: '', retryEveryMs: '' },
      error: null,
    });
    // The endpoint's secret, asked for only now (the endpoint list holds secrets masked).
    if (endpoint?.secret) {
      void useEndpoints
        .getState()
        .revealed(endpoint.id)
        .then((e) => {
          if (e?.secret && get().provider === id) set({ secret: e.secret });
        })
        .catch(() => {});
    }
  },

  chooseEvent(name) {
    const provider = useEndpoints.getState().providers.find((p) => p.id === get().provider);
    const sample = sampleOf(provider, name);
    set({ event: name, payload: sample, samplePayload: sample });
  },

  set: (patch) => set({ ...patch, ...(patch.secret !== undefined ? { followedEndpoint: null } : {}) }),

  setTarget(target) {
    const { endpoints, settings } = useEndpoints.getState();
    const endpoint = receiverEndpoint(target, settings?.receiverUrl, endpoints);
    // The secret follows the endpoint the target lands on, or a capture there could never verify.
    if (!endpoint) return set({ target, followedEndpoint: null });
    set({ target, secret: '', followedEndpoint: endpoint.path });
    // The list holds secrets masked: the endpoint's own is asked for, and used if the target still lands there.
    void useEndpoints
      .getState()
      .revealed(endpoint.id)
      .then((e) => {
        if (get().followedEndpoint === endpoint.path) set({ secret: e?.secret ?? '' });
      })
      .catch(() => {});
  },

  openRun(run) {
    set({ batchId: run.batchId, selectedRunId: run.id, runs: [run], runTotal: 1, summary: null, error: null });
    void get().refresh(run.batchId);
  },

  setBatch: (patch) => set({ batch: { ...get().batch, ...patch } }),

  selectRun: (id) => set({ selectedRunId: id }),

  async start() {
    const { provider, event, payload, samplePayload, secret, target, clock, scale, batch } = get();
    set({ starting: true, error: null, runs: [], runTotal: 0, summary: null, selectedRunId: null, batchId: null });
    try {
      const { batchId, items, batch: summary } = await api.call('send.start', {
        provider,
        ...batchFields(batch, event),
        ...(payload !== samplePayload ? { bodyBase64: textToBase64(payload) } : {}),
        ...readingFields(useReadingOptions.getState(), useEndpoints.getState().providers.find((p) => p.id === provider), payload !== samplePayload),
        to: target.trim(),
        secret: secret || null,
        clock: clock === 'scaled' ? { kind: 'scaled', scale } : { kind: clock },
      });
      set({ batchId, runs: items.slice(0, RUNS_SHOWN), runTotal: summary.total, summary, starting: false });
      await get().refresh(batchId);
    } catch (err) {
      set({ error: asApiError(err), starting: false });
    }
  },

  async stop() {
    const { batchId } = get();
    if (batchId === null) return;
    try {
      await api.call('send.stop', { batchId });
      await get().refresh(batchId);
    } catch (err) {
      set({ error: asApiError(err) });
    }
  },

  async refresh(batchId) {
    if (get().batchId !== batchId) return;
    await readShownBatch();
  },
}));

/** Reads the batch shown now: a new one may have started while the last read was in flight. */
const readShownBatch = coalescedRead(
  async () => {
    const current = useSender.getState().batchId;
    if (current === null) return;
    const { items, batch: summary } = await api.call('sends.list', { batchId: current, limit: RUNS_SHOWN });
    if (useSender.getState().batchId === current && items.length) useSender.setState({ runs: items, ...(summary ? { summary, runTotal: summary.total } : {}) });
  },
  (err) => useSender.setState({ error: asApiError(err) }),
);

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
