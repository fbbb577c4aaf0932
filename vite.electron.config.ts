// Builds Electron's two entry points into dist/electron/ with one `vite build -c vite.electron.config.ts`
// (two Vite environments, built one after the other):
// - main.js: an ES module (the package is "type": "module"; main uses import.meta.dirname). electron,
//   the native packages (better-sqlite3; @ngrok/ngrok, loaded only when the tunnel setting asks for
//   ngrok) and Node's builtins stay external; everything else (core, shared, zod) is bundled, so the
//   packaged app needs only those two from node_modules.
// - preload.cjs: ONE CommonJS file with everything inlined but 'electron', because a sandboxed preload
//   can neither be an ES module nor require anything else.
// Vite 8 ignores build.rollupOptions.external: externals go in build.rolldownOptions.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { defineConfig, type BuildEnvironmentOptions } from 'vite';

const OUT_DIR = 'dist/electron';
const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

function library(entry: string, fileName: string, format: 'es' | 'cjs', external: string[]): BuildEnvironmentOptions {
  return {
    outDir: OUT_DIR,
    // Both environments write into the same folder, so neither wipes it: buildApp cleans it once.
    emptyOutDir: false,
    target: 'node22',
    minify: false,
    sourcemap: true,
    reportCompressedSize: false,
    copyPublicDir: false,
    lib: { entry, formats: [format] },
    rolldownOptions: {
      external,
      output: { entryFileNames: fileName, codeSplitting: false },
    },
  };
}

export default defineConfig({
  publicDir: false,
  appType: 'custom',
  builder: {
    buildApp: async (builder) => {
      const targets = [builder.environments.main!, builder.environments.preload!];
      for (const env of targets) fs.rmSync(path.resolve(env.config.root, env.config.build.outDir), { recursive: true, force: true });
      for (const env of targets) await builder.build(env);
    },
  },
  environments: {
    main: {
      consumer: 'server',
      resolve: { noExternal: true },
      build: library('electron/main/index.ts', 'main.js', 'es', ['electron', 'better-sqlite3', '@ngrok/ngrok', ...NODE_BUILTINS]),
    },
    preload: {
      consumer: 'client',
      resolve: { noExternal: true },
      build: library('electron/preload/index.ts', 'preload.cjs', 'cjs', ['electron']),
    },
  },
});
