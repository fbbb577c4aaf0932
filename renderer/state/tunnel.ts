// The receiver's tunnel (issue #21): its status, loaded on (re)connection and kept by `tunnel.changed`.
// The run's settings (useEndpoints) follow it, so the status bar and each endpoint show the public URL
// the moment the tunnel is up, and stop showing it when it goes.
import { create } from 'zustand';
import type { TunnelStatus } from '../../shared/api/tunnel.js';
import { api } from '../api/client.js';
import { useEndpoints } from './endpoints.js';

interface TunnelState {
  status: TunnelStatus | null;
  load(): Promise<void>;
  changed(status: TunnelStatus): void;
}

export const useTunnel = create<TunnelState>()((set) => ({
  status: null,
  async load() {
    try {
      useTunnel.getState().changed(await api.call('tunnel.status', {}));
    } catch {
      // The settings view says "unknown"; the status bar shows what settings.get said.
    }
  },
  changed(status) {
    set({ status });
    useEndpoints.setState((s) => (s.settings ? { settings: { ...s.settings, publicUrl: status.publicUrl, tunnel: status.state === 'up' ? status.engine : null } } : {}));
  },
}));
