// Under a delivery's verdict, for providers that document where their deliveries come from (Workspace's
// IP allowlist): a real delivery would come from those ranges; this one came from wherever it did. A
// handler that filters by address must allow the ranges; a capture from elsewhere came through a tunnel
// or relay, or was not sent by the provider (the mock sender, a replay).
import type { ProviderSummary } from '../../../shared/api/providers.js';
import { inCidr } from '../../../shared/net/cidr.js';

export function SourceRangeNote({ provider, remoteAddress }: { provider: ProviderSummary | null; remoteAddress: string | null }) {
  if (!provider || provider.sourceRanges.length === 0) return null;
  const inside = remoteAddress !== null && provider.sourceRanges.some((range) => inCidr(remoteAddress, range));
  return (
    <p className="source-range-note" data-testid="source-range-note">
      A real {provider.name} delivery comes from <span className="mono">{provider.sourceRanges.join(' or ')}</span> (the document's IP allowlist).{' '}
      {inside ? (
        <>This one came from {remoteAddress}, inside them.</>
      ) : (
        <>
          This one came from <span className="mono">{remoteAddress ?? 'an unknown address'}</span>, outside them: through a tunnel or relay, or from the mock sender or a replay.
        </>
      )}
    </p>
  );
}
