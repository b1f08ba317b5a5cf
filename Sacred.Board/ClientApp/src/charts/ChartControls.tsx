import type { ChartOptions } from './MetricChart';
import type { XAxis } from './xAxis';

/** The x axis, log y and smoothing weight shared by the charts of a page. */
export function ChartControls({ options, onChange }: { options: ChartOptions; onChange: (o: ChartOptions) => void }) {
  return (
    <div class="chart-controls" role="toolbar" aria-label="chart options">
      <label>
        x axis{' '}
        <select class="input input-small" aria-label="x axis" value={options.x} onChange={(e) => onChange({ ...options, x: e.currentTarget.value as XAxis })}>
          <option value="step">step</option>
          <option value="time">wall time</option>
          <option value="relative">relative time</option>
        </select>
      </label>
      <label>
        <input type="checkbox" aria-label="log y" checked={options.logY} onChange={(e) => onChange({ ...options, logY: e.currentTarget.checked })} /> log y
      </label>
      <label title="TensorBoard's debiased exponential moving average">
        smoothing{' '}
        <input
          type="range"
          aria-label="smoothing"
          min="0"
          max="0.99"
          step="0.01"
          value={options.smoothing}
          onInput={(e) => onChange({ ...options, smoothing: Number(e.currentTarget.value) })}
        />{' '}
        <span class="mono">{options.smoothing.toFixed(2)}</span>
      </label>
    </div>
  );
}

/** Reads the chart options from the address (x=, logy=1, smooth=). */
export function readChartOptions(params: URLSearchParams): ChartOptions {
  const x = params.get('x');
  const smooth = Number(params.get('smooth') ?? '0');
  return {
    x: x === 'time' || x === 'relative' ? x : 'step',
    logY: params.get('logy') === '1',
    smoothing: Number.isFinite(smooth) ? Math.min(0.99, Math.max(0, smooth)) : 0,
  };
}

export function chartOptionParams(o: ChartOptions): Record<string, string | null> {
  return { x: o.x === 'step' ? null : o.x, logy: o.logY ? '1' : null, smooth: o.smoothing > 0 ? String(o.smoothing) : null };
}
