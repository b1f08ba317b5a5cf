import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { fetchMetric } from '../api';
import { formatNumber } from '../format';
import type { MetricSeries } from '../types';

const COLORS = ['#3b5bdb', '#e8590c', '#2b8a3e', '#c2255c', '#7048e8', '#0c8599', '#f08c00', '#5c940d', '#862e9c', '#1971c2', '#d6336c', '#495057'];
const POINTS = 400;

/** One metric of the compared runs overlaid by step (each run downsampled on the server, spikes kept). */
export function MetricOverlay({ name, runs }: { name: string; runs: { id: number; label: string }[] }) {
  const box = useRef<HTMLDivElement>(null);
  const [series, setSeries] = useState<(MetricSeries | null)[] | null>(null);
  const key = runs.map((r) => r.id).join(',');

  useEffect(() => {
    let alive = true;
    Promise.all(runs.map((r) => fetchMetric(r.id, name, POINTS).catch(() => null))).then((s) => alive && setSeries(s));
    return () => void (alive = false);
  }, [name, key]);

  useEffect(() => {
    if (!series || !box.current) return;
    const steps = [...new Set(series.flatMap((s) => s?.steps ?? []))].sort((a, b) => a - b);
    const index = new Map(steps.map((s, i) => [s, i]));
    const columns = series.map((s) => {
      const column: (number | null)[] = new Array(steps.length).fill(null);
      s?.steps.forEach((step, i) => (column[index.get(step)!] = s.values[i]));
      return column;
    });
    const plot = new uPlot(
      {
        width: Math.max(320, box.current.clientWidth),
        height: 220,
        scales: { x: { time: false } },
        axes: [{ label: 'step' }, {}],
        series: [{ label: 'step' }, ...runs.map((r, i) => ({ label: r.label, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: true }))],
      },
      [steps, ...columns] as uPlot.AlignedData,
      box.current,
    );
    return () => plot.destroy();
  }, [series]);

  const shown = series?.filter((s) => s?.downsampled) ?? [];
  return (
    <div class="overlay-card" data-metric={name}>
      <div class="overlay-head">
        <span class="metric-name">{name}</span>
        {shown.length > 0 && (
          <span class="muted">
            {shown.map((s) => `${formatNumber(s!.steps.length)} of ${formatNumber(s!.totalCount)}`).join(', ')} points shown, spikes kept
          </span>
        )}
      </div>
      <div ref={box} class="overlay-plot" />
    </div>
  );
}
