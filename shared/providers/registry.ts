// The built-in providers, parsed once through the same schema user files go through.
import type { HeaderField, Verification } from '../domain.js';
import { hasHeader } from '../headers.js';
import { verifyRequest, type VerifiableRequest } from '../verify/verify.js';
import { relayAware } from '../verify/relay.js';
import { agiletune } from './seeds/agiletune.js';
import { almirant } from './seeds/almirant.js';
import { aptly } from './seeds/aptly.js';
import { workspace } from './seeds/workspace.js';
import { github } from './schemes/github.js';
import { shopify } from './schemes/shopify.js';
import { slack } from './schemes/slack.js';
import { standardWebhooks } from './schemes/standard-webhooks.js';
import { stripe } from './schemes/stripe.js';
import { svix } from './schemes/svix.js';
import { providerSpecSchema, type ProviderSpec, type ProviderSpecInput } from './spec.js';

// The seeds first, then the widely used schemes; detection does not depend on this order.
const BUILT_IN: ProviderSpecInput[] = [aptly, agiletune, almirant, workspace, standardWebhooks, svix, stripe, github, slack, shopify];

// Parsed on first use, not at import: a CLI command that never checks a signature (stats,
// deliveries) starts without validating ten specs.
let registered: Map<string, ProviderSpec> | null = null;

function registry(): Map<string, ProviderSpec> {
  if (!registered) {
    registered = new Map();
    for (const input of BUILT_IN) add(registered, input);
  }
  return registered;
}

function add(into: Map<string, ProviderSpec>, input: ProviderSpecInput): ProviderSpec {
  const spec = providerSpecSchema.parse(input);
  into.set(spec.id, spec);
  return spec;
}

/** Ids of the providers Hookscope ships with (custom files may not reuse them). */
export function builtInProviderIds(): Set<string> {
  return new Set(BUILT_IN.map((p) => p.id));
}

/** Adds (or replaces) a provider; throws a zod error naming the field when the spec is wrong. */
export function registerProvider(input: ProviderSpecInput): ProviderSpec {
  return add(registry(), input);
}

export function listProviders(): ProviderSpec[] {
  return [...registry().values()];
}

export function getProvider(id: string): ProviderSpec | undefined {
  return registry().get(id);
}

export function requireProvider(id: string): ProviderSpec {
  const spec = registry().get(id);
  if (!spec) throw new UnknownProviderError(id);
  return spec;
}

export class UnknownProviderError extends Error {
  constructor(readonly providerId: string) {
    super(`unknown provider "${providerId}" (known: ${[...registry().keys()].join(', ')})`);
  }
}

/** The provider whose identifying headers are present, most specific (most headers) first. */
export function detectProvider(headers: readonly HeaderField[]): ProviderSpec | undefined {
  let best: ProviderSpec | undefined;
  for (const spec of registry().values()) {
    if (!spec.detectHeaders.every((h) => hasHeader(headers, h) || legacyStandsIn(spec, h, headers))) continue;
    if (!best || spec.detectHeaders.length > best.detectHeaders.length) best = spec;
  }
  return best;
}

/** A legacy signature header (GitHub's X-Hub-Signature) identifies its provider as well as the current one. */
function legacyStandsIn(spec: ProviderSpec, name: string, headers: readonly HeaderField[]): boolean {
  const sig = spec.signature;
  if (sig.kind !== 'hmac' || !sig.legacy) return false;
  return name.toLowerCase() === sig.header.toLowerCase() && hasHeader(headers, sig.legacy.header);
}

/**
 * Verifies a request with the endpoint's provider, or with the provider detected from its headers
 * when the endpoint names none. A request nobody recognises is `unsigned` with provider null.
 */
export function verifyWithProfile(
  providerId: string | null,
  req: VerifiableRequest,
  secrets: readonly string[],
): Verification {
  const configured = providerId ? getProvider(providerId) : undefined;
  if (providerId && !configured) {
    return { status: 'unsigned', provider: providerId, reason: `Unknown provider "${providerId}": nothing to check against.`, hints: [] };
  }
  const spec = configured ?? detectProvider(req.headers);
  if (!spec) {
    return { status: 'unsigned', provider: null, reason: 'No known signature header, and the endpoint names no provider.', hints: [] };
  }
  // A relayed capture's body was rebuilt by the relay: relayAware says so when that explains a mismatch.
  const verification = relayAware(spec, req, { secrets, detected: !configured }, verifyRequest(spec, req, { secrets, detected: !configured }));
  if (configured && verification.status === 'unsigned') {
    const other = detectProvider(req.headers);
    if (other && other.id !== configured.id) {
      verification.hints.push(`The headers look like ${other.name} (${other.detectHeaders.join(', ')}), but this endpoint is set to ${configured.name}.`);
    }
  }
  return verification;
}
