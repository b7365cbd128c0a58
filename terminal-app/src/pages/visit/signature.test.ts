import { describe, expect, it } from 'vitest';
import { MIN_INK_PX, PNG_MAGIC, addStroke, canvasToBlob, drawStrokes, exportSignature, exportSize, extendStroke, hasSignature, inkLength, isPng, undoStroke, type Ink, type Stroke } from './signature';

// jsdom has no canvas implementation, so the drawing is checked against a recording context and the encoder is a
// stand-in that answers real PNG bytes; what is tested is ours: the strokes, their scaling, the export's checks.

function recorder() {
  const calls: string[] = [];
  const ctx = {
    lineWidth: 0, lineCap: 'butt', lineJoin: 'miter', strokeStyle: '', fillStyle: '', font: '', textBaseline: 'alphabetic',
    beginPath: () => calls.push('begin'),
    moveTo: (x: number, y: number) => calls.push(`move ${x},${y}`),
    lineTo: (x: number, y: number) => calls.push(`line ${x},${y}`),
    stroke: () => calls.push('stroke'),
    arc: (x: number, y: number, r: number) => calls.push(`arc ${x},${y} r${r}`),
    fill: () => calls.push('fill'),
    fillRect: (x: number, y: number, w: number, h: number) => calls.push(`rect ${x},${y} ${w}x${h} ${String(ctx.fillStyle)}`),
    fillText: (s: string) => calls.push(`text ${s}`),
  };
  return { ctx, calls };
}

const pngBytes = () => new Uint8Array([...PNG_MAGIC, 0, 0, 0, 13]);

function fakeCanvas(answer: 'png' | 'null' | 'jpeg' = 'png') {
  const { ctx, calls } = recorder();
  const canvas = {
    width: 0,
    height: 0,
    getContext: () => ctx,
    toBlob: (cb: BlobCallback, type?: string) => {
      calls.push(`toBlob ${type}`);
      cb(answer === 'null' ? null : answer === 'jpeg' ? new Blob([new Uint8Array([0xff, 0xd8])], { type: 'image/jpeg' }) : new Blob([pngBytes()], { type: 'image/png' }));
    },
  };
  return { canvas: canvas as unknown as HTMLCanvasElement, calls };
}

const zigzag = (): Stroke[] => {
  let s = addStroke([], { x: 10, y: 10 });
  for (let i = 1; i <= 10; i += 1) s = extendStroke(s, { x: 10 + i * 10, y: i % 2 ? 40 : 10 });
  return s;
};

describe('signature strokes', () => {
  it('grows, ignores a resting finger, undoes stroke by stroke, and measures the ink', () => {
    let s = addStroke([], { x: 0, y: 0 });
    s = extendStroke(s, { x: 3, y: 4 });
    expect(extendStroke(s, { x: 3.2, y: 4.1 })).toBe(s); // under half a pixel: no change
    s = addStroke(s, { x: 50, y: 50 });
    expect(s).toHaveLength(2);
    expect(inkLength(s)).toBe(5);
    expect(undoStroke(s)).toHaveLength(1);
    expect(undoStroke([])).toEqual([]);
  });

  it('counts a tap or a stray line as no signature', () => {
    expect(hasSignature([[{ x: 1, y: 1 }]])).toBe(false);
    expect(hasSignature([[{ x: 0, y: 0 }, { x: MIN_INK_PX - 1, y: 0 }]])).toBe(false);
    expect(hasSignature(zigzag())).toBe(true);
  });

  it('draws lines scaled to device pixels, and a single point as a dot', () => {
    const { ctx, calls } = recorder();
    drawStrokes(ctx as unknown as Ink, [[{ x: 1, y: 2 }, { x: 3, y: 4 }], [{ x: 5, y: 5 }]], 2, 3);
    expect(calls).toEqual(['begin', 'move 2,4', 'line 6,8', 'stroke', 'begin', 'arc 10,10 r3', 'fill']);
    expect(ctx.lineWidth).toBe(6);
    expect(ctx.lineCap).toBe('round');
  });

  it('sizes the export to the ink, at least a phone\'s width', () => {
    expect(exportSize(zigzag(), 200)).toEqual({ width: 320, height: 200 });
    expect(exportSize([[{ x: 500.2, y: 3 }]], 200)).toEqual({ width: 513, height: 200 });
  });
});

describe('signature export', () => {
  it('produces a PNG blob on a white background with the work order caption', async () => {
    const { canvas, calls } = fakeCanvas('png');
    const blob = await exportSignature(zigzag(), { width: 320, height: 200 }, '用电检查工作单 JC-1 · 4200000001', () => canvas);
    expect(blob.type).toBe('image/png');
    expect(await isPng(blob)).toBe(true);
    expect(canvas.width).toBe(640);
    expect(canvas.height).toBe(456); // (200 + 28 caption band) × 2
    expect(calls[0]).toBe('rect 0,0 640x456 #fff');
    expect(calls).toContain('text 用电检查工作单 JC-1 · 4200000001');
    expect(calls.at(-1)).toBe('toBlob image/png');
  });

  it('refuses to export without a signature, or when the browser cannot encode PNG', async () => {
    await expect(exportSignature([], { width: 320, height: 200 }, 'x', () => fakeCanvas().canvas)).rejects.toThrow('no signature');
    await expect(exportSignature(zigzag(), { width: 320, height: 200 }, 'x', () => fakeCanvas('null').canvas)).rejects.toThrow('could not encode');
    await expect(exportSignature(zigzag(), { width: 320, height: 200 }, 'x', () => fakeCanvas('jpeg').canvas)).rejects.toThrow('not image/png');
  });

  it('canvasToBlob rejects an empty answer', async () => {
    const empty = { toBlob: (cb: BlobCallback) => cb(new Blob([], { type: 'image/png' })) };
    await expect(canvasToBlob(empty, 'image/png')).rejects.toThrow();
    expect(await isPng(new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }))).toBe(false);
  });
});
