import { createApiClient, ApiError, type ApiClient, type Problem } from '../../../client';
import type { Lang } from '../i18n';
import { offlineCopy } from '../pwa/offlineCopy';
import { authorizationFor, deviceProofKey, makeProof, serverClock, type ProofKey } from '../auth/dpop';

// The terminal talks only to /mobile/v1, through the generated client. Every call carries the access token (refreshed
// first; `DPoP <token>` when Keycloak bound it to the device key, else `Bearer`), a DPoP proof signed with the device
// key and made for this very request as it leaves (auth/dpop.ts), this terminal's device id and the user's language
// (the API answers problem details in it). The outbox sends through this client too, so a request it replays hours
// later gets a proof of its own at that moment.

export interface TerminalApiOptions {
  baseUrl: string;
  token: () => Promise<string | null>;
  deviceId: () => string | null;
  lang: () => Lang;
  fetch?: (request: Request) => Promise<Response>;
  /** The key proofs are signed with (default: the device's; null: no proof, e.g. a browser without WebCrypto). */
  proofKey?: () => Promise<ProofKey | null>;
}

/** A problem's machine-readable reason: its `code`, else its type without the `urn:jicha:` prefix. */
export function problemCode(problem: Problem | null): string | null {
  const p = problem as (Problem & { code?: string }) | null;
  if (p?.code) return p.code;
  const type = p?.type;
  return type && type !== 'about:blank' ? type.replace(/^urn:jicha:/, '') : null;
}

/** A refused or failed call: the HTTP status, the problem the API explained it with, and the code the UI translates. */
export class TerminalError extends Error {
  override readonly name = 'TerminalError';
  constructor(readonly status: number, readonly problem: Problem | null, message: string) {
    super(message);
  }
  /** The machine-readable reason (`code`, else the problem type's last segment). */
  get code(): string | null {
    return problemCode(this.problem);
  }
  /** Field errors of a 400/422, by path. */
  get fieldErrors(): { path: string; message: string }[] {
    const errs = (this.problem as { errors?: { path?: unknown; message?: unknown }[] } | null)?.errors;
    return Array.isArray(errs) ? errs.map((e) => ({ path: String(e.path ?? ''), message: String(e.message ?? '') })) : [];
  }
}

/**
 * This terminal is not (or no longer) bound to the signed-in person, as far as the server can tell: `device.not-bound`
 * (unknown, unbound, someone else's, or the proof's key is not the one registered — the server gives them one answer
 * so that nobody learns which device ids exist), or the older `urn:jicha:device:*` refusals.
 */
export function isDeviceRefusal(e: { status: number; code: string | null }): boolean {
  return e.status === 403 && !!e.code && /^device[.:]/.test(e.code);
}

/** The device proof was missing or refused (`dpop.proof-required`, `dpop.invalid-proof`): not an expired login. */
export const isProofRefusal = (e: { status: number; code: string | null }): boolean => e.status === 401 && !!e.code && e.code.startsWith('dpop.');

const deviceRefusalListeners = new Set<(e: TerminalError) => void>();

/** Tells `listener` whenever a call is refused because of the device (the device gate checks the binding again). */
export function onDeviceRefused(listener: (e: TerminalError) => void): () => void {
  deviceRefusalListeners.add(listener);
  return () => deviceRefusalListeners.delete(listener);
}

export function createTerminalApi(o: TerminalApiOptions): ApiClient {
  const proofKey = o.proofKey ?? deviceProofKey;
  const api = createApiClient({
    baseUrl: o.baseUrl,
    token: o.token,
    fetch: o.fetch,
    toError: (e: ApiError) => {
      const error = new TerminalError(e.status, e.problem, e.problem?.detail ?? e.problem?.title ?? e.message);
      if (isDeviceRefusal(error)) for (const l of deviceRefusalListeners) l(error);
      return error;
    },
  });
  api.use({
    async onRequest({ request }) {
      const device = o.deviceId();
      if (device && !request.headers.has('X-Device-Id')) request.headers.set('X-Device-Id', device);
      request.headers.set('Accept-Language', o.lang() === 'en' ? 'en' : 'zh-CN, zh;q=0.9');
      // The generated client has set `Bearer <token>`; a token bound to the device key is sent as `DPoP <token>`.
      const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get('Authorization') ?? '')?.[1] ?? null;
      if (token) request.headers.set('Authorization', authorizationFor(token));
      const key = await proofKey().catch(() => null);
      if (key) request.headers.set('DPoP', await makeProof(key, { method: request.method, url: request.url, accessToken: token }));
      // the phone's own clock as the request leaves (not the server-corrected one of the proof): the server tells an
      // offline check-in sent late from a phone whose clock is wrong by it
      request.headers.set('X-Device-Time', new Date().toISOString());
      return request;
    },
    onResponse({ response }) {
      const copy = offlineCopy(response);
      if (copy) {
        offlineAnswers.count += 1;
        offlineAnswers.oldestCachedAt = [offlineAnswers.oldestCachedAt, copy.cachedAt].filter((x): x is string => !!x).sort()[0] ?? null;
      } else {
        serverClock.note(response.headers.get('Date')); // the next proofs' `iat` on the server's clock
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
