import { useState } from 'preact/hooks';
import type { Catalog } from '../types';
import { defaultColumns } from './columns';

interface Props {
  catalog: Catalog;
  columns: string[];
  onChange: (columns: string[]) => void;
  onClose: () => void;
}

/** Chooses the table's columns: run attributes, any config key, any metric summary; search filters the list. */
export function ColumnPicker({ catalog, columns, onChange, onClose }: Props) {
  const [search, setSearch] = useState('');
  const all = [
    ...catalog.attributes.map((a) => a.path),
    ...catalog.configKeys.map((k) => k.path),
    ...catalog.metrics.flatMap((m) => ['last', 'min', 'max', 'mean'].map((s) => `metrics.${m}.${s}`)),
  ];
  const needle = search.toLowerCase();
  const shown = all.filter((p) => p.toLowerCase().includes(needle)).slice(0, 300);
  const toggle = (path: string, on: boolean) => onChange(on ? [...columns, path] : columns.filter((c) => c !== path));
  return (
    <div class="popover column-picker" role="dialog" aria-label="columns">
      <div class="popover-head">
        <input class="input" placeholder="Search columns" aria-label="search columns" value={search} onInput={(e) => setSearch(e.currentTarget.value)} autoFocus />
        <button class="button" onClick={() => onChange(defaultColumns)}>
          Reset
        </button>
        <button class="icon-button" onClick={onClose} title="Close">
          ×
        </button>
      </div>
      <div class="popover-body">
        {shown.map((path) => (
          <label class="check-row" key={path}>
            <input type="checkbox" checked={columns.includes(path)} onChange={(e) => toggle(path, e.currentTarget.checked)} />
            <span class={path.includes('.') ? 'mono' : ''}>{path}</span>
          </label>
        ))}
        {shown.length === 0 && <div class="muted">No column matches.</div>}
      </div>
      <div class="popover-foot muted">Drag a column's header to move it; drag its right edge to resize.</div>
    </div>
  );
}
