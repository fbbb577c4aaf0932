// The layers and the import graph, enforced by dependency-cruiser with the project's own rules
// (.dependency-cruiser.cjs, also run by `npm run lint`): the real tree has no cycle and no import
// across a layer, and each rule fails on a small tree with one file that breaks it.
import fs from 'node:fs';
import path from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../support/cli.js';
import { removeTempDirs, tempDir } from '../../support/temp.js';

afterAll(removeTempDirs);

const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');

/** `rule: from → to` for every violation found cruising `dirs` under `baseDir` (the project's rules). */
async function violations(baseDir: string, dirs: string[]): Promise<string[]> {
  const options = await extractDepcruiseOptions(CONFIG);
  const tsConfig = path.join(baseDir, 'tsconfig.json');
  const { output } = await cruise(dirs, { ...options, baseDir, tsConfig: { fileName: tsConfig } });
  const result = output as ICruiseResult;
  return (result.summary.violations ?? []).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

/** A small tree in a temp folder: the files given (path → source), with the project's module settings. */
function tree(files: Record<string, string>): string {
  const dir = tempDir('hookscope-layers-');
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true, noEmit: true } }));
  for (const [file, source] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), source);
  }
  return dir;
}

const EXPORT = 'export const x = 1;\n';
const importing = (specifier: string) => `import { x } from '${specifier}';\nexport const y = x;\n`;
const DIRS = ['electron', 'shared', 'renderer', 'bench'];

/** Each rule, a tree with one file that breaks it, and the import it must report. */
const BREAKS: Array<{ rule: string; files: Record<string, string>; from: string; to: string }> = [
  {
    rule: 'no-cycles',
    files: { 'electron/core/a.ts': importing('./b.js'), 'electron/core/b.ts': `import type { y } from './a.js';\nexport const x = 1;\nexport type Y = typeof y;\n` },
    from: 'electron/core/a.ts',
    to: 'electron/core/b.ts',
  },
  {
    rule: 'shared-stays-shared',
    files: { 'shared/probe.ts': importing('../electron/core/context.js'), 'electron/core/context.ts': EXPORT },
    from: 'shared/probe.ts',
    to: 'electron/core/context.ts',
  },
  {
    rule: 'renderer-not-node',
    files: { 'renderer/state/probe.ts': `import fs from 'node:fs';\nexport const y = fs.existsSync;\n` },
    from: 'renderer/state/probe.ts',
    to: 'fs', // dependency-cruiser names Node's modules without the node: prefix
  },
  {
    rule: 'renderer-not-electron',
    files: { 'renderer/state/probe.ts': importing('../../electron/core/index.js'), 'electron/core/index.ts': EXPORT },
    from: 'renderer/state/probe.ts',
    to: 'electron/core/index.ts',
  },
  {
    rule: 'renderer-state-below-features',
    files: { 'renderer/state/probe.ts': importing('../features/sender/view-model.js'), 'renderer/features/sender/view-model.ts': EXPORT },
    from: 'renderer/state/probe.ts',
    to: 'renderer/features/sender/view-model.ts',
  },
  {
    rule: 'store-imports-nothing-above',
    files: { 'electron/core/store/probe.ts': importing('../sender/plan.js'), 'electron/core/sender/plan.ts': EXPORT },
    from: 'electron/core/store/probe.ts',
    to: 'electron/core/sender/plan.ts',
  },
  {
    rule: 'handlers-are-the-top',
    files: { 'electron/core/replay/probe.ts': importing('../handlers/deliveries.js'), 'electron/core/handlers/deliveries.ts': EXPORT },
    from: 'electron/core/replay/probe.ts',
    to: 'electron/core/handlers/deliveries.ts',
  },
  {
    rule: 'core-imports-no-shell',
    files: { 'electron/core/probe.ts': importing('../server/cli-kit.js'), 'electron/server/cli-kit.ts': EXPORT },
    from: 'electron/core/probe.ts',
    to: 'electron/server/cli-kit.ts',
  },
  {
    rule: 'shells-stand-apart',
    files: { 'electron/main/probe.ts': importing('../server/static.js'), 'electron/server/static.ts': EXPORT },
    from: 'electron/main/probe.ts',
    to: 'electron/server/static.ts',
  },
  {
    rule: 'shells-stand-apart-too',
    files: { 'electron/server/probe.ts': importing('../main/origins.js'), 'electron/main/origins.ts': EXPORT },
    from: 'electron/server/probe.ts',
    to: 'electron/main/origins.ts',
  },
  {
    rule: 'shells-enter-the-core-by-its-door',
    files: { 'electron/server/commands/probe.ts': importing('../../core/store/index.js'), 'electron/core/store/index.ts': EXPORT },
    from: 'electron/server/commands/probe.ts',
    to: 'electron/core/store/index.ts',
  },
  {
    rule: 'shells-enter-the-core-by-its-door',
    files: { 'bench/probe.ts': importing('../electron/core/receiver/receiver.js'), 'electron/core/receiver/receiver.ts': EXPORT },
    from: 'bench/probe.ts',
    to: 'electron/core/receiver/receiver.ts',
  },
];

describe('the layer rules', () => {
  it('find no cycle and no import across a layer in the real tree', async () => {
    expect(await violations(ROOT, [...DIRS, 'test'])).toEqual([]);
  }, 180_000);

  it('cover every rule of the configuration with a failing example below', async () => {
    const { ruleSet } = await extractDepcruiseOptions(CONFIG);
    expect(new Set(BREAKS.map((b) => b.rule))).toEqual(new Set((ruleSet?.forbidden ?? []).map((r) => r.name)));
  });

  for (const { rule, files, from, to } of BREAKS) {
    it(`${rule}: fails on ${from} importing ${to}`, async () => {
      const found = await violations(tree(files), DIRS.filter((d) => Object.keys(files).some((f) => f.startsWith(`${d}/`))));
      expect(found, found.join('\n')).toContain(`${rule}: ${from} → ${to}`);
      expect(found.every((v) => v.startsWith(`${rule}:`))).toBe(true);
    }, 60_000);
  }

  it('let the core’s own entry point through, and a store use the store', async () => {
    const files = {
      'electron/server/commands/probe.ts': importing('../../core/index.js'),
      'electron/core/index.ts': importing('./store/index.js'),
      'electron/core/store/index.ts': importing('./connection.js'),
      'electron/core/store/connection.ts': EXPORT,
    };
    expect(await violations(tree(files), ['electron'])).toEqual([]);
  }, 60_000);
});
