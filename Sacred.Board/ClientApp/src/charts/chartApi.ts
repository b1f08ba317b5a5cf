import { get } from '../api';
import type { Json } from '../types';

/** A metric as the chart endpoint returns it: columns, plus each point's bucket band when downsampled. */
export interface ChartSeries {
  name: string;
  totalCount: number;
  /** Points in the step range asked for (the whole series when none was). */
  rangeCount: number;
  from: number | null;
  to: number | null;
  downsampled: boolean;
  steps: number[];
  values: (number | null)[];
  times: number[];
  lo: (number | null)[] | null;
  hi: (number | null)[] | null;
}

export interface ChartRun {
  id: number;
  experiment: string;
  status: string;
  keys: (Json | null)[];
  series: ChartSeries | null;
}

export interface ChartRuns {
  metric: string;
  total: number;
  keys: string[];
  runs: ChartRun[];
}

export interface ChartTable {
  total: number;
  fields: string[];
  rows: { id: number; experiment: string; values: (Json | null)[] }[];
}

/** A zoomed step range, both ends included. */
export interface StepRange {
  from: number;
  to: number;
}

const tz = () => `tz=${new Date().getTimezoneOffset()}`;

export function chartSeriesUrl(id: number, name: string, points: number, from?: number, to?: number): string {
  const p = new URLSearchParams({ name, points: String(points) });
  if (from !== undefined) p.set('from', String(Math.ceil(from)));
  if (to !== undefined) p.set('to', String(Math.floor(to)));
  return `/api/runs/${id}/metrics?${p}`;
}

export const fetchChartSeries = (id: number, name: string, points: number, from?: number, to?: number, signal?: AbortSignal) =>
  get<ChartSeries>(chartSeriesUrl(id, name, points, from, to), signal);

export const exportUrl = (id: number, name: string) => `/api/runs/${id}/metrics/export?name=${encodeURIComponent(name)}`;

/** One metric over the filtered runs; with `range`, each run only within that step range (a zoom), at full resolution. */
export function fetchChartRuns(q: string, metric: string, keys: string[], points: number, limit: number, range: StepRange | null, signal?: AbortSignal) {
  const p = new URLSearchParams({ q, metric, points: String(points), limit: String(limit) });
  for (const k of keys) p.append('key', k);
  if (range) p.set('from', String(range.from)), p.set('to', String(range.to));
  return get<ChartRuns>(`/api/charts/runs?${p}&${tz()}`, signal);
}

export function fetchChartTable(q: string, fields: string[], signal?: AbortSignal) {
  const p = new URLSearchParams({ q });
  for (const f of fields) p.append('field', f);
  return get<ChartTable>(`/api/charts/table?${p}&${tz()}`, signal);
}
