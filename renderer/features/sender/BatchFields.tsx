// The Sender form's two collapsed sections: Batch (how many events, duplicates, shuffle, order: the
// rehearsal of a provider sending many) and Overrides (the provider's timeout and retry limits, and the
// hosts allowed besides loopback). Closed, each shows in one line what Send will do, so the single-send
// case stays one click and a batch set earlier is never a surprise. Field names and wording follow
// `hookscope send` (--count, --duplicates, --duplicate-probability, --shuffle, --seed, --in-order…).
import type { ProviderSummary } from '../../../shared/api/providers.js';
import { useSender } from '../../state/sender.js';
import { describeBatch, describeOverrides, type DeliveryOrder } from '../../state/batch-options.js';
import { NumberOption, OptionField } from './OptionField.js';

export function BatchFields({ provider }: { provider: ProviderSummary | undefined }) {
  const batch = useSender((s) => s.batch);
  const event = useSender((s) => s.event);
  const setBatch = useSender((s) => s.setBatch);
  const catalogue = provider?.events.map((e) => e.name) ?? [];
  const orders: Array<{ id: DeliveryOrder; label: string }> = [
    { id: 'provider', label: `${provider?.name ?? 'Provider'}'s: ${provider?.retry.inOrder ? 'in order' : 'no waiting'}` },
    { id: 'in-order', label: 'Strictly in order' },
    { id: 'any-order', label: 'Without waiting' },
  ];

  return (
    <>
      <details className="send-options" data-testid="batch-options">
        <summary>
          <span className="send-options-title">Batch</span> <span className="dim">{describeBatch(batch, event)}</span>
        </summary>
        <div className="send-options-grid">
          <OptionField
            id="send-events"
            label="Events"
            wide
            help={<>Several events, comma-separated, in the order they occur; empty: the event above. An edited payload is sent for every one.</>}
          >
            {(describedBy) => (
              <div className="inline-fields">
                <input
                  id="send-events"
                  className="mono"
                  value={batch.events}
                  placeholder={event || 'event.name, other.event'}
                  spellCheck={false}
                  aria-describedby={describedBy}
                  onChange={(e) => setBatch({ events: e.target.value })}
                />
                {catalogue.length > 1 ? (
                  <button type="button" className="btn btn-small" onClick={() => setBatch({ events: catalogue.join(', ') })}>
                    All {catalogue.length}
                  </button>
                ) : null}
              </div>
            )}
          </OptionField>
          <NumberOption id="send-count" label="Count" help="Send N events, cycling through the events" min={1} max={10_000} placeholder="1 each" value={batch.count} onChange={(count) => setBatch({ count })} />
          <NumberOption id="send-duplicates" label="Duplicates" help="Deliver each event N extra times" min={0} max={100} placeholder="0" value={batch.duplicates} onChange={(duplicates) => setBatch({ duplicates })} />
          <NumberOption
            id="send-duplicate-probability"
            label="Duplicate probability"
            help="Chance (0..1) that each extra delivery happens; alone: one duplicate"
            min={0}
            max={1}
            step="any"
            placeholder="1"
            value={batch.duplicateProbability}
            onChange={(duplicateProbability) => setBatch({ duplicateProbability })}
          />
          <div className="send-option send-option-check">
            <label className="checkbox-line">
              <input type="checkbox" checked={batch.shuffle} aria-describedby="send-shuffle-help" onChange={(e) => setBatch({ shuffle: e.target.checked })} />
              Shuffle
            </label>
            <p className="help" id="send-shuffle-help">
              Deliver the batch out of order
            </p>
          </div>
          <NumberOption id="send-seed" label="Seed" help="Repeats the same shuffle and duplicates" min={0} max={2 ** 32 - 1} placeholder="random" value={batch.seed} onChange={(seed) => setBatch({ seed })} />
          <OptionField id="send-order" label="Order" help="In order: each event waits until the one before it was delivered, a failing one holding back the rest">
            {(describedBy) => (
              <select id="send-order" value={batch.order} aria-describedby={describedBy} onChange={(e) => setBatch({ order: e.target.value as DeliveryOrder })}>
                {orders.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
            )}
          </OptionField>
        </div>
      </details>

      <details className="send-options" data-testid="override-options">
        <summary>
          <span className="send-options-title">Overrides</span> <span className="dim">{describeOverrides(batch)}</span>
        </summary>
        <div className="send-options-grid">
          <NumberOption id="send-timeout" label="Timeout (ms)" help="Per-attempt timeout instead of the provider's" min={1} max={3_600_000} placeholder="provider's" value={batch.timeoutMs} onChange={(timeoutMs) => setBatch({ timeoutMs })} />
          <NumberOption
            id="send-max-attempts"
            label="Max attempts"
            help="Stop after N attempts per event"
            min={1}
            max={100_000}
            placeholder={provider?.retry.repeatEveryMs ? '10 if virtual' : "provider's"}
            value={batch.maxAttempts}
            onChange={(maxAttempts) => setBatch({ maxAttempts })}
          />
          {/* The API refuses an interval for providers with a finite schedule: offer it only where it applies. */}
          {provider?.retry.repeatEveryMs ? (
            <NumberOption
              id="send-retry-every"
              label="Retry every (ms)"
              help="Interval of indefinite retries"
              min={1}
              max={30 * 86_400_000}
              placeholder={String(provider.retry.repeatEveryMs)}
              value={batch.retryEveryMs}
              onChange={(retryEveryMs) => setBatch({ retryEveryMs })}
            />
          ) : null}
          <OptionField id="send-allow-hosts" label="Allowed hosts" wide help="Non-loopback target hosts you allow, comma-separated; loopback is always allowed">
            {(describedBy) => (
              <input id="send-allow-hosts" className="mono" value={batch.allowHosts} placeholder="none" spellCheck={false} aria-describedby={describedBy} onChange={(e) => setBatch({ allowHosts: e.target.value })} />
            )}
          </OptionField>
        </div>
      </details>
    </>
  );
}
