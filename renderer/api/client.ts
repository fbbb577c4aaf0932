// The one place that picks the transport: Electron's preload bridge when the page runs in the
// desktop app (window.hookscope), else the headless server's HTTP bridge on this page's origin.
// Views and stores import `api` and never learn which one they got.
import type { HookscopeBridge } from '../../shared/api/bridge.js';
import { createHttpTransport } from './http-transport.js';
import { createIpcTransport } from './ipc-transport.js';
import { takeTokenFromLocation } from './token.js';
import type { RendererApi } from './transport.js';

declare global {
  interface Window {
    hookscope?: HookscopeBridge;
  }
}

function pickTransport(): RendererApi {
  if (window.hookscope) return createIpcTransport(window.hookscope);
  return createHttpTransport(takeTokenFromLocation());
}

export const api: RendererApi = pickTransport();
export type { Connection, RendererApi } from './transport.js';
