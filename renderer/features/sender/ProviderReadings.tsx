// The provider document's vague or contradictory passages (issue #20): its words, the reading Hookscope
// plays, the other reading, and the option that plays it. Collapsed under the Sender form.
import type { ProviderSummary } from '../../../shared/api/providers.js';

export function ProviderReadings({ provider }: { provider: ProviderSummary }) {
  if (provider.readings.length === 0) return null;
  return (
    <details className="send-options provider-readings" data-testid="provider-readings">
      <summary>
        <span className="send-options-title">Readings of the {provider.name} document</span>{' '}
        <span className="dim">
          {provider.readings.length} places where it is vague or contradicts itself, and what Hookscope plays
        </span>
      </summary>
      <ol>
        {provider.readings.map((r) => (
          <li key={r.id} data-testid="reading" data-reading={r.id}>
            <strong>{r.topic}</strong>
            <blockquote>{r.quote}</blockquote>
            <p>
              <span className="reading-label">Hookscope:</span> {r.reading}
            </p>
            <p>
              <span className="reading-label">Other reading:</span> {r.alternative}
              {r.option ? (
                <>
                  {' '}
                  <span className="dim">(CLI </span>
                  <code>{r.option}</code>
                  <span className="dim">)</span>
                </>
              ) : null}
            </p>
          </li>
        ))}
      </ol>
    </details>
  );
}
