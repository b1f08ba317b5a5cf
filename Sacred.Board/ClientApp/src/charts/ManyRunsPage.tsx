import { useEffect, useMemo, useState } from 'preact/hooks';
import { fetchCatalog } from '../api';
import { formatNumber, formatValue } from '../format';
import type { Catalog, Json } from '../types';
import { type Location, navigate, onLinkClick, withParams } from '../url';
import { fetchChartRuns, fetchChartTable, type ChartRuns, type ChartTable, type StepRange } from './chartApi';
import './charts.css';
import { debiasedEma } from './ema';
import { groupBands } from './groups';
import { type Line, LinesCanvas } from './LinesCanvas';
import { ParallelCoordinates } from './ParallelCoordinates';
import { ScatterPlot } from './ScatterPlot';

type View = 'overlay' | 'group' | 'parallel' | 'scatter';

/** 200 runs of 500 points: 100,000 points in all, two or three per pixel column for each run. */
const MAX_RUNS = 200;
const POINTS_PER_RUN = 500;

const PALETTE = ['#2563eb', '#ea580c', '#16a34a', '#dc2626', '#9333ea', '#0891b2', '#ca8a04', '#db2777', '#4b5563', '#65a30d'];
export const colorOf = (i: number) => PALETTE[i % PALETTE.length];

/** The runs table's filter and selection as a query: the selection narrows the filter to those ids. */
export function chartQuery(q: string, ids: number[]): string {
  if (ids.length === 0) return q;
  const selection = `id IN (${ids.join(', ')})`;
  return q.trim() ? `(${q}) AND ${selection}` : selection;
}

/**
 * Many runs at once, for the runs table's filter and selection: one metric overlaid (legend from chosen config
 * keys), grouped by a config key (mean with a min–max band), parallel coordinates, and a scatter of a config value
 * against a metric summary. Everything shown lives in the address. Dragging across the overlay or group chart zooms:
 * the runs are fetched again within that step range (`from`/`to` in the address) at full resolution.
 */
