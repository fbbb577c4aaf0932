// The Electron shell cannot run here (no Electron binary), so the type checker is its first line of
// defence: main and preload must compile under the project's strict settings against Electron's own
// type definitions (node_modules/electron/electron.d.ts), not a hand-written stand-in.
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../support/cli.js';

const ENTRY_POINTS = ['electron/main/index.ts', 'electron/preload/index.ts'].map((f) => path.join(ROOT, f));

function programForShell(): ts.Program {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error('cannot read tsconfig.json');
  // Same options as `npm run typecheck`, rooted at the two entry points (they pull in the rest).
  return ts.createProgram(ENTRY_POINTS, parsed.options);
}

describe('Electron shell types', () => {
  const program = programForShell();
  const shellFiles = program
    .getSourceFiles()
    .filter((f) => /[\\/]electron[\\/](main|preload)[\\/]/.test(f.fileName) && !f.fileName.includes('node_modules'));

  it('checks main and preload against the types shipped with electron', () => {
    const electronTypes = program.getSourceFiles().find((f) => /node_modules[\\/]electron[\\/]electron\.d\.ts$/.test(f.fileName));
    expect(electronTypes, 'electron.d.ts is part of the program').toBeDefined();
    expect(program.getCompilerOptions().strict).toBe(true);
    expect(shellFiles.map((f) => path.relative(ROOT, f.fileName))).toEqual(expect.arrayContaining(['electron/main/window.ts', 'electron/preload/surface.ts']));
  });

  it('finds no type error in electron/main or electron/preload', () => {
    const diagnostics = shellFiles.flatMap((f) => [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)]);
    const text = diagnostics.map((d) => `${path.relative(ROOT, d.file?.fileName ?? '?')}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    expect(text).toEqual([]);
  }, 60_000);
});
