import { useEffect, useState } from 'react';

// Hash routes (#/tasks/…): the app is one page under /terminal/, so a reload or a start from the home screen never
// asks the server for a path it does not know, and the service worker serves one cached page for every route.

export interface Route {
  path: string;
  query: URLSearchParams;
}

export function currentRoute(): Route {
  const raw = window.location.hash.replace(/^#/, '') || '/tasks';
  const [path = '/tasks', q = ''] = raw.split('?');
  return { path, query: new URLSearchParams(q) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const on = () => setRoute(currentRoute());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export function navigate(path: string, o: { replace?: boolean } = {}): void {
  const url = `#${path}`;
  if (o.replace) window.location.replace(url);
  else window.location.hash = path;
}

export const href = (path: string): string => `#${path}`;

/** `/tasks/:id/visit` against `/tasks/42/visit` → { id: '42' }; null when it does not match. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < p.length; i += 1) {
    const seg = p[i]!;
    const val = s[i]!;
    if (seg.startsWith(':')) out[seg.slice(1)] = decodeURIComponent(val);
    else if (seg !== val) return null;
  }
  return out;
}
