import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { fetchValues } from '../api';
import { formatValue, quoteValue } from '../format';
import type { Catalog, QueryError } from '../types';
import { caretContext } from './queryContext';
import { QueryBuilder } from './QueryBuilder';

interface Props {
  query: string;
  catalog: Catalog | null;
  error: QueryError | null;
  onApply: (query: string) => void;
}

interface Suggestion {
  text: string;
  hint: string;
  insert: string;
}

const operators: Suggestion[] = ['=', '!=', '<', '<=', '>', '>=', '~', 'CONTAINS', 'IN (', 'NOT IN (', 'BETWEEN'].map((op) => ({
  text: op,
  hint: op === '~' ? 'regular expression' : op === 'IN (' ? 'one of a list' : op === 'BETWEEN' ? 'a range: BETWEEN a AND b' : '',
  insert: op.endsWith('(') ? op : `${op} `,
}));
const connectives: Suggestion[] = [
  { text: 'AND', hint: 'both conditions', insert: 'AND ' },
  { text: 'OR', hint: 'either condition', insert: 'OR ' },
];

export function fieldSuggestions(catalog: Catalog): Suggestion[] {
  const fields: Suggestion[] = catalog.attributes.map((a) => ({ text: a.path, hint: a.description, insert: `${a.path} ` }));
  for (const key of catalog.configKeys) fields.push({ text: key.path, hint: `config (${key.type})`, insert: `${key.path} ` });
  for (const metric of catalog.metrics)
    for (const summary of ['last', 'min', 'max', 'mean']) fields.push({ text: `metrics.${metric}.${summary}`, hint: `${summary} of the metric`, insert: `metrics.${metric}.${summary} ` });
  return fields;
}

const valueCache = new Map<string, Promise<string[]>>();

function valuesOf(field: string): Promise<string[]> {
  let values = valueCache.get(field);
  if (!values) {
    values = fetchValues(field).then(
      (r) => r.values.map(formatValue),
      () => [],
    );
    valueCache.set(field, values);
  }
  return values;
}

/** The query box: autocomplete from the store's keys, inline errors with their position, and the form builder. */
export function QueryBar({ query, catalog, error, onApply }: Props) {
  const [text, setText] = useState(query);
  const [caret, setCaret] = useState(0);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [values, setValues] = useState<{ field: string; list: string[] } | null>(null);
  const [builder, setBuilder] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => setText(query), [query]);

  const context = useMemo(() => caretContext(text, caret), [text, caret]);
  useEffect(() => {
    if (context.kind === 'value' && context.field && values?.field !== context.field) {
      const field = context.field;
      valuesOf(field).then((list) => setValues({ field, list }));
    }
  }, [context.kind, context.field]);

  const suggestions = useMemo(() => {
    if (!catalog) return [];
    const prefix = context.prefix.toLowerCase();
    let all: Suggestion[];
    if (context.kind === 'field') all = [...fieldSuggestions(catalog), { text: 'NOT', hint: 'negate the next condition', insert: 'NOT ' }];
    else if (context.kind === 'operator') all = operators;
    else if (context.kind === 'connective') all = connectives;
    else all = (values && values.field === context.field ? values.list : []).map((v) => ({ text: v, hint: '', insert: `${quoteValue(v)} ` }));
    const starts = all.filter((s) => s.text.toLowerCase().startsWith(prefix));
    const contains = prefix ? all.filter((s) => !s.text.toLowerCase().startsWith(prefix) && s.text.toLowerCase().includes(prefix)) : [];
    return [...starts, ...contains].slice(0, 12);
  }, [catalog, context, values]);

  const accept = (s: Suggestion) => {
    const next = text.slice(0, context.start) + s.insert + text.slice(caret);
    const position = context.start + s.insert.length;
    setText(next);
    setCaret(position);
    setActive(0);
    requestAnimationFrame(() => {
      const box = input.current;
      if (!box) return;
      box.focus();
      // Keys typed since the accept (a fast typist, a test) have moved on: the caret stays where they left it.
      if (box.value === next) box.setSelectionRange(position, position);
    });
  };

  const onKey = (e: KeyboardEvent) => {
    const showing = open && suggestions.length > 0;
    if (e.key === 'ArrowDown' && showing) {
      e.preventDefault();
      setActive((active + 1) % suggestions.length);
    } else if (e.key === 'ArrowUp' && showing) {
      e.preventDefault();
      setActive((active - 1 + suggestions.length) % suggestions.length);
    } else if (e.key === 'Tab' && showing) {
      e.preventDefault();
      accept(suggestions[active]);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      setOpen(false);
      onApply(text.trim());
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };

  return (
    <div class="query">
      <div class={`query-box${error ? ' query-box-error' : ''}`}>
        <span class="query-icon" aria-hidden="true">⌕</span>
        <input
          ref={input}
          class="query-input"
          aria-label="query"
          placeholder='Filter runs, e.g.  config.learning_rate < 0.01 OR tags = best    ·    status = FAILED AND duration > 2h'
          value={text}
          spellcheck={false}
          autocomplete="off"
          onInput={(e) => {
            setText(e.currentTarget.value);
            setCaret(e.currentTarget.selectionStart ?? 0);
            setOpen(true);
            setActive(0);
          }}
          onKeyDown={onKey}
          onKeyUp={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
          onClick={(e) => {
            setCaret(e.currentTarget.selectionStart ?? 0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
        />
        {text && (
          <button class="icon-button" title="Clear the query" onClick={() => onApply('')}>
            ×
          </button>
        )}
        <button class="button button-primary" onClick={() => onApply(text.trim())}>
          Filter
        </button>
        <button class={`button${builder ? ' button-active' : ''}`} onClick={() => setBuilder(!builder)} title="Build a query with a form">
          Builder
        </button>
        {open && suggestions.length > 0 && (
          <ul class="suggestions" role="listbox">
            {suggestions.map((s, i) => (
              <li
                key={s.text}
                role="option"
                aria-selected={i === active}
                class={i === active ? 'active' : ''}
                onMouseDown={(e) => {
                  e.preventDefault();
                  accept(s);
                }}
              >
                <span class="suggestion-text">{s.text}</span>
                {s.hint && <span class="suggestion-hint">{s.hint}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
      {error && <QueryErrorView query={query} error={error} />}
      {builder && catalog && (
        <QueryBuilder
          catalog={catalog}
          onWrite={(q) => {
            setText(q);
            onApply(q);
          }}
        />
      )}
    </div>
  );
}

function QueryErrorView({ query, error }: { query: string; error: QueryError }) {
  const before = query.slice(0, error.position);
  const bad = query.slice(error.position, error.position + Math.max(error.length, 0)) || ' ';
  const after = query.slice(error.position + Math.max(error.length, 0));
  return (
    <div class="query-error" role="alert">
      <div class="query-error-message">{error.message}</div>
      <pre class="query-error-text">
        {before}
        <mark>{bad}</mark>
        {after}
      </pre>
      <div class="query-error-expected">
        valid here:{' '}
        {error.expected.slice(0, 12).map((e) => (
          <code key={e}>{e}</code>
        ))}
      </div>
    </div>
  );
}
