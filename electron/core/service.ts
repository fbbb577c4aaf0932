// The core's implementation of the API contract, composed from one handler group per area, and the
// one dispatcher every transport calls: parse the input with the contract's schema, run the handler,
// turn every failure into an ApiError with a code.
import { ZodError } from 'zod';
import { isMethodName, methods, type ApiHandlers, type MethodName } from '../../shared/api/contract.js';
import { ApiError, fromZodError } from '../../shared/api/errors.js';
import type { CoreContext } from './context.js';
import { checkHandlers } from './handlers/check.js';
import { deliveryHandlers } from './handlers/deliveries.js';
import { endpointHandlers } from './handlers/endpoints.js';
import { providerHandlers } from './handlers/providers.js';
import { relayHandlers } from './handlers/relays.js';
import { replayHandlers } from './handlers/replay.js';
import { senderHandlers } from './handlers/sender.js';
import { storageHandlers } from './handlers/storage.js';
import { tunnelHandlers } from './handlers/tunnel.js';
import { asStoreError, StoreError } from './store/errors.js';

export function createHandlers(ctx: CoreContext): ApiHandlers {
  return {
    ...deliveryHandlers(ctx),
    ...endpointHandlers(ctx),
    ...providerHandlers(ctx),
    ...replayHandlers(ctx),
    ...senderHandlers(ctx),
    ...checkHandlers(ctx),
    ...storageHandlers(ctx), // issue #15
    ...relayHandlers(ctx), // issue #21
    ...tunnelHandlers(ctx), // issue #21: tunnel from the settings
  };
}

export type Dispatch = (name: string, input: unknown) => Promise<unknown>;

/** `dbFile` names the database in errors that are about it (a damaged page met by a call, say). */
export function createDispatcher(handlers: ApiHandlers, dbFile?: string): Dispatch {
  return async (name, input) => {
    if (!isMethodName(name)) throw new ApiError('not-found', `unknown method "${name}"`);
    const parsed = methods[name].input.safeParse(input ?? {});
    if (!parsed.success) throw fromZodError(parsed.error, name);
    try {
      const handler = handlers[name] as (input: unknown) => Promise<unknown>;
      return await handler(parsed.data);
    } catch (err) {
      throw toApiError(err, dbFile);
    }
  };
}

export function toApiError(err: unknown, dbFile?: string): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ZodError) return fromZodError(err);
  const stored = asStoreError(err, dbFile);
  if (stored instanceof StoreError) return new ApiError('unavailable', stored.message);
  console.error('hookscope: internal error:', err);
  return new ApiError('internal', 'internal error (details in the server log)');
}

export type { MethodName };
