import type { ChartTable } from './chartApi';
import { axisScale } from './axisScale';

const W = 1000;
const H = 420;
const PAD = 40;

/** One vertical axis per field (the last is the metric summary), one line per run, coloured by the summary. */
export function ParallelCoordinates({ table }: { table: ChartTable }) {
  const scales = table.fields.map((_, f) => axisScale(table.rows.map((r) => r.values[f])));
  const xOf = (f: number) => PAD + (table.fields.length > 1 ? (f * (W - 2 * PAD)) / (table.fields.length - 1) : 0);
  const yOf = (t: number) => H - PAD - t * (H - 2 * PAD);
  const last = table.fields.length - 1;
  return (
    <svg class="many-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="parallel coordinates" data-runs={table.rows.length}>
      {table.rows.map((row) => {
        const points = scales.map((s, f) => {
          const t = s.at(row.values[f]);
          return t === null ? null : `${xOf(f).toFixed(1)},${yOf(t).toFixed(1)}`;
        });
        if (points.some((p) => p === null)) return null;
        const t = scales[last].at(row.values[last]) ?? 0;
        return <polyline key={row.id} fill="none" stroke={`hsl(${(1 - t) * 220}, 70%, 45%)`} stroke-opacity="0.6" points={points.join(' ')} data-run={row.id} />;
      })}
      {table.fields.map((field, f) => (
        <g key={field}>
          <line class="axis" x1={xOf(f)} x2={xOf(f)} y1={PAD} y2={H - PAD} />
          <text x={xOf(f)} y={PAD - 12} text-anchor="middle">
            {field}
          </text>
          {scales[f].labels.map((l) => (
            <text key={l.text} x={xOf(f) + 4} y={yOf(l.t) + 4}>
              {l.text}
            </text>
          ))}
        </g>
      ))}
    </svg>
  );
}
