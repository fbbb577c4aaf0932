// The preload: exposes `window.hookscope` (built from the API contract in surface.ts) and nothing else.
// Bundled into ONE CommonJS file (dist/electron/preload.cjs): a sandboxed preload cannot be an ES
// module, and may require only 'electron'.
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from './surface.js';

contextBridge.exposeInMainWorld('hookscope', buildBridge(ipcRenderer));
