import { ApiError } from '../../../shared/api/errors.js';
import type { ApiHandlers } from '../../../shared/api/contract.js';
import { checkTarget } from '../../../shared/net/loopback.js';
import { getProvider, listProviders } from '../../../shared/providers/registry.js';
import type { CoreContext } from '../context.js';
import { maskedEndpoint } from '../endpoint-secrets.js';
import { EndpointConflictError } from '../store/endpoints.js';

type EndpointHandlers = Pick<ApiHandlers, 'endpoints.list' | 'endpoints.create' | 'endpoints.update' | 'endpoints.delete'>;

export function endpointHandlers(ctx: CoreContext): EndpointHandlers {
  const { store, events } = ctx;
  const changed = () => events.emit('endpoints.changed', {});
  return {
    'endpoints.list': async ({ showSecrets }) => {
      const items = store.endpoints.list();
      return { items: showSecrets ? items : items.map(maskedEndpoint) };
    },
    'endpoints.create': async (input) => {
      checkProvider(input.provider);
      checkForwardTarget(input.forwardTo);
      for (const rule of input.forwardRules ?? []) checkForwardTarget(rule.url, rule.event);
      const endpoint = conflictsAsApiErrors(() => store.endpoints.create(input));
      changed();
      return maskedEndpoint(endpoint);
    },
    'endpoints.update': async ({ id, patch }) => {
      checkProvider(patch.provider);
      checkForwardTarget(patch.forwardTo);
      for (const rule of patch.forwardRules ?? []) checkForwardTarget(rule.url, rule.event);
      const endpoint = conflictsAsApiErrors(() => store.endpoints.update(id, patch));
      if (!endpoint) throw new ApiError('not-found', `no endpoint with id ${id}`);
      changed();
      return maskedEndpoint(endpoint);
    },
    'endpoints.delete': async ({ id }) => {
      const deleted = store.endpoints.delete(id);
      if (deleted) changed();
      return { deleted };
    },
  };
}

export function checkProvider(provider: string | null | undefined): void {
  if (provider && !getProvider(provider)) {
    throw new ApiError('bad-input', `unknown provider "${provider}" (known: ${listProviders().map((p) => p.id).join(', ')})`);
  }
}

/** Auto-forward only ever sends to this machine: refuse another target when it is saved, not later. */
function checkForwardTarget(target: string | null | undefined, ruleEvent?: string): void {
  if (!target) return;
  const check = checkTarget(target);
  if (!check.ok) throw new ApiError('bad-input', `forward target refused${ruleEvent === undefined ? '' : ` for the rule "${ruleEvent}"`}: ${check.reason}`);
}

function conflictsAsApiErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof EndpointConflictError) throw new ApiError('conflict', err.message);
    throw err;
  }
}
