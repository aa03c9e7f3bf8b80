export function formatPercent(p: number): string {
  const rounded = Math.round(p * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)}%`;
}

/** Scales weights to whole numbers adding up to exactly 100 (largest-remainder rounding). */
export function toHundred(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w * 100) / total);
  const out = exact.map(Math.floor);
  let missing = 100 - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; missing > 0; k = (k + 1) % order.length, missing--) {
    out[order[k].i]++;
  }
  return out;
}
