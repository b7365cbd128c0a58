export interface Size {
  width: number;
  height: number;
}

/**
 * Reports an element's size now and whenever it changes (rounded to pixels); returns the clean-up. A box of 0×0
 * (before layout, or in a test DOM) is not reported: the caller keeps its default rather than draw nothing.
 */
export function observeSize(el: HTMLElement, onSize: (s: Size) => void): () => void {
  const read = () => {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) onSize({ width: Math.round(r.width), height: Math.round(r.height) });
  };
  read();
  if (typeof ResizeObserver === 'undefined') return () => undefined;
  const ro = new ResizeObserver(read);
  ro.observe(el);
  return () => ro.disconnect();
}
