// Building blocks of the API contract: a method is a pair of zod schemas and what the core must do
// before running it; the transports and the core are typed from these, so a method is written once.
import type { z } from 'zod';
import { lazySchema } from '../lazy-schema.js';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /**
   * The method reads deliveries (or replays, exports, counts them), or changes an endpoint that
   * captures waiting to be filed are verified against. The core files every capture logged before the
   * call first, so no answer misses an acknowledged delivery and what arrived before an endpoint
   * changed is verified as the endpoint was (electron/core/core.ts). A method that reads only the
   * deliveries it names says so with `through` (the newest id it names): only captures logged up to
   * that one are filed first, so opening a delivery from the inbox never waits for a burst's backlog.
   */
  readsDeliveries: ReadsDeliveries<z.output<I>>;
}

export type ReadsDeliveries<Input> = boolean | { through(input: Input): number };

export interface MethodOptions<I extends z.ZodType> {
  /** Required, so a new method says whether it reads deliveries (see MethodSpec.readsDeliveries). */
  readsDeliveries: ReadsDeliveries<z.output<I>>;
}

/** The schemas are built on first use (see lazy-schema.ts): a CLI command builds only its own input. */
export function method<I extends z.ZodType, O extends z.ZodType>(input: () => I, output: () => O, opts: MethodOptions<I>): MethodSpec<I, O> {
  return { input: lazySchema(input), output: lazySchema(output), readsDeliveries: opts.readsDeliveries };
}
