import type { ChartSeries } from './chartApi';

/** What the x axis measures: the logged step, wall-clock time, or seconds since the series' first point. */
export type XAxis = 'step' | 'time' | 'relative';

/**
 * The step range behind a zoom box drawn on any x axis. The server ranges by step, so a box drawn on a time axis is
 * mapped through the points on screen (steps and times rise together in a logged series): the first point at or
 * after the left edge and the last at or before the right edge.
 */
export function visibleStepRange(series: ChartSeries, xs: number[], left: number, right: number): [number, number] {
  if (xs === series.steps) return [left, right];
  let first = xs.findIndex((x) => x >= left);
  if (first < 0) first = xs.length - 1;
  let last = first;
  for (let i = xs.length - 1; i >= 0; i--) {
    if (xs[i] <= right) {
      last = i;
      break;
    }
  }
  const a = series.steps[Math.max(0, first)] ?? 0;
  const b = series.steps[Math.max(first, last)] ?? a;
  return [Math.min(a, b), Math.max(a, b)];
}
