import { useCallback, useEffect, useRef, useState } from 'react';
import { readCache, writeCache } from './cache';
import { offlineAnswers } from '../../api/client';

export interface CachedLoad<T> {
  /** What to show: the fresh answer, else the cached one, else nothing yet. */
  data: T | null;
  /** When `data` was fetched, if it came from the device's cache (shown as such). */
  cachedAt: string | null;
  /** The last load's failure; with `data` set, the page keeps showing the older answer beside it. */
  error: unknown;
  loading: boolean;
  reload: () => Promise<void>;
}

/**
 * Loads `load()` on mount (and on `reload()`), showing the device's last answer meanwhile and when the load fails —
 * but never hiding the failure: a page shows "no data" only when the server said so.
 */
export function useCachedLoad<T>(user: string, what: string, load: () => Promise<T>): CachedLoad<T> {
  const [state, setState] = useState<Omit<CachedLoad<T>, 'reload'>>(() => {
    const c = readCache<T>(user, what);
    return { data: c?.data ?? null, cachedAt: c?.at ?? null, error: null, loading: true };
  });
  const live = useRef(true);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    setState((s) => ({ ...s, loading: true }));
    try {
      const before = offlineAnswers.count;
      offlineAnswers.oldestCachedAt = null;
      const data = await loadRef.current();
      if (offlineAnswers.count !== before) {
        // the service worker answered from its cache: show it as of when it was fetched, and do not re-stamp our copy
        const at = offlineAnswers.oldestCachedAt ?? readCache<T>(user, what)?.at ?? new Date(0).toISOString();
        if (live.current) setState({ data, cachedAt: at, error: null, loading: false });
        return;
      }
      writeCache(user, what, data);
      if (live.current) setState({ data, cachedAt: null, error: null, loading: false });
    } catch (error) {
      if (live.current) setState((s) => ({ ...s, error, loading: false }));
    }
  }, [user, what]);

  useEffect(() => {
    live.current = true;
    const c = readCache<T>(user, what);
    setState({ data: c?.data ?? null, cachedAt: c?.at ?? null, error: null, loading: true });
    void reload();
    return () => {
      live.current = false;
    };
  }, [reload, user, what]);

  return { ...state, reload };
}
