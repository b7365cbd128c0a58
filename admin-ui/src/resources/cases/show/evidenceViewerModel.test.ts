import { describe, expect, it } from 'vitest';
import { cssTransform, FIT, keyAction, panBy, pinchFactor, rotateRight, step, wheelFactor, zoomBy, ZOOM_MAX, ZOOM_STEP } from './evidenceViewerModel';

describe('evidence viewer transform', () => {
  it('zooms between fit and 8×, and centres the item again when back at fit', () => {
    const z = zoomBy(FIT, ZOOM_STEP);
    expect(z.zoom).toBe(1.5);
    expect(zoomBy(FIT, 1 / ZOOM_STEP).zoom).toBe(1);
    expect(zoomBy(FIT, 100).zoom).toBe(ZOOM_MAX);
    const panned = panBy(z, 40, -20);
    expect(panned).toMatchObject({ x: 40, y: -20 });
    // Zooming keeps the point under the centre: the offset scales with the zoom.
    expect(zoomBy(panned, 2)).toMatchObject({ zoom: 3, x: 80, y: -40 });
    expect(zoomBy(panned, 0.1)).toMatchObject({ zoom: 1, x: 0, y: 0 });
  });

  it('does not pan an item that fits', () => {
    expect(panBy(FIT, 50, 50)).toBe(FIT);
  });

  it('rotates in quarter turns back to 0', () => {
    let t = FIT;
    const seen: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      t = rotateRight(t);
      seen.push(t.rotation);
    }
    expect(seen).toEqual([90, 180, 270, 0]);
    expect(cssTransform({ zoom: 2, rotation: 90, x: 3, y: 4 })).toBe('translate(3px, 4px) scale(2) rotate(90deg)');
  });

  it('turns a wheel notch into one zoom step and a pinch into the ratio of finger distances', () => {
    expect(wheelFactor(-100)).toBeCloseTo(ZOOM_STEP, 10);
    expect(wheelFactor(100)).toBeCloseTo(1 / ZOOM_STEP, 10);
    expect(wheelFactor(-10_000)).toBeCloseTo(ZOOM_STEP ** 3, 10); // a flung wheel is capped
    expect(pinchFactor(100, 150)).toBe(1.5);
    expect(pinchFactor(0, 150)).toBe(1);
  });

  it('maps the keyboard and wraps around between items', () => {
    expect(['ArrowLeft', 'ArrowRight', '+', '-', '0', 'r', 'x'].map(keyAction)).toEqual(['prev', 'next', 'zoomIn', 'zoomOut', 'reset', 'rotate', null]);
    expect(step(0, 3, -1)).toBe(2);
    expect(step(2, 3, 1)).toBe(0);
  });
});
