// Scaling of the small bar charts of the customer 360 (monthly consumption, daily frozen readings). Pure, so tested:
// the chart is drawn as inline SVG in a fixed viewBox and scales to the screen's width with the page.

export interface BarInput {
  label: string;
  value: number;
}

export interface Bar extends BarInput {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface BarLayout {
  /** The value at the top of the plot (a round number at or above the largest value). */
  top: number;
  bars: Bar[];
  /** Index of the largest bar (the first of equals), or -1 when there is none above 0. */
  maxIndex: number;
}

/** The smallest of 1, 2, 2.5, 5 × 10^k at or above `v` (0 and less: 1), so the axis reads as a round number. */
export function niceCeil(v: number): number {
  if (!Number.isFinite(v) || v <= 0) return 1;
  const exp = Math.floor(Math.log10(v));
  const base = 10 ** exp;
  for (const m of [1, 2, 2.5, 5, 10]) {
    const c = m * base;
    // Float noise (e.g. 0.30000000000000004) must not push a round value up one step.
    if (c >= v - base * 1e-9) return Number(c.toPrecision(12));
  }
  return 10 * base;
}

/**
 * Lays `points` out left to right in a plot of `width` × `height` with `gap` between bars. Negative or non-finite
 * values draw as empty bars (consumption cannot be negative; a gap in the data must not look like a spike); a value
 * above 0 gets at least `minBar` of height so that it remains visible next to a large one.
 */
export function layoutBars(points: BarInput[], o: { width: number; height: number; gap?: number; minBar?: number }): BarLayout {
  const n = points.length;
  if (n === 0) return { top: 1, bars: [], maxIndex: -1 };
  const gap = Math.max(0, Math.min(o.gap ?? 2, o.width / n / 2));
  const width = (o.width - gap * (n - 1)) / n;
  const clean = points.map((p) => (Number.isFinite(p.value) && p.value > 0 ? p.value : 0));
  const max = Math.max(...clean);
  const top = niceCeil(max);
  const minBar = o.minBar ?? 1;
  const bars = points.map((p, i) => {
    const v = clean[i]!;
    const h = v === 0 ? 0 : Math.max(minBar, (v / top) * o.height);
    return { ...p, x: i * (width + gap), y: o.height - h, width, height: h };
  });
  return { top, bars, maxIndex: max > 0 ? clean.indexOf(max) : -1 };
}

/** Which bars get a label under them: every one when they fit, else every k-th (and always the last). */
export function labelEvery(n: number, maxLabels: number): (i: number) => boolean {
  if (n <= maxLabels) return () => true;
  const k = Math.ceil(n / maxLabels);
  return (i) => i === n - 1 || (i % k === 0 && n - 1 - i >= k / 2);
}
