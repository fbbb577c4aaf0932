// Custom providers from files: every `*.json`, `*.yaml` or `*.yml` in the user's providers folder
// (`<data folder>/providers`) and in the folders listed in $HOOKSCOPE_PROVIDERS (path-list separated)
// is parsed with the same schema as the built-in providers and registered at start-up. A broken file
// never stops Hookscope: it is reported with the field at fault, and the other providers load.
import fs from 'node:fs';
import path from 'node:path';
import { parseProviderFile } from '../../shared/providers/custom.js';
import { builtInProviderIds, getProvider, registerProvider } from '../../shared/providers/registry.js';
import { defaultDataDir } from './paths.js';

const BUILT_IN_IDS = builtInProviderIds();

export interface CustomProviderLoad {
  loaded: Array<{ id: string; file: string }>;
  /** One line per file that could not be used: "<file>: <field>: <problem>". */
  errors: string[];
}

export function customProviderDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const extra = (env.HOOKSCOPE_PROVIDERS ?? '').split(path.delimiter).filter(Boolean);
  return [path.join(defaultDataDir(), 'providers'), ...extra];
}

export function loadCustomProviders(dirs: readonly string[] = customProviderDirs()): CustomProviderLoad {
  const result: CustomProviderLoad = { loaded: [], errors: [] };
  for (const dir of dirs) {
    for (const file of providerFiles(dir)) {
      try {
        const spec = checkProviderFile(file);
        registerProvider(spec);
        result.loaded.push({ id: spec.id, file });
      } catch (err) {
        result.errors.push((err as Error).message);
      }
    }
  }
  return result;
}

/** Parses one provider file; throws with "<file>: <field>: <problem>" when it is not usable. */
export function checkProviderFile(file: string) {
  const spec = parseProviderFile(fs.readFileSync(file, 'utf8'), file);
  if (BUILT_IN_IDS.has(spec.id)) throw new Error(`${file}: id: "${spec.id}" is a built-in provider; choose another id`);
  const existing = getProvider(spec.id);
  if (existing && existing.name !== spec.name) throw new Error(`${file}: id: "${spec.id}" is already used by another provider file`);
  return spec;
}

function providerFiles(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return []; // no such folder: nothing to load
  }
  return names.filter((n) => /\.(json|ya?ml)$/i.test(n)).sort().map((n) => path.join(dir, n));
}
