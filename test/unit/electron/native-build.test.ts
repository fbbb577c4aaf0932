// better-sqlite3's Electron build (scripts/build-electron-native.mjs): the ABI it records is the one
// @electron/rebuild asks prebuild-install for, and the line printed before a build says what the first
// start is about to do and how long a compile takes. Nothing is built or downloaded here.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildingLine, wantedManifest } from '../../../scripts/build-electron-native.mjs';

const require = createRequire(import.meta.url);

describe('the Electron build of better-sqlite3', () => {
  it("records Electron's ABI as @electron/rebuild's node-abi maps it, the ABI of the prebuilt it asks for", async () => {
    const manifest = wantedManifest();
    const rebuildLib = path.dirname(require.resolve('@electron/rebuild')); // its lib/main.js
    // @electron/rebuild resolves its own node-abi (nested when the hoisted one is older).
    const nodeAbiEntry = createRequire(path.join(rebuildLib, 'rebuild.js')).resolve('node-abi');
    const { getAbi } = (await import(pathToFileURL(nodeAbiEntry).href)) as { getAbi: (target: string, runtime: string) => string };
    expect(getAbi(manifest.electron, 'electron')).toBe(manifest.abi);
  });

  it('says, before building, which prebuilt it looks for and that a compile from source takes minutes', () => {
    const line = buildingLine({ betterSqlite3: '12.11.1', electron: '41.7.1', abi: '145', platform: 'linux', arch: 'x64' });
    expect(line).toContain('better-sqlite3 12.11.1 for Electron 41.7.1 (ABI 145)');
    expect(line).toContain('electron-v145-linux-x64');
    expect(line).toMatch(/compile from source \(about \d+ minutes/);
    expect(line).not.toContain('\n');
  });
});
