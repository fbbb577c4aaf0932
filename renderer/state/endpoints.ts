// Endpoints, the providers they can name (from the API: the renderer never loads provider code, which
// needs node:crypto) and the server settings (the receiver URL users point providers at).
import { create } from 'zustand';
import type { MethodInput, MethodOutput } from '../../shared/api/contract.js';
import type { ApiError } from '../../shared/api/errors.js';
import type { ProviderSummary } from '../../shared/api/providers.js';
import type { Endpoint } from '../../shared/domain.js';
import { api } from '../api/client.js';
import { asApiError } from '../api/errors.js';

export type Settings = MethodOutput<'settings.get'>;
export type EndpointInput = MethodInput<'endpoints.create'>;

interface EndpointsState {
  endpoints: Endpoint[];
  providers: ProviderSummary[];
  settings: Settings | null;
  error: ApiError | null;
  loadAll(): Promise<void>;
  reloadEndpoints(): Promise<void>;
  /** Resolves to the error to show beside the form, or null on success. */
  create(input: EndpointInput): Promise<ApiError | null>;
  update(id: number, patch: Partial<EndpointInput>): Promise<ApiError | null>;
  remove(id: number): Promise<ApiError | null>;
  /**
   * One endpoint with its secrets in clear, for the forms that need them (edit, sender prefill). The
   * list above holds them masked: the API gives secrets only when asked, and the page keeps them out
   * of its HTML.
   */
  revealed(id: number): Promise<Endpoint | null>;
}

async function attempt(fn: () => Promise<unknown>): Promise<ApiError | null> {
  try {
    await fn();
    return null;
  } catch (err) {
    return asApiError(err);
  }
}

export const useEndpoints = create<EndpointsState>()((set, get) => ({
  endpoints: [],
  providers: [],
  settings: null,
  error: null,

  async loadAll() {
    try {
      const [endpoints, providers, settings] = await Promise.all([
        api.call('endpoints.list', {}),
        api.call('providers.list', {}),
        api.call('settings.get', {}),
      ]);
      set({ endpoints: endpoints.items, providers: providers.items, settings, error: null });
    } catch (err) {
      set({ error: asApiError(err) });
    }
  },

  async reloadEndpoints() {
    try {
      set({ endpoints: (await api.call('endpoints.list', {})).items });
    } catch (err) {
      set({ error: asApiError(err) });
    }
  },

  create: (input) => attempt(async () => {
    await api.call('endpoints.create', input);
    await get().reloadEndpoints();
  }),
  update: (id, patch) => attempt(async () => {
    await api.call('endpoints.update', { id, patch });
    await get().reloadEndpoints();
  }),
  remove: (id) => attempt(async () => {
    await api.call('endpoints.delete', { id });
    await get().reloadEndpoints();
  }),
  async revealed(id) {
    const { items } = await api.call('endpoints.list', { showSecrets: true });
    return items.find((e) => e.id === id) ?? null;
  },
}));

export function providerName(providers: readonly ProviderSummary[], id: string | null): string | null {
  if (!id) return null;
  return providers.find((p) => p.id === id)?.name ?? id;
}
