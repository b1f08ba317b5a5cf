import type { ChartRun } from './chartApi';
import { debiasedEma } from './ema';

const GRID = 400;

/** One group of runs on a shared step grid: the mean across its runs, and the band from their min to their max. */
export interface GroupBand {
  label: string;
  xs: number[];
  ys: (number | null)[];
  lo: (number | null)[];
  hi: (number | null)[];
}

/**
 * Groups runs by a label and, on a grid of steps spanning the group, takes each run's value at each grid step
 * (linear between its neighbouring points, none outside the run's own steps), then the mean, min and max over the
 * runs that have one. The runs' points are the server's downsampling (each bucket's min and max), interpolated at
 * 400 grid steps: a spike narrower than a grid cell shows at its interpolated height, so the per-run Overlay is the
 * view that shows every spike in full. Zoomed, the runs' points and so the grid span only the zoomed step range,
 * so a narrow spike is drawn in full once the range is narrow enough.
 */
export function groupBands(runs: ChartRun[], labelOf: (r: ChartRun) => string, smoothing: number): GroupBand[] {
  const groups = new Map<string, ChartRun[]>();
  for (const r of runs) {
    const label = labelOf(r);
    groups.set(label, [...(groups.get(label) ?? []), r]);
  }
  const out: GroupBand[] = [];
  for (const [label, members] of [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    let x0 = Infinity;
    let x1 = -Infinity;
    for (const r of members) {
      const s = r.series!.steps;
      x0 = Math.min(x0, s[0]);
      x1 = Math.max(x1, s[s.length - 1]);
    }
    const n = x1 > x0 ? GRID : 1;
    const xs = Array.from({ length: n }, (_, i) => (n === 1 ? x0 : x0 + ((x1 - x0) * i) / (n - 1)));
    const sums = new Array<number>(n).fill(0);
    const counts = new Array<number>(n).fill(0);
    const lo = new Array<number | null>(n).fill(null);
    const hi = new Array<number | null>(n).fill(null);
    for (const r of members) {
      const steps = r.series!.steps;
      const values = debiasedEma(r.series!.values, smoothing);
      let j = 0;
      for (let i = 0; i < n; i++) {
        const x = xs[i];
        if (x < steps[0] || x > steps[steps.length - 1]) continue;
        while (j + 1 < steps.length && steps[j + 1] < x) j++;
        const a = values[j];
        const b = values[Math.min(j + 1, steps.length - 1)];
        if (a === null || b === null) continue;
        const sa = steps[j];
        const sb = steps[Math.min(j + 1, steps.length - 1)];
        const v = sb === sa || x <= sa ? a : a + ((b - a) * (x - sa)) / (sb - sa);
        sums[i] += v;
        counts[i]++;
        lo[i] = lo[i] === null ? v : Math.min(lo[i]!, v);
        hi[i] = hi[i] === null ? v : Math.max(hi[i]!, v);
      }
    }
    out.push({ label: `${label} (${members.length} run${members.length === 1 ? '' : 's'})`, xs, ys: sums.map((s, i) => (counts[i] ? s / counts[i] : null)), lo, hi });
  }
  return out;
}
