// lazySchema (shared/lazy-schema.ts) and method() (shared/api/define.ts): the API contract's schemas
// are built on first use, not at import, and the stand-in behaves as the schema it builds.
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { lazySchema } from '../../../shared/lazy-schema.js';
import { method } from '../../../shared/api/define.js';
import { methods } from '../../../shared/api/contract.js';
import { deliveryQuerySchema } from '../../../shared/api/deliveries.js';

describe('lazySchema', () => {
  it('builds the schema once, on first use, and not before', () => {
    let builds = 0;
    const schema = lazySchema(() => {
      builds++;
      return z.object({ id: z.number().int() }).strict();
    });
    expect(builds).toBe(0);
    expect(schema.parse({ id: 1 })).toEqual({ id: 1 });
    expect(schema.safeParse({ id: 1.5 }).success).toBe(false);
    expect(builds).toBe(1);
  });

  it('stands in for the schema: nesting, chaining, shape, instanceof, error paths', () => {
    const inner = lazySchema(() => z.enum(['valid', 'invalid']));
    const outer = lazySchema(() => z.object({ verdict: inner, list: z.array(inner).optional(), maybe: inner.optional() }).strict());
    expect(outer).toBeInstanceOf(z.ZodObject);
    expect(inner).toBeInstanceOf(z.ZodEnum);
    expect(Object.keys(outer.shape)).toEqual(['verdict', 'list', 'maybe']);
    expect(outer.parse({ verdict: 'valid', list: ['invalid'] })).toEqual({ verdict: 'valid', list: ['invalid'] });
    const failed = outer.safeParse({ verdict: 'nope' });
    expect(failed.success).toBe(false);
    expect(failed.error?.issues[0]?.path).toEqual(['verdict']);
    expect(outer.partial().parse({})).toEqual({});
    expect(outer.extend({ more: z.string() }).parse({ verdict: 'invalid', more: 'x' })).toEqual({ verdict: 'invalid', more: 'x' });
  });
});

describe('method()', () => {
  it('builds neither schema until the method is used, then the one asked for', () => {
    const built: string[] = [];
    const spec = method(
      () => (built.push('input'), z.object({ id: z.number() })),
      () => (built.push('output'), z.object({ ok: z.boolean() })),
      { readsDeliveries: false },
    );
    expect(built).toEqual([]);
    expect(spec.input.parse({ id: 3 })).toEqual({ id: 3 });
    expect(built).toEqual(['input']);
  });

  it('the contract validates through the lazily built schemas as before', () => {
    expect(methods['deliveries.list'].input.parse({ limit: 5 })).toEqual({ limit: 5 });
    expect(methods['deliveries.list'].input.safeParse({ limit: 0 }).success).toBe(false);
    expect(methods['stats.get'].input.safeParse({ extra: 1 }).success).toBe(false); // strict
    expect(deliveryQuerySchema.shape.verdict.parse('valid')).toBe('valid');
  });
});
