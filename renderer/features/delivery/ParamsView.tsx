import type { DeliveryDetail } from '../../../shared/domain.js';
import { formParams, queryParams, type Param } from '../../lib/params.js';

function ParamTable({ title, params, testId }: { title: string; params: Param[]; testId: string }) {
  return (
    <section>
      <h4 className="section-title">
        {title} <span className="dim">({params.length})</span>
      </h4>
      <table className="kv headers-table" data-testid={testId}>
        <tbody>
          {params.map((p, i) => (
            <tr key={i}>
              <th scope="row" className="mono">
                <span className="header-name" title={p.name}>
                  {p.name || <span className="dim">(empty name)</span>}
                </span>
              </th>
              <td className="mono break">{p.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Whether the delivery has any parameters to show (the tab is offered only then). */
export function hasParams(detail: DeliveryDetail): boolean {
  return detail.query !== '' || (formParams(detail.contentType, detail.bodyText)?.length ?? 0) > 0;
}

/** Query-string and form parameters, decoded, in arrival order with duplicates kept. */
export function ParamsView({ detail }: { detail: DeliveryDetail }) {
  const query = queryParams(detail.query);
  const form = formParams(detail.contentType, detail.bodyText);
  return (
    <div className="params-view">
      {query.length > 0 ? <ParamTable title="Query" params={query} testId="query-params" /> : null}
      {form && form.length > 0 ? <ParamTable title="Form" params={form} testId="form-params" /> : null}
    </div>
  );
}
