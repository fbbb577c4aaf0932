// Builds the renderer (renderer/ → dist/renderer). `base: './'` makes every asset URL relative, so the
// same build loads from the headless server (http://127.0.0.1:<port>/) and from Electron's
// app://hookscope/ protocol. No inline scripts or styles are emitted, so the strict CSP of both
// shells (script-src 'self') holds.
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  root: path.join(root, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: path.join(root, 'dist/renderer'),
    emptyOutDir: true,
    target: 'es2023',
    // Chromium is the only browser that runs it (Electron, or the user's browser for the headless UI);
    // the module-preload polyfill would only add an inline-free but useless script.
    modulePreload: { polyfill: false },
    // Inline data: assets would need img-src/font-src data: everywhere; keep every asset a file.
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1', strictPort: false },
});
