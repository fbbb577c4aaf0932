// Layering: only electron/main and electron/preload may import `electron`. The core, the CLI/headless
// server, shared/ and the renderer stay runtime-neutral, so they run (and are tested) in plain Node and
// in a browser. Checked twice: by the project's ESLint rule through ESLint's Node API, and by scanning
// the source tree, so neither a lint-config slip nor an unlinted file lets an import through.
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../support/cli.js';

const NEUTRAL_DIRS = ['electron/core', 'electron/host', 'electron/server', 'shared', 'renderer'];
const SHELL_DIRS = ['electron/main', 'electron/preload'];
const SOURCE = /\.(c|m)?(t|j)sx?$/;
const ELECTRON_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]electron(?:\/[^'"]*)?['"]/m;

// The project's own config, running only the rule under test (the rest is `npm run lint`'s job).
const eslint = new ESLint({ cwd: ROOT, ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports' });

function restrictedImportErrors(results: ESLint.LintResult[]) {
  return results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${path.relative(ROOT, r.filePath)}: ${m.message}`));
}

async function lintAs(file: string, code: string) {
  return restrictedImportErrors(await eslint.lintText(code, { filePath: path.join(ROOT, file) }));
}

function sourceFiles(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return (fs.readdirSync(abs, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile() && SOURCE.test(d.name))
    .map((d) => path.join(d.parentPath, d.name));
}

describe('the electron import rule (ESLint)', () => {
  it('rejects electron in the core, the server, shared/ and the renderer', async () => {
    for (const file of ['electron/core/probe.ts', 'electron/host/probe.ts', 'electron/server/probe.ts', 'shared/probe.ts', 'renderer/probe.tsx']) {
      expect(await lintAs(file, "import { app } from 'electron';\nexport const probe = app;\n"), file).toHaveLength(1);
    }
  });

  it('rejects electron subpaths too', async () => {
    expect(await lintAs('shared/probe.ts', "import { ipcRenderer } from 'electron/renderer';\nexport const probe = ipcRenderer;\n")).toHaveLength(1);
  });

  it('allows electron in the main process and the preload', async () => {
    for (const file of ['electron/main/probe.ts', 'electron/preload/probe.ts']) {
      expect(await lintAs(file, "import { app } from 'electron';\nexport const probe = app;\n"), file).toEqual([]);
    }
  });

  it('finds no electron import in the real runtime-neutral files', async () => {
    const files = NEUTRAL_DIRS.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(10);
    expect(restrictedImportErrors(await eslint.lintFiles(files))).toEqual([]);
  }, 60_000);
});

describe('the source tree', () => {
  it('imports electron only under electron/main and electron/preload', () => {
    const offenders = NEUTRAL_DIRS.flatMap(sourceFiles).filter((f) => ELECTRON_IMPORT.test(fs.readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(ROOT, f))).toEqual([]);
  });

  it('does import electron where the shell needs it (so the scan can see an import)', () => {
    const shellImports = SHELL_DIRS.flatMap(sourceFiles).filter((f) => ELECTRON_IMPORT.test(fs.readFileSync(f, 'utf8')));
    expect(shellImports.map((f) => path.relative(ROOT, f))).toContain(path.join('electron', 'preload', 'index.ts'));
  });

  it('keeps the Node-testable parts of the shell free of electron', () => {
    const pure = ['ipc-bridge.ts', 'origins.ts', 'app-files.ts', 'core-connection.ts', 'handover-link.ts', 'native-binding.ts'].map((f) => path.join(ROOT, 'electron/main', f));
    pure.push(path.join(ROOT, 'electron/preload/surface.ts'));
    expect(pure.filter((f) => ELECTRON_IMPORT.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(ROOT, f))).toEqual([]);
  });
});
