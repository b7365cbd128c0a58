import type { Request, Response } from 'express';
import { Problem, codedProblem } from './problem';
import type { Lang } from '../domain/text';

/**
 * Routes that cost far more than a lookup (bulk imports, whole-population scoring or selection, batch sync): one
 * budget per caller, smaller than the budget for ordinary changes. Keys are `METHOD /prefix/path` as declared.
 */
export const EXPENSIVE_ROUTES: readonly string[] = [
  'POST /api/imports/routine-work-orders',
  'POST /api/imports/:kind',
  'POST /api/campaigns/preview',
  'POST /api/judgement-rule-sets/:version/preview',
  'POST /api/campaigns/:id/run',
  'GET /api/customers/:accountNo/judgement',
  'GET /api/dashboard/stats',
  'POST /api/assessment-rule-sets/:version/what-if',
  'POST /api/assessment-periods/:period/close',
  'POST /mobile/v1/sync',
];

/** Counts per key in fixed one-minute windows, in this API process (each replica keeps its own). 0 = no limit. */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(readonly perMinute: number, private readonly windowMs = 60_000) {}

  private current(key: string, now: number) {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (this.windows.size > 50_000) this.prune(now);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    return w;
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }

  /** The seconds until `key`'s window ends when it is already over the budget (nothing counted), else 0. */
  over(key: string, now = Date.now()): number {
    if (this.perMinute <= 0) return 0;
    const w = this.windows.get(key);
    return w && now - w.start < this.windowMs && w.count > this.perMinute ? Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000)) : 0;
  }

  /** Counts one request of `key`: the seconds until its window ends when this request is over the budget, else 0. */
  hit(key: string, now = Date.now()): number {
    if (this.perMinute <= 0) return 0;
    const w = this.current(key, now);
    w.count += 1;
    return w.count > this.perMinute ? Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000)) : 0;
  }
}

export interface RateLimits {
  /** Mutating requests per caller. */
  mutations: RateLimiter;
  /** Requests to EXPENSIVE_ROUTES per caller. */
  expensive: RateLimiter;
  /** Missing or rejected tokens per client address: past the budget such a request gets 429 with Retry-After. */
  authFailures: RateLimiter;
  expensiveRoutes: ReadonlySet<string>;
}

export function createRateLimits(c: { RATE_LIMIT_MUTATIONS_PER_MIN: number; RATE_LIMIT_EXPENSIVE_PER_MIN: number; RATE_LIMIT_AUTH_FAILURES_PER_MIN: number }): RateLimits {
  return {
    mutations: new RateLimiter(c.RATE_LIMIT_MUTATIONS_PER_MIN),
    expensive: new RateLimiter(c.RATE_LIMIT_EXPENSIVE_PER_MIN),
    authFailures: new RateLimiter(c.RATE_LIMIT_AUTH_FAILURES_PER_MIN),
    expensiveRoutes: new Set(EXPENSIVE_ROUTES),
  };
}

/** A 429 problem with Retry-After; `code` (request.rate-limited.*) says whose budget, in the caller's language. */
export function tooMany(res: Response, seconds: number, code: string, params: Record<string, string>, lang: Lang): Problem {
  res.set('Retry-After', String(seconds));
  return tooManyProblem(seconds, code, params, lang);
}

/** The problem of tooMany, without the header (http/anonymousChangeGate.ts sets its own). */
export function tooManyProblem(seconds: number, code: string, params: Record<string, string>, lang: Lang): Problem {
  return codedProblem(429, 'Too many requests', code, { ...params, seconds }, lang, { type: 'urn:jicha:rate-limit' });
}

export const clientAddress = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';
