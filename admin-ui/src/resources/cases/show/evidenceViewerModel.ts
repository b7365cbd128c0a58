// The evidence viewer's view of one item: zoom (1 = the whole item fits), rotation in quarter turns, and the pan
// offset in screen pixels while zoomed in. Kept apart from the dialog so that the arithmetic can be tested.

export interface ViewTransform {
  zoom: number;
  rotation: 0 | 90 | 180 | 270;
  x: number;
  y: number;
}

export const FIT: ViewTransform = { zoom: 1, rotation: 0, x: 0, y: 0 };
export const ZOOM_MIN = 1;
export const ZOOM_MAX = 8;
/** One press of + or − (and one wheel notch of ~100 px). */
export const ZOOM_STEP = 1.5;

/** Zoom by `factor`, clamped to 1…8; back at 1 the item is centred again. */
export function zoomBy(t: ViewTransform, factor: number): ViewTransform {
  const zoom = Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, t.zoom * factor));
  if (zoom === ZOOM_MIN) return { ...t, zoom, x: 0, y: 0 };
  // Keep the point under the centre where it is: the offset scales with the zoom.
  const k = zoom / t.zoom;
  return { ...t, zoom, x: t.x * k, y: t.y * k };
}

/** A quarter turn clockwise. */
export function rotateRight(t: ViewTransform): ViewTransform {
  return { ...t, rotation: (((t.rotation + 90) % 360) as ViewTransform['rotation']) };
}

/** Move by a drag of (dx, dy) pixels; only while zoomed in (at 1 the item fits and stays put). */
export function panBy(t: ViewTransform, dx: number, dy: number): ViewTransform {
  return t.zoom > ZOOM_MIN ? { ...t, x: t.x + dx, y: t.y + dy } : t;
}

/** The wheel's zoom factor: a notch (deltaY ±100) is one ZOOM_STEP, trackpads' small deltas zoom smoothly. */
export function wheelFactor(deltaY: number): number {
  return ZOOM_STEP ** (-Math.max(-300, Math.min(300, deltaY)) / 100);
}

/** A pinch's zoom factor: the ratio of the fingers' distances now and before. */
export function pinchFactor(before: number, now: number): number {
  return before > 0 && now > 0 ? now / before : 1;
}

/** The CSS transform of the item. */
export function cssTransform(t: ViewTransform): string {
  return `translate(${t.x}px, ${t.y}px) scale(${t.zoom}) rotate(${t.rotation}deg)`;
}

export type ViewerAction = 'prev' | 'next' | 'zoomIn' | 'zoomOut' | 'reset' | 'rotate';

/** The viewer's keyboard: ← → between items, + − 0 zoom, R rotate (Esc is the dialog's own). */
export function keyAction(key: string): ViewerAction | null {
  switch (key) {
    case 'ArrowLeft': return 'prev';
    case 'ArrowRight': return 'next';
    case '+': case '=': return 'zoomIn';
    case '-': case '_': return 'zoomOut';
    case '0': return 'reset';
    case 'r': case 'R': return 'rotate';
    default: return null;
  }
}

/** The neighbour of `index` among `count` items, wrapping around. */
export function step(index: number, count: number, by: 1 | -1): number {
  return count > 0 ? (index + by + count) % count : 0;
}
