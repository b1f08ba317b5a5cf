import { useState } from 'preact/hooks';
import { formatValue } from '../format';
import type { Json } from '../types';

interface Props {
  config: Json;
  modified?: string[];
  added?: string[];
}

/** A config (or any JSON) as a tree; keys changed on the command line are marked modified, new keys added. */
export function ConfigTree({ config, modified = [], added = [] }: Props) {
  const changedParents = new Set<string>();
  for (const key of [...modified, ...added]) {
    const parts = key.split('.');
    for (let i = 1; i < parts.length; i++) changedParents.add(parts.slice(0, i).join('.'));
  }
  return (
    <div class="config-tree">
      {(modified.length > 0 || added.length > 0) && (
        <div class="legend">
          <span class="mark mark-modified">modified</span> changed from the default
          <span class="mark mark-added">added</span> not in the defaults
        </div>
      )}
      <Node value={config} path="" name={null} modified={new Set(modified)} added={new Set(added)} parents={changedParents} depth={0} />
    </div>
  );
}

interface NodeProps {
  value: Json;
  path: string;
  name: string | null;
  modified: Set<string>;
  added: Set<string>;
  parents: Set<string>;
  depth: number;
}

function Node({ value, path, name, modified, added, parents, depth }: NodeProps) {
  const [open, setOpen] = useState(depth < 3);
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  const mark = modified.has(path) ? 'modified' : added.has(path) ? 'added' : null;
  const label = name !== null && (
    <span class="tree-key">
      {name}
      {mark && <span class={`mark mark-${mark}`}>{mark}</span>}
      {!mark && parents.has(path) && <span class="mark mark-parent" title="a key inside was changed" />}
    </span>
  );
  if (!isObject) {
    return (
      <div class="tree-leaf" data-key={path}>
        {label}
        <span class={`tree-value value-${value === null ? 'null' : Array.isArray(value) ? 'list' : typeof value}`}>{value === null ? 'null' : typeof value === 'string' ? JSON.stringify(value) : formatValue(value)}</span>
      </div>
    );
  }
  const entries = Object.entries(value as Record<string, Json>);
  return (
    <div class="tree-node">
      {name !== null && (
        <button class="tree-toggle" onClick={() => setOpen(!open)} aria-expanded={open}>
          <span class="caret">{open ? '▾' : '▸'}</span>
          {label}
          {!open && <span class="muted"> {entries.length} keys</span>}
        </button>
      )}
      {(open || name === null) && (
        <div class={name === null ? 'tree-root' : 'tree-children'}>
          {entries.map(([key, child]) => (
            <Node key={key} value={child} path={path ? `${path}.${key}` : key} name={key} modified={modified} added={added} parents={parents} depth={depth + 1} />
          ))}
          {entries.length === 0 && <span class="muted">empty</span>}
        </div>
      )}
    </div>
  );
}
