import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, bulkTags, fetchCatalog, fetchCount, fetchRuns, type RunsRequest } from '../api';
import { formatNumber } from '../format';
import { useLiveTable } from '../live/useLiveTable';
import type { Catalog, QueryError, RunRow } from '../types';
import { type Location, navigate, rememberRunsUrl, withParams } from '../url';
import { ChartsLink } from '../charts/ChartsLink';
import { ColumnPicker } from './ColumnPicker';
import { columnFor, defaultColumns, isAttribute } from './columns';
import { DeleteDialog } from './DeleteDialog';
import { QueryBar } from './QueryBar';
import { RunsTable } from './RunsTable';

const PAGE = 100;
let firstRowsMarked = false;

/** The runs table with its query, sort and columns, all kept in the address so a link reproduces the view. */
export function RunsPage({ readOnly, location }: { readOnly: boolean; location: Location }) {
  const params = location.params;
  rememberRunsUrl();
  const query = params.get('q') ?? '';
  const sort = params.get('sort') ?? 'id';
  const order = params.get('order') === 'asc' ? 'asc' : 'desc';
  const columnPaths = params.getAll('col').length > 0 ? params.getAll('col') : defaultColumns;
  const widthParam = params.getAll('w').join('|');
  const widths = useMemo(() => {
    const map = new Map<string, number>();
    for (const w of widthParam ? widthParam.split('|') : []) {
      const at = w.lastIndexOf(':');
      if (at > 0) map.set(w.slice(0, at), Number(w.slice(at + 1)));
    }
    return map;
  }, [widthParam]);
  const columns = columnPaths.map((p) => columnFor(p, widths.get(p)));
  const extra = columnPaths.filter((p) => !isAttribute(p));
  const extraKey = extra.join('\n');
  const valueIndex = useMemo(() => new Map(extra.map((p, i) => [p, i])), [extraKey]);

  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<QueryError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [catalogStamp, setCatalogStamp] = useState(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [picker, setPicker] = useState(false);
  const [deleting, setDeleting] = useState<number[] | null>(null);
  const [bulkTag, setBulkTag] = useState('');
  const pages = useRef(new Map<number, RunRow[]>());
  const loading = useRef(new Set<number>());
  const generation = useRef(0);

  const request: RunsRequest = useMemo(() => ({ q: query, sort, order, columns: extra }), [query, sort, order, extraKey]);

  useEffect(() => {
    fetchCatalog().then(setCatalog, () => setCatalog(null));
  }, [catalogStamp]);

  const loadPage = useCallback(
    (page: number) => {
      if (pages.current.has(page) || loading.current.has(page)) return;
      const mine = generation.current;
      loading.current.add(page);
      fetchRuns(request, page * PAGE, PAGE).then(
        (result) => {
          if (mine !== generation.current) return;
          loading.current.delete(page);
          pages.current.set(page, result.rows);
          setError(null);
          setVersion((v) => v + 1);
        },
        (e: unknown) => {
          if (mine !== generation.current) return;
          loading.current.delete(page);
          if (e instanceof ApiError && e.body?.query) setError(e.body.query);
          else setMessage((e as Error).message);
        },
      );
    },
    [request],
  );

  // A new query, sort or column set starts from an empty cache at once (before the table asks for rows).
  const shownRequest = useRef<RunsRequest | null>(null);
  if (shownRequest.current !== request) {
    shownRequest.current = request;
    generation.current++;
    pages.current = new Map();
    loading.current = new Set();
  }

  useLayoutEffect(() => {
    const mine = generation.current;
    setTotal(null);
    setMessage(null);
    fetchCount(query).then(
      (r) => mine === generation.current && setTotal(r.count),
      (e: unknown) => {
        if (mine !== generation.current) return;
        if (e instanceof ApiError && e.body?.query) {
          setError(e.body.query);
          setTotal(0);
        } else setMessage((e as Error).message);
      },
    );
  }, [request]);

  useEffect(() => {
    if (!firstRowsMarked && pages.current.get(0)?.length) {
      firstRowsMarked = true;
      requestAnimationFrame(() => performance.mark('board:first-rows'));
    }
  });

  const onRange = useCallback(
    (first: number, last: number) => {
      for (let p = Math.floor(first / PAGE); p <= Math.floor(Math.max(first, last - 1) / PAGE); p++) loadPage(p);
    },
    [loadPage],
  );

  const live = useLiveTable(request, pages, () => setVersion((v) => v + 1));
  const rowAt = (index: number) => pages.current.get(Math.floor(index / PAGE))?.[index % PAGE];
  const set = (changes: Record<string, string | string[] | null>, replace = false) => navigate(withParams(changes, '/'), replace);
  const setColumns = (next: string[]) => set({ col: next.join('\n') === defaultColumns.join('\n') ? null : next });
  const refresh = () => {
    live.seen();
    generation.current++;
    pages.current = new Map();
    loading.current = new Set();
    setVersion((v) => v + 1);
    setCatalogStamp((v) => v + 1);
    fetchCount(query).then((r) => setTotal(r.count));
    loadPage(0);
  };

  const loadedIds = () => [...pages.current.values()].flat().map((r) => r.id);
  const selectedIds = [...selected];
  const applyBulkTag = async (add: boolean) => {
    const tag = bulkTag.trim();
    if (!tag) return;
    try {
      await bulkTags(selectedIds, add ? [tag] : [], add ? [] : [tag]);
      setBulkTag('');
      refresh();
    } catch (e) {
      setMessage((e as Error).message);
    }
  };

  return (
    <main class="runs-page">
      <div class="toolbar">
        <QueryBar query={query} catalog={catalog} error={error} onApply={(q) => set({ q: q || null })} />
      </div>
      <div class="subbar">
        <span class="count" aria-live="polite">
          {error ? (
            <span class="muted">The query was not run: fix it above</span>
          ) : total === null ? (
            'Counting…'
          ) : (
            `${formatNumber(total)} run${total === 1 ? '' : 's'}`
          )}
          {query && total !== null && !error && <span class="muted"> match the query</span>}
        </span>
        <ChartsLink query={query} selected={selected} />
        {live.newRuns > 0 && (
          <button class="button button-active live-new-runs" onClick={refresh} title="Show the runs recorded since the table was read">
            {live.newRuns === 1 ? '1 new run' : `${formatNumber(live.newRuns)} new runs`}
          </button>
        )}
        {selected.size > 0 && (
          <div class="bulk" role="toolbar" aria-label="selected runs">
            <span>
              <b>{selected.size}</b> selected
            </span>
            <button class="button" disabled={selected.size < 2 || selected.size > 12} title="Compare the selected runs (2 to 12), each against the first" onClick={() => navigate(`/compare?ids=${[...selected].sort((a, b) => a - b).join(',')}`)}>
              Compare
            </button>
            {!readOnly && (
              <>
                <input class="input input-small" placeholder="tag" aria-label="tag for the selected runs" value={bulkTag} onInput={(e) => setBulkTag(e.currentTarget.value)} />
                <button class="button" onClick={() => applyBulkTag(true)}>
                  Add tag
                </button>
                <button class="button" onClick={() => applyBulkTag(false)}>
                  Remove tag
                </button>
                <button class="button button-danger" onClick={() => setDeleting(selectedIds)}>
                  Delete…
                </button>
              </>
            )}
            <button class="button button-quiet" onClick={() => setSelected(new Set())}>
              Clear
            </button>
          </div>
        )}
        <span class="spacer" />
        <span class="sort-info muted">
          sorted by <code>{sort}</code> {order === 'asc' ? 'ascending' : 'descending'}
        </span>
        <button class="button" onClick={refresh} title="Read the runs again">
          Refresh
        </button>
        <div class="popover-anchor">
          <button class={`button${picker ? ' button-active' : ''}`} onClick={() => setPicker(!picker)}>
            Columns
          </button>
          {picker && catalog && <ColumnPicker catalog={catalog} columns={columnPaths} onChange={setColumns} onClose={() => setPicker(false)} />}
        </div>
      </div>
      {message && <div class="banner banner-error">{message}</div>}
      <RunsTable
        columns={columns}
        valueIndex={valueIndex}
        total={error ? 0 : total}
        rowAt={rowAt}
        onRange={onRange}
        sort={sort}
        order={order}
        loading={total === null}
        empty={error ? 'No runs shown until the query is fixed.' : 'No run matches this query.'}
        onSort={(path) => set(path === sort ? { order: order === 'asc' ? 'desc' : 'asc' } : { sort: path === 'id' ? null : path, order: null })}
        onResize={(path, width) => {
          widths.set(path, width);
          set({ w: [...widths].map(([p, w]) => `${p}:${w}`) }, true);
        }}
        onReorder={(from, to) => {
          const next = columnPaths.filter((c) => c !== from);
          next.splice(next.indexOf(to) + (columnPaths.indexOf(from) < columnPaths.indexOf(to) ? 1 : 0), 0, from);
          setColumns(next);
        }}
        selected={selected}
        onSelect={(id, on) => {
          const next = new Set(selected);
          if (on) next.add(id);
          else next.delete(id);
          setSelected(next);
        }}
        onSelectAll={(on) => setSelected(on ? new Set(loadedIds()) : new Set())}
        onOpen={(id, event) => {
          const url = `/runs/${id}`;
          if (event.ctrlKey || event.metaKey) window.open(url, '_blank', 'noopener');
          else navigate(url);
        }}
      />
      {deleting && (
        <DeleteDialog
          ids={deleting}
          onCancel={() => setDeleting(null)}
          onDone={(deleted) => {
            setDeleting(null);
            setSelected(new Set([...selected].filter((id) => !deleted.includes(id))));
            setMessage(null);
            refresh();
          }}
        />
      )}
    </main>
  );
}
