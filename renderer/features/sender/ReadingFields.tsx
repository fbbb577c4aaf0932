// The Sender form's "Reading of the document" section (issue #20): where a provider's document can be
// read two ways, play the other reading — the attempt count it states, another success rule, its other
// content type, a pretty-printed body. Names follow `hookscope send` (--retry-reading, --success,
// --content-type, --pretty-body); only the fields that apply to the provider are shown.
import type { ProviderSummary } from '../../../shared/api/providers.js';
import type { SuccessRule } from '../../../shared/retry/policy.js';
import { SUCCESS_RULE_TEXT } from '../../lib/schedule.js';
import { useReadingOptions } from '../../state/reading-options.js';
import { OptionField } from './OptionField.js';

export function ReadingFields({ provider }: { provider: ProviderSummary | undefined }) {
  const opts = useReadingOptions();
  if (!provider) return null;
  const countReading = provider.readings.find((r) => r.option === '--retry-reading document-count');
  const countDelays = provider.retry.documentCountDelaysMs;
  const documentCount = countDelays !== null && opts.retryReading === 'document-count';
  const success = opts.success && opts.success !== provider.retry.success ? opts.success : '';
  const form = provider.contentTypes.includes('form') && opts.contentType === 'form';
  const chosen = [documentCount && 'the document\'s attempt count', success && `success: ${SUCCESS_RULE_TEXT[success]}`, form && 'form body', opts.prettyBody && 'pretty-printed body'].filter(Boolean);

  return (
    <details className="send-options" data-testid="reading-options">
      <summary>
        <span className="send-options-title">Reading of the document</span>{' '}
        <span className="dim">{chosen.length ? chosen.join(', ') : "Hookscope's reading (see Readings below)"}</span>
      </summary>
      <div className="send-options-grid">
        {countDelays && countReading ? (
          <OptionField id="send-retry-reading" label="Attempts to play" wide help={documentCount ? <>Hookscope's reading: {countReading.reading}</> : <>Other reading: {countReading.alternative}</>}>
            {(describedBy) => (
              <select id="send-retry-reading" value={opts.retryReading} aria-describedby={describedBy} onChange={(e) => opts.set({ retryReading: e.target.value as 'hookscope' | 'document-count' })}>
                <option value="hookscope">The listed schedule: {provider.retry.retryDelaysMs.length + 1} attempts</option>
                <option value="document-count">The count the document states: {countDelays.length + 1} attempts</option>
              </select>
            )}
          </OptionField>
        ) : null}
        <OptionField id="send-success" label="Success" help={`${provider.name}'s reading: ${SUCCESS_RULE_TEXT[provider.retry.success]}`}>
          {(describedBy) => (
            <select id="send-success" value={success} aria-describedby={describedBy} onChange={(e) => opts.set({ success: e.target.value as SuccessRule | '' })}>
              <option value="">{provider.name}'s rule</option>
              {(Object.keys(SUCCESS_RULE_TEXT) as SuccessRule[])
                .filter((rule) => rule !== provider.retry.success)
                .map((rule) => (
                  <option key={rule} value={rule}>
                    {SUCCESS_RULE_TEXT[rule]}
                  </option>
                ))}
            </select>
          )}
        </OptionField>
        {provider.contentTypes.length > 1 ? (
          <OptionField id="send-content-type" label="Content type" help="Form: payload=<url-encoded JSON>, signed over the form bytes">
            {(describedBy) => (
              <select id="send-content-type" value={opts.contentType} aria-describedby={describedBy} onChange={(e) => opts.set({ contentType: e.target.value as 'json' | 'form' })}>
                <option value="json">JSON (recommended)</option>
                <option value="form">Form</option>
              </select>
            )}
          </OptionField>
        ) : null}
        <div className="send-option send-option-check">
          <label className="checkbox-line">
            <input type="checkbox" checked={opts.prettyBody} aria-describedby="send-pretty-help" onChange={(e) => opts.set({ prettyBody: e.target.checked })} />
            Pretty-printed body
          </label>
          <p className="help" id="send-pretty-help">
            The sample's JSON indented: a handler that re-serialises the parsed body (JSON.stringify(req.body)) fails its signature check. Not for an edited payload.
          </p>
        </div>
      </div>
    </details>
  );
}
