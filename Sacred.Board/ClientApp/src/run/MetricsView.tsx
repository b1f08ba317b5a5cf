import { useEffect, useState } from 'preact/hooks';
import { fetchMetric } from '../api';
import { formatNumber } from '../format';
import type { MetricSeries, MetricSummary } from '../types';

/** One small chart per metric, from the server's downsampling (each bucket's min and max, so spikes show). */
export function MetricsView({ id, metrics, running }: { id: number; metrics: MetricSummary[]; running: boolean }) {
  if (metrics.length === 0) return <div class="muted">This run logged no metrics.</div>;
  return (
    <div class="metric-grid">
      {metrics.map((m) => (
        <MetricCard key={m.name} id={id} metric={m} running={running} />
      ))}
    </div>
  );
}

function MetricCard({ id, metric, running }: { id: number; metric: MetricSummary; running: boolean }) {
  const [series, setSeries] = useState<MetricSeries | null>(null);
  useEffect(() => {
    fetchMetric(id, metric.name, 300).then(setSeries, () => setSeries(null));
  }, [id, metric.name, running ? metric.count : 0]);
  return (
    <div class="metric-card" data-metric={metric.name}>
      <div class="metric-head">
        <span class="metric-name">{metric.name}</span>
        <span class="metric-last mono">{formatNumber(metric.last)}</span>
      </div>
      <Sparkline series={series} />
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
        <span>
          <b class="mono">{formatNumber(metric.count)}</b> pts
        </span>
      </div>
      {series?.downsampled && (
        <div class="metric-note muted">
          {formatNumber(series.steps.length)} of {formatNumber(series.totalCount)} points shown, spikes kept
        </div>
      )}
    </div>
  );
}

const W = 320;
const H = 100;
/** Bands above and below the plot for the labels, so no label sits on the line. */
const TOP = 14;
const BOTTOM = 14;

function Sparkline({ series }: { series: MetricSeries | null }) {
  if (!series) return <div class="sparkline sparkline-empty" />;
  const points = series.steps.map((s, i) => [s, series.values[i]] as const).filter((p): p is readonly [number, number] => p[1] !== null);
  if (points.length === 0) return <div class="sparkline sparkline-empty muted">no finite values</div>;
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (y0 === y1) (y0 -= 1), (y1 += 1);
  const floor = H - BOTTOM;
  const sx = (x: number) => (x1 === x0 ? W / 2 : ((x - x0) / (x1 - x0)) * (W - 8) + 4);
  const sy = (y: number) => floor - 2 - ((y - y0) / (y1 - y0)) * (floor - TOP - 4);
  const d = points.map((p, i) => `${i ? 'L' : 'M'}${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join('');
  const area = `${d}L${sx(x1).toFixed(1)},${floor}L${sx(x0).toFixed(1)},${floor}Z`;
  return (
    <svg class="sparkline" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={`${series.name}: ${points.length} points`}>
      <path class="spark-area" d={area} />
      <path class="spark-line" d={d} />
      <line class="spark-axis" x1="0" y1={floor} x2={W} y2={floor} />
      <text class="spark-label" x="4" y="10">{formatNumber(y1)}</text>
      <text class="spark-label" x="4" y={H - 2}>{formatNumber(y0)}</text>
      <text class="spark-label" x={W - 4} y={H - 2} text-anchor="end">step {formatNumber(x1)}</text>
    </svg>
  );
}
