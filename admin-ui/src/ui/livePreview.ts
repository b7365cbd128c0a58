import { useEffect, useState } from 'react';

// What the live previews (campaign definition, judgement rule draft) share: they ask the server again only once the
// form has been still for a moment, and show a refused preview's field errors as plain lines.

/** The value as it was `ms` after it last changed. */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** Field errors of a refused preview (problem+json `errors`), as "path: message"; `strip` drops a path prefix. */
export function previewFieldProblems(error: unknown, strip?: RegExp): string[] {
  const errors = (error as { body?: { problemErrors?: { path?: string; message?: string }[] } })?.body?.problemErrors;
  return Array.isArray(errors) ? errors.map((e) => `${strip ? (e.path ?? '').replace(strip, '') : (e.path ?? '')}: ${e.message ?? ''}`) : [];
}
