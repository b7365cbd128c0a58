// When to try again after a network error, a 5xx or a 429: exponential with jitter, capped; Retry-After wins.

export const BACKOFF = {
  /** First retry after about this long. */
  baseMs: 2_000,
  /** Never wait longer than this between tries (a field terminal should catch the network when it comes back). */
  capMs: 5 * 60_000,
  /** A Retry-After beyond this is taken as this (a misconfigured proxy must not park the queue for a day). */
  retryAfterCapMs: 60 * 60_000,
} as const;

/**
 * Delay before try number `attempt + 1`, after `attempt` failed tries (1, 2, …): base·2^(attempt−1) capped, with
 * "equal jitter" (half fixed, half random) so that terminals that lost the network together do not all come back in
 * the same second, while a retry is never sooner than half the nominal delay.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(attempt));
  const nominal = Math.min(BACKOFF.capMs, BACKOFF.baseMs * 2 ** Math.min(n - 1, 30));
  return Math.round(nominal / 2 + random() * (nominal / 2));
}

/** Retry-After (delta-seconds or an HTTP date) in milliseconds from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Math.min(Number(v) * 1000, BACKOFF.retryAfterCapMs);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, at - now), BACKOFF.retryAfterCapMs);
}
