import { useEffect, useRef, useState, type TouchEvent } from 'react';

// Pull to refresh: a finger dragged down from the top of the list, released past the threshold, reloads it. Touch
// only (a mouse user has the 刷新 button); the drag is damped so the list follows the finger at half speed.

export const PULL_THRESHOLD_PX = 64;
export const PULL_MAX_PX = 110;

/** How far the list moves for a finger drag of `dy` px, and whether letting go now refreshes. */
export function pullState(dy: number): { offset: number; armed: boolean } {
  const offset = Math.max(0, Math.min(PULL_MAX_PX, dy * 0.5));
  return { offset, armed: offset >= PULL_THRESHOLD_PX };
}

export function usePullToRefresh(onRefresh: () => Promise<void> | void) {
  const start = useRef<number | null>(null);
  const [offset, setOffset] = useState(0);
  const [refreshing, setRefreshing] = useState(false);

  // The browser's own overscroll (Chrome's page reload, iOS bounce) would fight the gesture on this page.
  useEffect(() => {
    const el = document.documentElement;
    const before = el.style.overscrollBehaviorY;
    el.style.overscrollBehaviorY = 'contain';
    return () => {
      el.style.overscrollBehaviorY = before;
    };
  }, []);

  const handlers = {
    onTouchStart(e: TouchEvent) {
      // Only a drag that starts with the page scrolled to the top is a pull; otherwise it is an ordinary scroll.
      start.current = window.scrollY <= 0 && !refreshing ? (e.touches[0]?.clientY ?? null) : null;
    },
    onTouchMove(e: TouchEvent) {
      if (start.current === null) return;
      const y = e.touches[0]?.clientY;
      if (y === undefined) return;
      setOffset(pullState(y - start.current).offset);
    },
    onTouchEnd() {
      if (start.current === null) return;
      start.current = null;
      const armed = offset >= PULL_THRESHOLD_PX;
      setOffset(0);
      if (armed) {
        setRefreshing(true);
        void Promise.resolve(onRefresh()).finally(() => setRefreshing(false));
      }
    },
    onTouchCancel() {
      start.current = null;
      setOffset(0);
    },
  };
  return { handlers, offset, armed: offset >= PULL_THRESHOLD_PX, refreshing };
}
