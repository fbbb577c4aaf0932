// Routing by event in the endpoint form: rows of event type → URL (the CLI's --forward 'EVENT=URL'),
// each checked as the CLI checks it (shared/forward-rules.ts) and its problem shown beside it. The
// provider's catalogue names are offered as suggestions; any event type may be typed.
import type { ForwardRule, ForwardRuleProblem } from '../../../shared/forward-rules.js';
import { Icon } from '../common/Icon.js';

const DATALIST_ID = 'ep-forward-events';

interface Props {
  rules: ForwardRule[];
  onChange(rules: ForwardRule[]): void;
  /** Event types of the endpoint's provider, to suggest. */
  eventNames: string[];
  /** A problem per row index (checked on save). */
  problems: Map<number, ForwardRuleProblem>;
}

export function ForwardRulesField({ rules, onChange, eventNames, problems }: Props) {
  const setRow = (i: number, patch: Partial<ForwardRule>) => onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="forward-rules">
      {rules.map((rule, i) => {
        const problem = problems.get(i);
        const errorId = `ep-rule-${i}-error`;
        const invalid = (part: ForwardRuleProblem['part']) => (problem?.part === part ? { 'aria-invalid': true, 'aria-describedby': errorId } : {});
        return (
          <div key={i} className="forward-rule" data-testid="forward-rule">
            <div className="forward-rule-fields">
              <input
                className="mono forward-rule-event"
                value={rule.event}
                list={eventNames.length ? DATALIST_ID : undefined}
                onChange={(e) => setRow(i, { event: e.target.value })}
                placeholder={eventNames[0] ?? 'push'}
                aria-label={`Event type of rule ${i + 1}`}
                spellCheck={false}
                {...invalid('event')}
              />
              <span className="dim" aria-hidden="true">
                →
              </span>
              <input
                className="mono forward-rule-url"
                value={rule.url}
                onChange={(e) => setRow(i, { url: e.target.value })}
                placeholder="http://127.0.0.1:3000/webhooks/push"
                aria-label={`URL of rule ${i + 1}`}
                spellCheck={false}
                {...invalid('url')}
              />
              <button type="button" className="btn btn-icon btn-quiet" aria-label={`Remove rule ${i + 1}`} title="Remove this rule" onClick={() => onChange(rules.filter((_, j) => j !== i))}>
                <Icon name="close" />
              </button>
            </div>
            {problem ? (
              <p className="field-error" id={errorId} role="alert">
                {problem.part === 'event' ? 'Event type' : 'URL'}: {problem.message}
              </p>
            ) : null}
          </div>
        );
      })}
      <button type="button" className="btn btn-small" onClick={() => onChange([...rules, { event: '', url: '' }])}>
        Add rule
      </button>
      {eventNames.length ? (
        <datalist id={DATALIST_ID}>
          {['*', ...eventNames].map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      ) : null}
    </div>
  );
}
