// A collapsible JSON tree. Children are rendered only once expanded and long arrays or objects a few
// hundred entries at a time, so a 20 MB payload opens as fast as a small one. Keys and strings are
// text nodes: a payload full of markup is shown, never interpreted.
import { useState } from 'react';

const CHUNK = 200;
const DEFAULT_DEPTH = 3;

export function JsonTree({ value }: { value: unknown }) {
  const [depth, setDepth] = useState(DEFAULT_DEPTH);
  const [version, setVersion] = useState(0);
  const expandTo = (d: number) => {
    setDepth(d);
    setVersion((v) => v + 1);
  };
  return (
    <div className="json-tree-wrap">
      <div className="toolbar-mini">
        <button type="button" className="btn btn-small btn-quiet" onClick={() => expandTo(Number.POSITIVE_INFINITY)}>
          Expand all
        </button>
        <button type="button" className="btn btn-small btn-quiet" onClick={() => expandTo(1)}>
          Collapse all
        </button>
      </div>
      <div className="json-tree mono code-block" role="tree" data-testid="json-tree" key={version}>
        <JsonNode label={null} value={value} depth={0} openDepth={depth} last />
      </div>
    </div>
  );
}

interface NodeProps {
  label: string | number | null;
  value: unknown;
  depth: number;
  openDepth: number;
  last: boolean;
}

function Label({ label }: { label: string | number | null }) {
  if (label === null) return null;
  if (typeof label === 'number') return <span className="jt-index">{label}: </span>;
  return <span className="jt-key">{JSON.stringify(label)}: </span>;
}

function Scalar({ value }: { value: unknown }) {
  if (value === null) return <span className="jt-null">null</span>;
  switch (typeof value) {
    case 'string':
      return <span className="jt-string">{JSON.stringify(value)}</span>;
    case 'number':
      return <span className="jt-number">{String(value)}</span>;
    case 'boolean':
      return <span className="jt-bool">{String(value)}</span>;
    default:
      return <span>{String(value)}</span>;
  }
}

function JsonNode({ label, value, depth, openDepth, last }: NodeProps) {
  const [open, setOpen] = useState(depth < openDepth);
  const [shown, setShown] = useState(CHUNK);
  const comma = last ? '' : ',';
  if (value === null || typeof value !== 'object') {
    return (
      <div className="jt-line" role="treeitem" style={{ paddingLeft: `${depth * 1.25}em` }}>
        <Label label={label} />
        <Scalar value={value} />
        {comma}
      </div>
    );
  }
  const isArray = Array.isArray(value);
  const entries: Array<[string | number, unknown]> = isArray ? value.map((v, i) => [i, v]) : Object.entries(value);
  const [openBrace, closeBrace] = isArray ? ['[', ']'] : ['{', '}'];
  const size = `${entries.length} ${isArray ? (entries.length === 1 ? 'item' : 'items') : entries.length === 1 ? 'key' : 'keys'}`;
  if (entries.length === 0) {
    return (
      <div className="jt-line" role="treeitem" style={{ paddingLeft: `${depth * 1.25}em` }}>
        <Label label={label} />
        {openBrace + closeBrace}
        {comma}
      </div>
    );
  }
  return (
    <div role="treeitem" aria-expanded={open}>
      <div className="jt-line" style={{ paddingLeft: `${depth * 1.25}em` }}>
        <button type="button" className="jt-toggle" onClick={() => setOpen(!open)} aria-label={open ? 'Collapse' : 'Expand'}>
          {open ? '▾' : '▸'}
        </button>
        <Label label={label} />
        {open ? (
          openBrace
        ) : (
          <button type="button" className="jt-collapsed" onClick={() => setOpen(true)}>
            {openBrace}…{closeBrace} <span className="dim">{size}</span>
          </button>
        )}
        {open ? null : comma}
      </div>
      {open ? (
        <div role="group">
          {entries.slice(0, shown).map(([key, child], i) => (
            <JsonNode key={key} label={key} value={child} depth={depth + 1} openDepth={openDepth} last={i === entries.length - 1} />
          ))}
          {entries.length > shown ? (
            <div className="jt-line" style={{ paddingLeft: `${(depth + 1) * 1.25}em` }}>
              <button type="button" className="btn btn-small btn-quiet" onClick={() => setShown(shown + CHUNK * 5)}>
                Show more ({entries.length - shown} more)
              </button>
            </div>
          ) : null}
          <div className="jt-line" style={{ paddingLeft: `${depth * 1.25}em` }}>
            {closeBrace}
            {comma}
          </div>
        </div>
      ) : null}
    </div>
  );
}
