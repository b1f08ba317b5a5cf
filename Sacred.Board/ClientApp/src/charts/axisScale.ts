import { formatValue } from '../format';
import type { Json } from '../types';

/** Maps a column of values to [0, 1]: numbers linearly between their min and max, anything else by its rank. */
export interface AxisScale {
  at: (v: Json | null) => number | null;
  labels: { t: number; text: string }[];
}

export function axisScale(values: (Json | null)[]): AxisScale {
  const present = values.filter((v): v is Json => v !== null);
  if (present.length > 0 && present.every((v) => typeof v === 'number')) {
    const nums = present as number[];
    let min = Math.min(...nums);
    let max = Math.max(...nums);
    if (min === max) (min -= 1), (max += 1);
    return {
      at: (v) => (typeof v === 'number' ? (v - min) / (max - min) : null),
      labels: [
        { t: 0, text: formatValue(min) },
        { t: 1, text: formatValue(max) },
      ],
    };
  }
  const distinct = [...new Set(present.map((v) => formatValue(v)))].sort();
  const step = distinct.length > 1 ? 1 / (distinct.length - 1) : 0;
  return {
    at: (v) => (v === null ? null : distinct.length > 1 ? distinct.indexOf(formatValue(v)) * step : 0.5),
    labels: distinct.slice(0, 12).map((text, i) => ({ t: distinct.length > 1 ? i * step : 0.5, text })),
  };
}
