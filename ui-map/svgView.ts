import type { LatLon } from './coords';
import { localProjection, niceCeil, niceLength, type XY } from './geo';
import { anchorOf, extentPoints, type MapFeatures } from './features';

// The arithmetic of the SVG fallback map (used where WebGL is missing: some PDAs, headless browsers): features are
// projected to local metres around the customer (equirectangular — exact enough at the scale of a visit), then
// scaled uniformly into the drawing, north up. Kept apart from the component so it can be tested.

export interface SvgView {
  /** Projection origin. */
  ref: LatLon;
  /** Metres per screen pixel. */
  mPerPx: number;
  /** The local-metre point at the centre of the drawing. */
  centre: XY;
  width: number;
  height: number;
}

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Room kept free around the features: the zoom buttons on the right, the north arrow above, the scale bar below. */
export const MAP_PADDING: Padding = { top: 28, right: 64, bottom: 52, left: 20 };

/**
 * The view that shows every feature (geofence and accuracy circles included) inside `width × height` pixels with
 * `pad` to spare, never closer than `minSpanM` across (a lone point is shown with some surroundings, not at
 * an absurd zoom). Null when there is nothing to place.
 */
export function fitView(f: MapFeatures, width: number, height: number, pad: number | Padding = MAP_PADDING, minSpanM = 150): SvgView | null {
  const p = typeof pad === 'number' ? { top: pad, right: pad, bottom: pad, left: pad } : pad;
  const ref = anchorOf(f);
  if (!ref) return null;
  const { toXY } = localProjection(ref);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const { p, r } of extentPoints(f)) {
    const q = toXY(p);
    minX = Math.min(minX, q.x - r);
    maxX = Math.max(maxX, q.x + r);
    minY = Math.min(minY, q.y - r);
    maxY = Math.max(maxY, q.y + r);
  }
  if (!Number.isFinite(minX)) minX = maxX = minY = maxY = 0;
  const spanX = Math.max(maxX - minX, minSpanM);
  const spanY = Math.max(maxY - minY, minSpanM);
  const usableW = Math.max(1, width - p.left - p.right);
  const usableH = Math.max(1, height - p.top - p.bottom);
  const mPerPx = Math.max(spanX / usableW, spanY / usableH);
  // Centre the features in the padded box, which is off the drawing's centre when the padding is uneven.
  const cx = (minX + maxX) / 2 - ((p.left - p.right) / 2) * mPerPx;
  const cy = (minY + maxY) / 2 + ((p.top - p.bottom) / 2) * mPerPx;
  return { ref, mPerPx, centre: { x: cx, y: cy }, width, height };
}

/** Screen pixel (origin top-left, y down) of a local-metre point. */
export function toScreen(v: SvgView, q: XY): XY {
  return { x: v.width / 2 + (q.x - v.centre.x) / v.mPerPx, y: v.height / 2 - (q.y - v.centre.y) / v.mPerPx };
}

/** A projector from WGS-84 straight to screen pixels for this view. */
export function screenProjector(v: SvgView): (p: LatLon) => XY {
  const { toXY } = localProjection(v.ref);
  return (p) => toScreen(v, toXY(p));
}

/** Zoom by `factor` (>1 closer) about the centre. */
export function zoomView(v: SvgView, factor: number): SvgView {
  return { ...v, mPerPx: v.mPerPx / factor };
}

/** Move the drawing by a finger drag of (dx, dy) pixels. */
export function panView(v: SvgView, dxPx: number, dyPx: number): SvgView {
  return { ...v, centre: { x: v.centre.x - dxPx * v.mPerPx, y: v.centre.y + dyPx * v.mPerPx } };
}

/** A scale bar no longer than `maxPx`: its round length in metres and its length on screen. */
export function scaleBar(v: SvgView, maxPx = 100): { lengthM: number; px: number } {
  const lengthM = niceLength(maxPx * v.mPerPx);
  return { lengthM, px: lengthM / v.mPerPx };
}

/** Grid spacing: a round length of at least ~80 px, so a phone shows 4–8 lines across. */
export function gridSpacingM(v: SvgView): number {
  return niceCeil(80 * v.mPerPx);
}

/** Screen positions of the grid lines (round multiples of `gridSpacingM`) across the visible drawing. */
export function gridPositions(v: SvgView): { xs: number[]; ys: number[]; spacingM: number } {
  const g = gridSpacingM(v);
  const halfW = (v.width / 2) * v.mPerPx;
  const halfH = (v.height / 2) * v.mPerPx;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let x = Math.ceil((v.centre.x - halfW) / g) * g; x <= v.centre.x + halfW; x += g) xs.push(v.width / 2 + (x - v.centre.x) / v.mPerPx);
  for (let y = Math.ceil((v.centre.y - halfH) / g) * g; y <= v.centre.y + halfH; y += g) ys.push(v.height / 2 - (y - v.centre.y) / v.mPerPx);
  return { xs, ys, spacingM: g };
}