export function ManyRunsPage({ location }: { location: Location }) {
  const p = location.params;
  const q = p.get('q') ?? '';
  const ids = (p.get('ids') ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const view = (p.get('view') as View | null) ?? 'overlay';
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const metric = p.get('metric') ?? catalog?.metrics[0] ?? '';
  const legend = p.getAll('legend');
  const group = p.get('group') ?? '';
  const summary = p.get('summary') ?? (metric ? `metrics.${metric}.min` : '');
  const axes = p.getAll('axis');
  const scatterX = p.get('sx') ?? axes[0] ?? catalog?.configKeys[0]?.path ?? '';
  const logY = p.get('logy') === '1';
  const smoothing = Math.min(0.99, Math.max(0, Number(p.get('smooth') ?? '0') || 0));
  const range = stepRange(p.get('from'), p.get('to'));
  const query = chartQuery(q, ids);
  const set = (changes: Record<string, string | string[] | null>) => navigate(withParams(changes), true);

  useEffect(() => {
    fetchCatalog().then(setCatalog, () => setCatalog(null));
  }, []);

  const configKeys = catalog?.configKeys.map((k) => k.path) ?? [];
  const back = withParams({ view: null, metric: null, legend: null, group: null, summary: null, axis: null, sx: null, logy: null, smooth: null, ids: null, from: null, to: null }, '/');

  return (
    <main class="many-page">
      <div class="many-toolbar">
        <a href={back} onClick={(e) => onLinkClick(e, back)}>
          ← Runs
        </a>
        <span class="mono" data-testid="chart-query">
          {query || 'all runs'}
        </span>
        <span class="spacer" />
        {(['overlay', 'group', 'parallel', 'scatter'] as View[]).map((v) => (
          <button key={v} class={`button button-small ${view === v ? 'button-active' : ''}`} onClick={() => set({ view: v === 'overlay' ? null : v })}>
            {v === 'overlay' ? 'Overlay' : v === 'group' ? 'Group' : v === 'parallel' ? 'Parallel coordinates' : 'Scatter'}
          </button>
        ))}
      </div>
      <div class="many-toolbar">
        {(view === 'overlay' || view === 'group') && (
          <>
            <label>
              metric
              <select class="input input-small" aria-label="metric" value={metric} onChange={(e) => set({ metric: e.currentTarget.value, from: null, to: null })}>
                {catalog?.metrics.map((m) => <option key={m}>{m}</option>)}
              </select>
            </label>
            {view === 'overlay' ? (
              <KeyPicker label="legend" keys={configKeys} chosen={legend} onChange={(k) => set({ legend: k })} />
            ) : (
              <label>
                group by
                <select class="input input-small" aria-label="group by" value={group} onChange={(e) => set({ group: e.currentTarget.value || null })}>
                  <option value="">(choose a key)</option>
                  {configKeys.map((k) => <option key={k}>{k}</option>)}
                </select>
              </label>
            )}
            <label>
              <input type="checkbox" aria-label="log y" checked={logY} onChange={(e) => set({ logy: e.currentTarget.checked ? '1' : null })} /> log y
            </label>
            <label title="TensorBoard's debiased exponential moving average">
              smoothing
              <input type="range" aria-label="smoothing" min="0" max="0.99" step="0.01" value={smoothing} onChange={(e) => set({ smooth: e.currentTarget.value === '0' ? null : e.currentTarget.value })} />
              <span class="mono">{smoothing.toFixed(2)}</span>
            </label>
          </>
        )}
        {(view === 'parallel' || view === 'scatter') && (
          <>
            <label>
              summary
              <input class="input input-small" aria-label="metric summary" value={summary} onChange={(e) => set({ summary: e.currentTarget.value })} />
            </label>
            {view === 'parallel' ? (
              <KeyPicker label="axes" keys={configKeys} chosen={axes} onChange={(k) => set({ axis: k })} />
            ) : (
              <label>
                x
                <select class="input input-small" aria-label="scatter x" value={scatterX} onChange={(e) => set({ sx: e.currentTarget.value })}>
                  {configKeys.map((k) => <option key={k}>{k}</option>)}
                </select>
              </label>
            )}
          </>
        )}
      </div>
      {(view === 'overlay' || view === 'group') && metric && (
        <SeriesView
          query={query}
          metric={metric}
          keys={view === 'overlay' ? legend : group ? [group] : []}
          grouped={view === 'group'}
          logY={logY}
          smoothing={smoothing}
          range={range}
          onRange={(r) => set({ from: r ? String(r.from) : null, to: r ? String(r.to) : null })}
        />
      )}
      {(view === 'parallel' || view === 'scatter') && summary && (
        <TableView query={query} fields={view === 'parallel' ? [...(axes.length ? axes : configKeys.slice(0, 4)), summary] : [scatterX, summary].filter(Boolean)} view={view} />
      )}
    </main>
  );
}

function KeyPicker({ label, keys, chosen, onChange }: { label: string; keys: string[]; chosen: string[]; onChange: (k: string[]) => void }) {
  return (
    <label>
      {label}
      <select
        class="input"
        multiple
        size={3}
        aria-label={label}
        onChange={(e) => onChange([...e.currentTarget.selectedOptions].map((o) => o.value))}
      >
        {keys.map((k) => (
          <option key={k} selected={chosen.includes(k)}>
            {k}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The zoomed step range from the address: whole steps, from ≤ to; anything else is no zoom. */
function stepRange(from: string | null, to: string | null): StepRange | null {
  if (from === null || to === null) return null;
  const f = Number(from);
  const t = Number(to);
  return Number.isSafeInteger(f) && Number.isSafeInteger(t) && f <= t ? { from: f, to: t } : null;
}

const keyText = (values: (Json | null)[]) => values.map((v) => (v === null ? '–' : formatValue(v))).join(', ');

function SeriesView({
  query,
  metric,
  keys,
  grouped,
  logY,
  smoothing,
  range,
  onRange,
}: {
  query: string;
  metric: string;
  keys: string[];
  grouped: boolean;
  logY: boolean;
  smoothing: number;
  range: StepRange | null;
  onRange: (range: StepRange | null) => void;
}) {
  const [data, setData] = useState<ChartRuns | null>(null);
  const [error, setError] = useState<string | null>(null);
  const keysKey = keys.join('\n');
  useEffect(() => {
    const abort = new AbortController();
    setError(null);
    performance.mark('sacred:many-request');
    fetchChartRuns(query, metric, keys, POINTS_PER_RUN, MAX_RUNS, range, abort.signal).then(
      (d) => {
        performance.mark('sacred:many-received');
        setData(d);
      },
      (e: Error) => abort.signal.aborted || setError(e.message),
    );
    return () => abort.abort();
  }, [query, metric, keysKey, range?.from, range?.to]);

  const lines = useMemo<Line[]>(() => {
    if (!data) return [];
    const drawn = data.runs.filter((r) => r.series && r.series.steps.length > 0);
    if (grouped) {
      return groupBands(drawn, (r) => keyText(r.keys), smoothing).map((g, i) => ({ ...g, color: colorOf(i), width: 2 }));
    }
    return drawn.map((r, i) => ({
      label: `#${r.id} ${keys.length ? keyText(r.keys) : r.experiment}`,
      color: colorOf(i),
      xs: r.series!.steps,
      ys: debiasedEma(r.series!.values, smoothing),
    }));
  }, [data, grouped, smoothing]);

  if (error) return <div class="banner banner-error">{error}</div>;
  if (!data) return <div class="muted">Loading…</div>;
  // Zoomed, the points that count are those in the range; the drawn x range is the range asked for.
  const points = data.runs.reduce((n, r) => n + (r.series?.rangeCount ?? 0), 0);
  const zoomed = data.runs.find((r) => r.series)?.series;
  const drawnRange: [number, number] | null = zoomed && zoomed.from !== null && zoomed.to !== null ? [zoomed.from, zoomed.to] : null;
  const shown = data.runs.reduce((n, r) => n + (r.series?.steps.length ?? 0), 0);
  return (
    <div>
      <div class="metric-note muted" data-testid="many-badge">
        {formatNumber(data.runs.length)} of {formatNumber(data.total)} runs; {formatNumber(shown)} of {formatNumber(points)} points
        {drawnRange ? ` in this range (steps ${formatNumber(drawnRange[0])}–${formatNumber(drawnRange[1])})` : ''} shown, spikes kept
        {grouped && keys.length === 0 && ' — choose a key to group by'}
        {range && (
          <button class="button button-small many-reset" onClick={() => onRange(null)}>
            Reset zoom
          </button>
        )}
      </div>
      <LinesCanvas
        lines={lines}
        logY={logY}
        xLabel="step"
        xRange={drawnRange}
        onZoom={(from, to) => {
          const r = { from: Math.ceil(from), to: Math.floor(to) };
          if (r.from <= r.to) onRange(r);
        }}
        onReset={() => range && onRange(null)}
      />
      <div class="many-legend" data-testid="legend">
        {lines.map((l) => (
          <span key={l.label} class="legend-item">
            <span class="swatch" style={{ background: l.color }} />
            {l.label}
          </span>
        ))}
      </div>
    </div>
  );
}

function TableView({ query, fields, view }: { query: string; fields: string[]; view: 'parallel' | 'scatter' }) {
  const [table, setTable] = useState<ChartTable | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fieldsKey = fields.join('\n');
  useEffect(() => {
    const abort = new AbortController();
    setError(null);
    fetchChartTable(query, fields, abort.signal).then(setTable, (e: Error) => abort.signal.aborted || setError(e.message));
    return () => abort.abort();
  }, [query, fieldsKey]);
  if (error) return <div class="banner banner-error">{error}</div>;
  if (!table) return <div class="muted">Loading…</div>;
  return (
    <div>
      <div class="metric-note muted">
        {formatNumber(table.rows.length)} of {formatNumber(table.total)} runs
      </div>
      {view === 'parallel' ? <ParallelCoordinates table={table} /> : <ScatterPlot table={table} />}
    </div>
  );
}
