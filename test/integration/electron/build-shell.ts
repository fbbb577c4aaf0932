// Builds the Electron entry points with the project's real vite.electron.config.ts into a scratch
// folder laid out like the project (dist/electron beside a node_modules link), so tests exercise the
// bundles that ship, not the sources.
import fs from 'node:fs';
import path from 'node:path';
import { createBuilder } from 'vite';
import { ROOT } from '../../support/cli.js';
import { tempDir } from '../../support/temp.js';

export interface BuiltShell {
  /** Plays the project root: dist/electron/{main.js,preload.cjs,host.js}, node_modules -> the real one. */
  appDir: string;
  mainFile: string;
  preloadFile: string;
  hostFile: string;
}

export async function buildShell(): Promise<BuiltShell> {
  const appDir = tempDir('hookscope-shell-');
  const outDir = path.join(appDir, 'dist', 'electron');
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(appDir, 'node_modules'), 'dir');
  const builder = await createBuilder({
    root: ROOT,
    configFile: path.join(ROOT, 'vite.electron.config.ts'),
    logLevel: 'silent',
    environments: { main: { build: { outDir } }, preload: { build: { outDir } }, host: { build: { outDir } } },
  });
  await builder.buildApp();
  return { appDir, mainFile: path.join(outDir, 'main.js'), preloadFile: path.join(outDir, 'preload.cjs'), hostFile: path.join(outDir, 'host.js') };
}
