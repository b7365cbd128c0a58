/** A round step (1, 2 or 5 × 10^k) so that about `count` steps cover `max`. */
export function niceStep(max: number, count = 4): number {
  if (!(max > 0)) return 1;
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  // counts are whole numbers: no fractional steps for them
  return Number.isInteger(max) ? Math.max(1, step) : step;
}

/** Axis ticks from 0 to the first step at or above `max` (at least one step). */
export function axisTicks(max: number, count = 4): number[] {
  const step = niceStep(max, count);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const out: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

/** Linear map from [0, top] to [bottom, topPx] (SVG y grows downwards). */
export const scaleY = (value: number, top: number, yTop: number, yBottom: number) =>
  yBottom - (top > 0 ? (value / top) * (yBottom - yTop) : 0);
