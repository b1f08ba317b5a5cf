import { ChartControls, chartOptionParams, readChartOptions } from '../charts/ChartControls';
import { MetricChart } from '../charts/MetricChart';
import type { MetricSummary } from '../types';
import { navigate, useLocation, withParams } from '../url';

/** One uPlot chart per metric, fed by the server's downsampling; x axis, log y and smoothing live in the address. */
export function MetricsView({ id, metrics, running }: { id: number; metrics: MetricSummary[]; running: boolean }) {
  const location = useLocation();
  const options = readChartOptions(location.params);
  if (metrics.length === 0) return <div class="muted">This run logged no metrics.</div>;
  return (
    <div>
      <ChartControls options={options} onChange={(o) => navigate(withParams(chartOptionParams(o)), true)} />
      <div class="chart-grid">
        {metrics.map((m) => (
          <MetricChart key={m.name} id={id} metric={m} options={options} refresh={running ? m.count : 0} />
        ))}
      </div>
    </div>
  );
}
