import type { HeaderField } from '../../../shared/domain.js';

/** Headers exactly as received: original case and order, duplicates kept. The signature header is marked. */
export function HeadersTable({ headers, signatureHeader }: { headers: HeaderField[]; signatureHeader?: string }) {
  if (headers.length === 0) return <p className="dim pad">No headers.</p>;
  const sig = signatureHeader?.toLowerCase();
  return (
    <table className="kv headers-table" data-testid="headers-table">
      <tbody>
        {headers.map((h, i) => (
          <tr key={i} className={h.name.toLowerCase() === sig ? 'is-signature' : undefined}>
            <th scope="row" className="mono">
              <span className="header-name" title={h.name}>
                {h.name}
              </span>
            </th>
            <td className="mono break">{h.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
