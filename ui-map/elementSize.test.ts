import { afterEach, describe, expect, it, vi } from 'vitest';
import { observeSize } from './elementSize';

describe('observeSize', () => {
  afterEach(() => vi.unstubAllGlobals());
  const element = (rect: { width: number; height: number }) => ({ getBoundingClientRect: () => rect }) as unknown as HTMLElement;

  it('reports the rounded size now and on each resize, not a 0×0 box, and stops on clean-up', () => {
    const observers: { cb: () => void; disconnect: ReturnType<typeof vi.fn> }[] = [];
    vi.stubGlobal('ResizeObserver', class {
      disconnect = vi.fn();
      constructor(cb: () => void) { observers.push({ cb, disconnect: this.disconnect }); }
      observe() {}
    });
    const rect = { width: 0, height: 0 };
    const sizes: unknown[] = [];
    const stop = observeSize(element(rect), (s) => sizes.push(s));
    expect(sizes).toEqual([]);
    Object.assign(rect, { width: 390.4, height: 700.6 });
    observers[0]!.cb();
    expect(sizes).toEqual([{ width: 390, height: 701 }]);
    stop();
    expect(observers[0]!.disconnect).toHaveBeenCalledOnce();
  });

  it('without ResizeObserver, reads once', () => {
    vi.stubGlobal('ResizeObserver', undefined);
    const sizes: unknown[] = [];
    observeSize(element({ width: 200, height: 100 }), (s) => sizes.push(s))();
    expect(sizes).toEqual([{ width: 200, height: 100 }]);
  });
});
