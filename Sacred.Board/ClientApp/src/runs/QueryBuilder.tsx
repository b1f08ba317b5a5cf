import { useState } from 'preact/hooks';
import { quoteValue } from '../format';
import type { Catalog } from '../types';
import { fieldSuggestions } from './QueryBar';

interface Condition {
  field: string;
  op: string;
  value: string;
}

const ops = ['=', '!=', '<', '<=', '>', '>=', 'contains', '~', 'in'];

/** Writes a query from a form: one row per condition, joined by AND or OR; the result is ordinary query text. */
export function QueryBuilder({ catalog, onWrite }: { catalog: Catalog; onWrite: (query: string) => void }) {
  const [rows, setRows] = useState<Condition[]>([{ field: 'status', op: '=', value: 'COMPLETED' }]);
  const [join, setJoin] = useState<'AND' | 'OR'>('AND');
  const fields = fieldSuggestions(catalog).map((s) => s.text);
  const update = (i: number, change: Partial<Condition>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const write = () => {
    const parts = rows
      .filter((r) => r.field.trim() && r.value.trim())
      .map((r) => {
        if (r.op === 'in') return `${r.field} IN (${r.value.split(',').map((v) => quoteValue(v.trim())).join(', ')})`;
        return `${r.field} ${r.op === 'contains' ? 'CONTAINS' : r.op} ${quoteValue(r.value.trim())}`;
      });
    onWrite(parts.join(` ${join} `));
  };
  return (
    <div class="builder">
      <datalist id="builder-fields">
        {fields.map((f) => (
          <option value={f} key={f} />
        ))}
      </datalist>
      <div class="builder-join">
        Match
        <select aria-label="match all or any" value={join} onChange={(e) => setJoin(e.currentTarget.value as 'AND' | 'OR')}>
          <option value="AND">all conditions (AND)</option>
          <option value="OR">any condition (OR)</option>
        </select>
      </div>
      {rows.map((row, i) => (
        <div class="builder-row" key={i}>
          <input class="input" list="builder-fields" aria-label="field" value={row.field} onInput={(e) => update(i, { field: e.currentTarget.value })} placeholder="field" />
          <select class="input" aria-label="operator" value={row.op} onChange={(e) => update(i, { op: e.currentTarget.value })}>
            {ops.map((o) => (
              <option value={o} key={o}>
                {o}
              </option>
            ))}
          </select>
          <input class="input" aria-label="value" value={row.value} onInput={(e) => update(i, { value: e.currentTarget.value })} placeholder={row.op === 'in' ? 'a, b, c' : 'value'} />
          <button class="icon-button" title="Remove this condition" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
            ×
          </button>
        </div>
      ))}
      <div class="builder-actions">
        <button class="button" onClick={() => setRows([...rows, { field: '', op: '=', value: '' }])}>
          + Condition
        </button>
        <button class="button button-primary" onClick={write}>
          Write query
        </button>
      </div>
    </div>
  );
}
