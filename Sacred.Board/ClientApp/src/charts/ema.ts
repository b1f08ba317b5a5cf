/**
 * TensorBoard's smoothing: an exponential moving average debiased like Adam's moments. With weight w, after the
 * n-th finite value the accumulator is last = w * last + (1 - w) * value and the smoothed value is
 * last / (1 - w^n), so the first points are not dragged towards 0. Non-finite values pass through unchanged and
 * do not advance n. A weight of 0 returns the values as they are.
 */
export function debiasedEma(values: (number | null)[], weight: number): (number | null)[] {
  if (weight <= 0) return values.slice();
  const out: (number | null)[] = new Array(values.length);
  let last = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || !Number.isFinite(v)) {
      out[i] = v;
      continue;
    }
    last = last * weight + (1 - weight) * v;
    n++;
    const debias = weight === 1 ? 1 : 1 - Math.pow(weight, n);
    out[i] = last / debias;
  }
  return out;
}
