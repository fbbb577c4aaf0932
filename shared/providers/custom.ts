// Custom providers without code: a JSON or YAML file holding a provider spec, parsed through the same
// schema as the built-in ones. Every problem is reported as "<file>: <field path>: <problem>", all on
// one line, so the CLI can print it as is and a user can fix the file without reading our code.
// Unknown fields are errors too: a misspelt optional field (`toleranceSecs`) would otherwise be
// silently dropped and the provider would behave differently from what the file says.
import { createRequire } from 'node:module';
import * as z from 'zod';
import { providerSpecSchema, type ProviderSpec } from './spec.js';

export interface ProviderFileIssue {
  /** Dotted path to the field (`signature.algorithm`, `events[2].name`); empty for the whole file. */
  path: string;
  message: string;
}

export class ProviderFileError extends Error {
  readonly code = 'invalid-provider-file';
  constructor(
    readonly fileName: string,
    readonly issues: ProviderFileIssue[],
  ) {
    super(`${fileName}: ${issues.map((i) => `${i.path ? `${i.path}: ` : ''}${i.message}`).join('; ')}`);
    this.name = 'ProviderFileError';
  }
}

/** Parses a provider file (`.json`, `.yaml` or `.yml`; other names are read as YAML, a superset of JSON). */
export function parseProviderFile(text: string, fileName: string): ProviderSpec {
  const data = readData(text, fileName);
  const unknown = unknownFields(providerSpecSchema, data, []);
  const result = providerSpecSchema.safeParse(data);
  const issues = [...(result.success ? [] : result.error.issues.map((issue) => describeIssue(issue, data))), ...unknown];
  if (issues.length > 0 || !result.success) throw new ProviderFileError(fileName, issues);
  return result.data;
}

function readData(text: string, fileName: string): unknown {
  if (fileName.toLowerCase().endsWith('.json')) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new ProviderFileError(fileName, [{ path: '', message: `not valid JSON (${(error as Error).message})` }]);
    }
  }
  const { parse: parseYaml, YAMLParseError } = yaml();
  try {
    return parseYaml(text, { prettyErrors: true });
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    const where = error.linePos ? `line ${error.linePos[0].line}, column ${error.linePos[0].col}: ` : '';
    const what = error.message.split('\n')[0]!.replace(/\s*at line \d+, column \d+:?$/, '');
    throw new ProviderFileError(fileName, [{ path: '', message: `not valid YAML (${where}${what})` }]);
  }
}

/**
 * The YAML parser, loaded from node_modules on the first YAML file: most runs read none, and the
 * built CLI starts faster without parsing its 110 kB (this file only ever runs in Node).
 */
function yaml(): typeof import('yaml') {
  return createRequire(import.meta.url)('yaml') as typeof import('yaml');
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown): ProviderFileIssue {
  const path = formatPath(issue.path);
  switch (issue.code) {
    case 'invalid_value':
      return { path, message: `expected one of ${issue.values.map(String).join('|')}` };
    case 'invalid_union':
      if ('options' in issue && issue.options) {
        return { path, message: `expected one of ${issue.options.map(String).join('|')}` };
      }
      return { path, message: issue.message };
    case 'invalid_type': {
      const given = valueAt(data, issue.path);
      if (given === undefined) return { path, message: 'required' };
      return { path, message: `expected ${withArticle(issue.expected)}, got ${describeValue(given)}` };
    }
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return { path, message: 'must not be empty' };
      if (issue.origin === 'array') return { path, message: `must have at least ${issue.minimum} ${Number(issue.minimum) === 1 ? 'entry' : 'entries'}` };
      return { path, message: `must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}` };
    default:
      return { path, message: issue.message };
  }
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

function withArticle(type: string): string {
  if (type === 'array') return 'a list';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  return out;
}

/** Fields the schema does not know, at any depth the schema describes as an object. */
function unknownFields(schema: z.core.$ZodType, value: unknown, path: PropertyKey[]): ProviderFileIssue[] {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodArray && Array.isArray(value)) {
    return value.flatMap((item, i) => unknownFields(inner.element, item, [...path, i]));
  }
  if (!isPlainObject(value)) return [];
  if (inner instanceof z.ZodDiscriminatedUnion) {
    const key = inner.def.discriminator;
    const option = inner.options.find((o) => o instanceof z.ZodObject && optionMatches(o, key, value[key]));
    return option ? unknownFields(option, value, path) : [];
  }
  if (!(inner instanceof z.ZodObject)) return [];
  const shape: Record<string, z.core.$ZodType> = inner.shape;
  return Object.keys(value).flatMap((key) => {
    const field = shape[key];
    if (!field) return [{ path: formatPath([...path, key]), message: `unknown field (known: ${Object.keys(shape).join(', ')})` }];
    return unknownFields(field, value[key], [...path, key]);
  });
}

function optionMatches(option: z.ZodObject, key: string, wanted: unknown): boolean {
  const field = (option.shape as Record<string, z.core.$ZodType>)[key];
  return field instanceof z.ZodLiteral && field.values.has(wanted as never);
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodNullable) {
    current = current.unwrap() as z.core.$ZodType;
  }
  return current;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
