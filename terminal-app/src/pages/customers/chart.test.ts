import { describe, expect, it } from 'vitest';
import { labelEvery, layoutBars, niceCeil } from './chart';

describe('niceCeil', () => {
  it('rounds up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceCeil(2076.85)).toBe(2500);
    expect(niceCeil(1866)).toBe(2000);
    expect(niceCeil(2000)).toBe(2000);
    expect(niceCeil(73.28)).toBe(100);
    expect(niceCeil(0.3)).toBe(0.5);
    expect(niceCeil(0.1 + 0.2)).toBe(0.5);
    expect(niceCeil(0.2)).toBe(0.2);
    expect(niceCeil(0)).toBe(1);
    expect(niceCeil(-5)).toBe(1);
  });
});

describe('layoutBars', () => {
  it('fills the width with equal bars and scales heights to the round top', () => {
    const l = layoutBars([{ label: 'a', value: 500 }, { label: 'b', value: 1000 }, { label: 'c', value: 250 }], { width: 104, height: 100, gap: 2 });
    expect(l.top).toBe(1000);
    expect(l.bars.map((b) => b.width)).toEqual([100 / 3, 100 / 3, 100 / 3]);
    expect(l.bars.map((b) => b.x)).toEqual([0, 100 / 3 + 2, 2 * (100 / 3 + 2)]);
    expect(l.bars.map((b) => b.height)).toEqual([50, 100, 25]);
    expect(l.bars.map((b) => b.y)).toEqual([50, 0, 75]);
    expect(l.maxIndex).toBe(1);
    // the last bar ends at the right edge
    const last = l.bars[2]!;
    expect(last.x + last.width).toBeCloseTo(104, 9);
  });

  it('draws nothing for zero, negative or missing values, and keeps tiny values visible', () => {
    const l = layoutBars([{ label: 'a', value: 0 }, { label: 'b', value: -3 }, { label: 'c', value: Number.NaN }, { label: 'd', value: 1 }, { label: 'e', value: 10_000 }], { width: 100, height: 100, minBar: 2 });
    expect(l.bars.slice(0, 3).map((b) => b.height)).toEqual([0, 0, 0]);
    expect(l.bars[3]!.height).toBe(2);
    expect(l.bars[4]!.height).toBe(100);
    expect(l.maxIndex).toBe(4);
  });

  it('copes with no data and with all zeros', () => {
    expect(layoutBars([], { width: 100, height: 50 })).toEqual({ top: 1, bars: [], maxIndex: -1 });
    const z = layoutBars([{ label: 'a', value: 0 }], { width: 100, height: 50 });
    expect(z.top).toBe(1);
    expect(z.maxIndex).toBe(-1);
    expect(z.bars[0]!.height).toBe(0);
  });

  it('never lets the gaps eat the bars', () => {
    const l = layoutBars(Array.from({ length: 90 }, (_, i) => ({ label: String(i), value: i })), { width: 90, height: 10, gap: 5 });
    for (const b of l.bars) expect(b.width).toBeGreaterThan(0);
  });
});

describe('labelEvery', () => {
  it('labels every bar when they fit, else every k-th and the last', () => {
    expect([0, 1, 2, 11].map(labelEvery(12, 12))).toEqual([true, true, true, true]);
    const every = labelEvery(30, 8);
    const shown = Array.from({ length: 30 }, (_, i) => i).filter(every);
    expect(shown.length).toBeLessThanOrEqual(9);
    expect(shown).toContain(0);
    expect(shown).toContain(29);
    expect(shown).not.toContain(28); // not crowding the last label
  });
});
