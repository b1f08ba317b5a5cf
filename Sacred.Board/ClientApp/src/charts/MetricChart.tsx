import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './charts.css';
import { formatNumber } from '../format';
import type { MetricSummary } from '../types';
import { exportUrl, fetchChartSeries, type ChartSeries } from './chartApi';
import { debiasedEma } from './ema';
import { visibleStepRange, type XAxis } from './xAxis';

/** How many points to ask the server for: about two per pixel column of the plot. */
const POINTS = 1000;

export interface ChartOptions {
  x: XAxis;
  logY: boolean;
  smoothing: number;
}

/**
 * One metric as a uPlot canvas chart fed by the server's downsampling: the line through each bucket's min and max
 * (spikes kept), the bucket's band shaded, and the debiased EMA when smoothing is on. Dragging zooms; the visible
 * step range is then fetched again at full chart resolution. Double-click returns to the whole series.
 */
export function MetricChart({ id, metric, options, refresh }: { id: number; metric: MetricSummary; options: ChartOptions; refresh: number }) {
  const [series, setSeries] = useState<ChartSeries | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [zoom, setZoom] = useState<{ from: number; to: number } | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    const started = performance.now();
    fetchChartSeries(id, metric.name, POINTS, zoom?.from, zoom?.to, abort.signal).then(
      (s) => {
        performance.mark('sacred:series-received', { detail: { metric: metric.name, ms: performance.now() - started } });
        setSeries(s);
        setError(null);
      },
      (e: Error) => abort.signal.aborted || setError(e.message),
    );
    return () => abort.abort();
  }, [id, metric.name, zoom?.from, zoom?.to, refresh]);

  const smoothed = useMemo(() => (series ? debiasedEma(series.values, options.smoothing) : null), [series, options.smoothing]);
  const drawnSum = smoothed ? smoothed.reduce<number>((sum, v) => sum + (v ?? 0), 0) : 0;

  return (
    <div
      class="chart-card"
      data-metric={metric.name}
      data-shown={series?.steps.length ?? ''}
      data-range-count={series?.rangeCount ?? ''}
      data-from={series?.from ?? ''}
      data-to={series?.to ?? ''}
      data-drawn-sum={series ? drawnSum.toPrecision(12) : ''}
    >
      <div class="metric-head">
        <span class="metric-name">{metric.name}</span>
        <span class="metric-last mono">{formatNumber(metric.last)}</span>
        <span class="spacer" />
        {zoom && (
          <button class="button button-small" onClick={() => setZoom(null)}>
            Reset zoom
          </button>
        )}
        <a class="button button-small" href={exportUrl(id, metric.name)} download title="Every point as CSV (step, value, time), streamed by the server">
          Export CSV
        </a>
      </div>
      {error && <div class="banner banner-error">{error}</div>}
      <UPlotChart series={series} smoothed={smoothed} options={options} onZoom={(from, to) => setZoom({ from, to })} onReset={() => setZoom(null)} />
      <div class="metric-note muted chart-badge" data-testid="points-badge">
        {series ? badge(series) : 'loading…'}
      </div>
      <div class="metric-stats">
        <span>
          min <b class="mono">{formatNumber(metric.min)}</b>
        </span>
        <span>
          max <b class="mono">{formatNumber(metric.max)}</b>
        </span>
        <span>
          mean <b class="mono">{formatNumber(metric.mean)}</b>
        </span>
      </div>
    </div>
  );
}

/** Says how much of the series (or of the zoomed range) is drawn, so a downsampled chart never passes for the whole. */
export function badge(series: ChartSeries): string {
  const range = series.from !== null || series.to !== null ? ' in this range' : '';
  return series.downsampled
    ? `${formatNumber(series.steps.length)} of ${formatNumber(series.rangeCount)} points${range} shown, spikes kept`
    : `all ${formatNumber(series.rangeCount)} points${range} shown`;
}

