import { createApiClient, ApiError, type ApiClient, type Problem } from '../../../client';
import type { Lang } from '../i18n';
import { offlineCopy } from '../pwa/offlineCopy';

// The terminal talks only to /mobile/v1, through the generated client. Every call carries the bearer token (refreshed
// first), this terminal's device id and the user's language (the API answers problem details in it).

export interface TerminalApiOptions {
  baseUrl: string;
  token: () => Promise<string | null>;
  deviceId: () => string | null;
  lang: () => Lang;
  fetch?: (request: Request) => Promise<Response>;
}

/** A refused or failed call: the HTTP status, the problem the API explained it with, and the code the UI translates. */
export class TerminalError extends Error {
  override readonly name = 'TerminalError';
  constructor(readonly status: number, readonly problem: Problem | null, message: string) {
    super(message);
  }
  /** The machine-readable reason (`code`, else the problem type's last segment). */
  get code(): string | null {
    const p = this.problem as (Problem & { code?: string }) | null;
    if (p?.code) return p.code;
    const type = p?.type;
    return type && type !== 'about:blank' ? type.replace(/^urn:jicha:/, '') : null;
  }
  /** Field errors of a 400/422, by path. */
  get fieldErrors(): { path: string; message: string }[] {
    const errs = (this.problem as { errors?: { path?: unknown; message?: unknown }[] } | null)?.errors;
    return Array.isArray(errs) ? errs.map((e) => ({ path: String(e.path ?? ''), message: String(e.message ?? '') })) : [];
  }
}

export function createTerminalApi(o: TerminalApiOptions): ApiClient {
  const api = createApiClient({
    baseUrl: o.baseUrl,
    token: o.token,
    fetch: o.fetch,
    toError: (e: ApiError) => new TerminalError(e.status, e.problem, e.problem?.detail ?? e.problem?.title ?? e.message),
  });
  api.use({
    onRequest({ request }) {
      const device = o.deviceId();
      if (device && !request.headers.has('X-Device-Id')) request.headers.set('X-Device-Id', device);
      request.headers.set('Accept-Language', o.lang() === 'en' ? 'en' : 'zh-CN, zh;q=0.9');
      return request;
    },
    onResponse({ response }) {
      const copy = offlineCopy(response);
      if (copy) {
        offlineAnswers.count += 1;
        offlineAnswers.oldestCachedAt = [offlineAnswers.oldestCachedAt, copy.cachedAt].filter((x): x is string => !!x).sort()[0] ?? null;
      }
      return undefined;
    },
  });
  return api;
}

/**
 * Answers the service worker served from its cache (offline, or the network too slow): a page that keeps "as of" times
 * compares `count` before and after its load, so an old answer is never shown — or stored — as fresh.
 */
export const offlineAnswers: { count: number; oldestCachedAt: string | null } = { count: 0, oldestCachedAt: null };

/** A fresh Idempotency-Key: one per user action, the same on every retry of that action. */
export const newIdempotencyKey = (): string => crypto.randomUUID();

/** True when a call failed for want of a network (fetch's TypeError), not because the server refused it. */
export const isNetworkError = (e: unknown): boolean => e instanceof TypeError || (e instanceof DOMException && e.name === 'AbortError');
