import type { ChartTable } from './chartApi';
import { axisScale } from './axisScale';

const W = 1000;
const H = 420;
const PAD = 56;

/** A config value (x) against a metric summary (y), one dot per run; hover shows the run. */
export function ScatterPlot({ table }: { table: ChartTable }) {
  if (table.fields.length < 2) return <div class="muted">Choose a config key and a metric summary.</div>;
  const xs = axisScale(table.rows.map((r) => r.values[0]));
  const ys = axisScale(table.rows.map((r) => r.values[1]));
  const px = (t: number) => PAD + t * (W - 2 * PAD);
  const py = (t: number) => H - PAD - t * (H - 2 * PAD);
  return (
    <svg class="many-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="scatter plot" data-runs={table.rows.length}>
      <line class="axis" x1={PAD} x2={W - PAD} y1={H - PAD} y2={H - PAD} />
      <line class="axis" x1={PAD} x2={PAD} y1={PAD} y2={H - PAD} />
      {xs.labels.map((l) => (
        <text key={l.text} x={px(l.t)} y={H - PAD + 16} text-anchor="middle">
          {l.text}
        </text>
      ))}
      {ys.labels.map((l) => (
        <text key={l.text} x={PAD - 6} y={py(l.t) + 4} text-anchor="end">
          {l.text}
        </text>
      ))}
      <text x={W / 2} y={H - 8} text-anchor="middle">
        {table.fields[0]}
      </text>
      <text x={12} y={PAD - 16}>
        {table.fields[1]}
      </text>
      {table.rows.map((row) => {
        const x = xs.at(row.values[0]);
        const y = ys.at(row.values[1]);
        if (x === null || y === null) return null;
        return (
          <circle key={row.id} cx={px(x)} cy={py(y)} r="5" fill="#2563eb" fill-opacity="0.7" data-run={row.id}>
            <title>{`#${row.id} ${row.experiment}`}</title>
          </circle>
        );
      })}
    </svg>
  );
}