function xValues(series: ChartSeries, axis: XAxis): number[] {
  if (axis === 'step') return series.steps;
  if (axis === 'time') return series.times.map((t) => t / 1000);
  const first = series.times[0] ?? 0;
  return series.times.map((t) => (t - first) / 1000);
}

function UPlotChart({
  series,
  smoothed,
  options,
  onZoom,
  onReset,
}: {
  series: ChartSeries | null;
  smoothed: (number | null)[] | null;
  options: ChartOptions;
  onZoom: (from: number, to: number) => void;
  onReset: () => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shapeOf = useRef<string>('');
  const resizer = useRef<ResizeObserver | null>(null);
  const callbacks = useRef({ onZoom, onReset, series });
  callbacks.current = { onZoom, onReset, series };

  useEffect(() => {
    if (!host.current || !series || !smoothed) return;
    const positive = (v: number | null) => (options.logY && v !== null && v <= 0 ? null : v);
    const xs = xValues(series, options.x);
    const raw = series.values.map(positive);
    const line = options.smoothing > 0 ? smoothed.map(positive) : raw;
    const lo = (series.lo ?? series.values).map(positive);
    const hi = (series.hi ?? series.values).map(positive);
    const data: uPlot.AlignedData = [xs, hi, lo, raw, line];
    // New points of a running run (or a zoom) with the same axes and smoothing: hand uPlot the new data; the chart,
    // its canvas and its handlers stay, and only the plot area is painted again.
    const shape = `${options.x}|${options.logY}|${options.smoothing > 0}`;
    if (plot.current && shapeOf.current === shape) {
      plot.current.setData(data);
      return;
    }
    shapeOf.current = shape;
    const width = Math.max(300, host.current.clientWidth);
    const opts: uPlot.Options = {
      width,
      height: 260,
      cursor: {
        drag: { x: true, y: false, setScale: false },
        bind: {
          dblclick: () => () => {
            callbacks.current.onReset();
            return null;
          },
        },
      },
      scales: { x: { time: options.x === 'time' }, y: { distr: options.logY ? 3 : 1 } },
      axes: [
        { label: options.x === 'step' ? 'step' : options.x === 'time' ? 'wall time' : 'seconds since the first point', size: 40 },
        { size: 60 },
      ],
      legend: { show: false },
      series: [
        {},
        { label: 'bucket max', stroke: 'transparent', points: { show: false } },
        { label: 'bucket min', stroke: 'transparent', points: { show: false } },
        {
          label: 'value',
          stroke: options.smoothing > 0 ? 'rgba(59,130,246,0.35)' : 'rgb(37,99,235)',
          width: 1,
          points: { show: false },
          spanGaps: false,
        },
        { label: 'smoothed', stroke: 'rgb(234,88,12)', width: 2, points: { show: false }, show: options.smoothing > 0 },
      ],
      bands: [{ series: [1, 2], fill: 'rgba(59,130,246,0.15)' }],
      hooks: {
        setSelect: [
          (u) => {
            if (u.select.width < 3) return;
            const left = u.posToVal(u.select.left, 'x');
            const right = u.posToVal(u.select.left + u.select.width, 'x');
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            const current = callbacks.current.series;
            if (!current) return;
            const [from, to] = visibleStepRange(current, xValues(current, options.x), left, right);
            performance.mark('sacred:zoom-start');
            callbacks.current.onZoom(from, to);
          },
        ],
        draw: [() => performance.mark('sacred:chart-drawn')],
      },
    };
    plot.current?.destroy();
    plot.current = new uPlot(opts, data, host.current);
    const resize = new ResizeObserver(() => {
      if (host.current && plot.current) plot.current.setSize({ width: Math.max(300, host.current.clientWidth), height: 260 });
    });
    resize.observe(host.current);
    resizer.current?.disconnect();
    resizer.current = resize;
  }, [series, smoothed, options.x, options.logY, options.smoothing]);

  useEffect(
    () => () => {
      resizer.current?.disconnect();
      plot.current?.destroy();
      plot.current = null;
    },
    [],
  );

  return <div class="uplot-host" ref={host} />;
}
