import type { ApiHandlers } from '../../../shared/api/contract.js';
import type { ProviderSummary } from '../../../shared/api/providers.js';
import { payloadFidelity } from '../../../shared/providers/fidelity.js';
import type { ProviderSpec } from '../../../shared/providers/spec.js';
import { listProviders, verifyWithProfile } from '../../../shared/providers/registry.js';
import type { CoreContext } from '../context.js';
import { checkProvider } from './endpoints.js';

type ProviderHandlers = Pick<ApiHandlers, 'providers.list' | 'verify.request' | 'settings.get'>;

export function providerHandlers(ctx: CoreContext): ProviderHandlers {
  return {
    'providers.list': async () => ({ items: listProviders().map(summarize) }),
    'verify.request': async (input) => {
      checkProvider(input.provider);
      return verifyWithProfile(input.provider, {
        headers: input.headers,
        body: Buffer.from(input.bodyBase64, 'base64'),
        receivedAtMs: input.atMs ?? Date.now(),
      }, input.secrets);
    },
    'settings.get': async () => ({
      version: ctx.settings.version,
      receiverUrl: ctx.settings.receiverUrl,
      db: ctx.store.file,
      maxBodyBytes: ctx.settings.maxBodyBytes,
      publicUrl: ctx.settings.publicUrl ?? null,
      tunnel: ctx.settings.tunnel ?? null,
    }),
  };
}

export function describeScheme(spec: ProviderSpec): string {
  const sig = spec.signature;
  if (sig.kind === 'static-key') return `static shared key in ${sig.header}`;
  const payload = sig.signedPayload === '{body}' ? 'the raw body' : sig.signedPayload;
  return `HMAC-${sig.algorithm.toUpperCase()} (${sig.encoding}) of ${payload} in ${sig.header}${sig.prefix ? ` as ${sig.prefix}<signature>` : ''}`;
}

function summarize(spec: ProviderSpec): ProviderSummary {
  return {
    id: spec.id,
    name: spec.name,
    signatureHeader: spec.signature.header,
    scheme: describeScheme(spec),
    notes: spec.notes,
    retry: spec.retry,
    events: spec.events.map((e) => ({ name: e.name, description: e.description, sample: e.sample, fidelity: payloadFidelity(e) })),
    readings: spec.readings,
    rotation: spec.rotation,
    contentTypes: spec.contentTypes,
    sourceRanges: spec.sourceRanges,
  };
}
