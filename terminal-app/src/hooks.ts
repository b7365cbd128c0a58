import { useCallback, useEffect, useRef, useState } from 'react';

/** navigator.onLine, kept current. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online;
}

export type Loaded<T> = { state: 'loading' } | { state: 'ok'; data: T } | { state: 'error'; error: unknown };

/** Runs `load` on mount and whenever `deps` change; `reload()` runs it again (pull to refresh). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> & { reload: () => Promise<void> } {
  const [value, setValue] = useState<Loaded<T>>({ state: 'loading' });
  const live = useRef(true);
  const run = useCallback(async () => {
    try {
      const data = await load();
      if (live.current) setValue({ state: 'ok', data });
    } catch (error) {
      if (live.current) setValue({ state: 'error', error });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => {
    live.current = true;
    setValue({ state: 'loading' });
    void run();
    return () => {
      live.current = false;
    };
  }, [run]);
  return { ...value, reload: run };
}
