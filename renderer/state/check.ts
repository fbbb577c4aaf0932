// The Check view: a provider, a target and a secret (prefilled from an endpoint for that provider), and
// the scorecard of the last run, filled in from the core's `check.*` events as each check finishes.
// The run id is chosen here and passed to `check.run`, so events of another run (another window, the
// CLI on the same core) are never mixed in.
import { create } from 'zustand';
import type { CheckReport, CheckResult } from '../../shared/api/check.js';
import type { EventPayload } from '../../shared/api/contract.js';
import type { ApiError } from '../../shared/api/errors.js';
import { api } from '../api/client.js';
import { asApiError } from '../api/errors.js';
import { useEndpoints } from './endpoints.js';

export interface PlannedRow {
  id: CheckResult['id'];
  title: string;
  /** Known once the check ran (or was skipped); null while it waits. */
  result: CheckResult | null;
}

interface CheckState {
  provider: string;
  endpointId: number | null;
  target: string;
  secret: string;
  runId: string | null;
  running: boolean;
  rows: PlannedRow[];
  report: CheckReport | null;
  error: ApiError | null;
  chooseProvider(id: string): void;
  /** Fills provider, secret and (its forward target, if any) from an endpoint. */
  chooseEndpoint(id: number | null): void;
  set(patch: Partial<Pick<CheckState, 'target' | 'secret'>>): void;
  run(): Promise<void>;
  started(e: EventPayload<'check.started'>): void;
  result(e: EventPayload<'check.result'>): void;
  finished(e: EventPayload<'check.finished'>): void;
}

const newRunId = () => `ui-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export const useCheck = create<CheckState>()((set, get) => ({
  provider: '',
  endpointId: null,
  target: 'http://127.0.0.1:3000/webhooks',
  secret: '',
  runId: null,
  running: false,
  rows: [],
  report: null,
  error: null,

  chooseProvider(id) {
    const endpoint = useEndpoints.getState().endpoints.find((e) => e.provider === id);
    set({ provider: id, endpointId: endpoint?.id ?? null, secret: '', ...(endpoint?.forwardTo ? { target: endpoint.forwardTo } : {}) });
    if (endpoint) revealSecret(endpoint.id);
  },

  chooseEndpoint(id) {
    const endpoint = useEndpoints.getState().endpoints.find((e) => e.id === id);
    if (!endpoint) return set({ endpointId: null });
    set({ endpointId: endpoint.id, provider: endpoint.provider ?? get().provider, secret: '', ...(endpoint.forwardTo ? { target: endpoint.forwardTo } : {}) });
    revealSecret(endpoint.id);
  },

  set: (patch) => set(patch),

  async run() {
    const { provider, target, secret } = get();
    const runId = newRunId();
    set({ runId, running: true, rows: [], report: null, error: null });
    try {
      await api.call('check.run', { runId, provider, to: target.trim(), secret: secret || null });
    } catch (err) {
      if (get().runId === runId) set({ running: false, error: asApiError(err) });
    }
  },

  started(e) {
    if (e.runId !== get().runId) return;
    set({ rows: e.checks.map((c) => ({ id: c.id, title: c.title, result: null })) });
  },

  result(e) {
    if (e.runId !== get().runId) return;
    set({ rows: get().rows.map((row) => (row.id === e.check.id ? { ...row, result: e.check } : row)) });
  },

  finished(e) {
    if (e.runId !== get().runId) return;
    set({ running: false, report: e.report, rows: e.report.checks.map((c) => ({ id: c.id, title: c.title, result: c })) });
  },
}));

/**
 * Endpoints are listed with their secrets masked: the endpoint's secret itself is asked for when it is
 * chosen, and filled in only if that endpoint is still the one chosen when it arrives.
 */
function revealSecret(endpointId: number): void {
  void useEndpoints
    .getState()
    .revealed(endpointId)
    .then((endpoint) => {
      if (useCheck.getState().endpointId === endpointId) useCheck.setState({ secret: endpoint?.secret ?? '' });
    })
    .catch(() => {});
}
