// The customer's signature on the 用电检查工作单: strokes drawn with a finger (pointer events), kept as points in CSS
// pixels so they can be drawn again at any size, and exported as a PNG on a white background with a caption naming
// the work order — the image alone then says what was signed, and when.

export interface Point {
  x: number;
  y: number;
}
export type Stroke = Point[];

/** Strokes as an immutable list: each change answers a new one (React state). */
export const addStroke = (strokes: Stroke[], at: Point): Stroke[] => [...strokes, [at]];
export function extendStroke(strokes: Stroke[], at: Point): Stroke[] {
  const last = strokes[strokes.length - 1];
  if (!last) return [[at]];
  const prev = last[last.length - 1];
  // Drop points closer than half a pixel: a finger at rest still reports moves.
  if (prev && Math.hypot(at.x - prev.x, at.y - prev.y) < 0.5) return strokes;
  return [...strokes.slice(0, -1), [...last, at]];
}
export const undoStroke = (strokes: Stroke[]): Stroke[] => strokes.slice(0, -1);

/** Total length of ink in px. */
export function inkLength(strokes: Stroke[]): number {
  let n = 0;
  for (const s of strokes) for (let i = 1; i < s.length; i += 1) n += Math.hypot(s[i]!.x - s[i - 1]!.x, s[i]!.y - s[i - 1]!.y);
  return n;
}

/** A tap or a stray touch is no signature: at least this much ink (CSS px). */
export const MIN_INK_PX = 60;
export const hasSignature = (strokes: Stroke[]): boolean => inkLength(strokes) >= MIN_INK_PX;

/** The part of a 2D context the drawing uses (so tests can record the calls without a real canvas). */
export type Ink = Pick<CanvasRenderingContext2D, 'beginPath' | 'moveTo' | 'lineTo' | 'stroke' | 'arc' | 'fill'> & {
  lineWidth: number;
  lineCap: CanvasLineCap;
  lineJoin: CanvasLineJoin;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  fillStyle: string | CanvasGradient | CanvasPattern;
};

/** Draw the strokes scaled by `scale` (device pixels per CSS pixel); a single-point stroke is a dot. */
export function drawStrokes(ctx: Ink, strokes: Stroke[], scale = 1, lineWidth = 3): void {
  ctx.lineWidth = lineWidth * scale;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.strokeStyle = '#000';
  ctx.fillStyle = '#000';
  for (const s of strokes) {
    const first = s[0];
    if (!first) continue;
    ctx.beginPath();
    if (s.length === 1) {
      ctx.arc(first.x * scale, first.y * scale, (lineWidth * scale) / 2, 0, Math.PI * 2);
      ctx.fill();
      continue;
    }
    ctx.moveTo(first.x * scale, first.y * scale);
    for (let i = 1; i < s.length; i += 1) ctx.lineTo(s[i]!.x * scale, s[i]!.y * scale);
    ctx.stroke();
  }
}

/** canvas.toBlob as a promise; a canvas that cannot encode (toBlob answers null) is an error, not an empty file. */
export function canvasToBlob(canvas: Pick<HTMLCanvasElement, 'toBlob'>, type: string, quality?: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((b) => (b && b.size > 0 ? resolve(b) : reject(new Error(`canvas could not encode ${type}`))), type, quality);
  });
}

/** The PNG file signature: what the exported blob must start with. */
export const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export async function isPng(blob: Blob): Promise<boolean> {
  const head = new Uint8Array(await blob.slice(0, 8).arrayBuffer());
  return blob.type === 'image/png' && PNG_MAGIC.every((b, i) => head[i] === b);
}

/**
 * The signature as a PNG: white background, the strokes at 2× for a sharp print, the caption (work order, customer,
 * time) in the bottom band. `makeCanvas` is injectable for tests.
 */
export async function exportSignature(
  strokes: Stroke[],
  size: { width: number; height: number },
  caption: string,
  makeCanvas: () => HTMLCanvasElement = () => document.createElement('canvas'),
): Promise<Blob> {
  if (!hasSignature(strokes)) throw new Error('no signature drawn');
  const scale = 2;
  const band = 28;
  const canvas = makeCanvas();
  canvas.width = Math.round(size.width * scale);
  canvas.height = Math.round((size.height + band) * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas 2D context unavailable');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  drawStrokes(ctx, strokes, scale);
  ctx.fillStyle = '#333';
  ctx.font = `${12 * scale}px sans-serif`;
  ctx.textBaseline = 'middle';
  ctx.fillText(caption, 8 * scale, (size.height + band / 2) * scale, canvas.width - 16 * scale);
  const blob = await canvasToBlob(canvas, 'image/png');
  // Some browsers (old WebViews) fall back to another type for an encoder they lack; the upload must say what it is.
  if (blob.type !== 'image/png') throw new Error(`canvas encoded ${blob.type || 'an unknown type'}, not image/png`);
  return blob;
}

/** The area the strokes need when exported: the pad's height, and at least a phone's width (CSS px). */
export function exportSize(strokes: Stroke[], height: number, minWidth = 320): { width: number; height: number } {
  let maxX = 0;
  for (const s of strokes) for (const p of s) maxX = Math.max(maxX, p.x);
  return { width: Math.max(minWidth, Math.ceil(maxX + 12)), height };
}
