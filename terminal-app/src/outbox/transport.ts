import type { Middleware } from 'openapi-fetch';
import { ApiError, isProblem, type ApiBody, type ApiClient, type ApiResponse, type Problem } from '../../../client';
import { TerminalError, isDeviceRefusal, isNetworkError, problemCode } from '../api/client';
import { parseRetryAfter } from './backoff';

// The three calls the outbox makes, through the app's API client (which adds the token, X-Device-Id,
// Accept-Language and a DPoP proof of the device key), each with its Idempotency-Key; and the one PUT of evidence
// bytes to the store's presigned URL (the store checks its signature, not a DPoP proof). Nothing here is signed when
// an item is queued: the client makes the proof as each attempt leaves (api/client.ts), so a retry hours later carries
// a fresh one (a proof is good for seconds and for one request), while the Idempotency-Key stays the same.
// Failures are sorted here into what the engine does with them: retry later (network, 5xx, 429, no valid session, the
// device not bound yet) or give up and explain (any other refusal).

export type SyncRequest = ApiBody<'/mobile/v1/sync'>;
export type SyncResults = ApiResponse<'/mobile/v1/sync', 'post'>['results'];
export type SyncResult = SyncResults[number];
export type UploadTicket = ApiResponse<'/mobile/v1/tasks/{id}/evidence', 'post'>;
export type UploadRequest = Omit<ApiBody<'/mobile/v1/tasks/{id}/evidence'>, 'kind'> & { kind: string };

/** How a call failed, and so what the engine does next. */
export type FailureKind =
  | 'network' //  no answer (offline, connection lost, DNS): retry with backoff, same key
  | 'server' //   5xx, 429, 408: retry with backoff (Retry-After honoured), same key
  | 'auth' //     401: the session could not be refreshed, or the device proof was refused (dpop.*); retry later
  | 'device' //   403 device.not-bound (urn:jicha:device:* before #15): not bound (yet); retry once an admin binds it
  | 'refused'; // any other 4xx: the request itself is refused; retrying it unchanged cannot help

export class CallFailure extends Error {
  override readonly name = 'CallFailure';
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status: number | null = null,
    readonly problem: Problem | null = null,
    readonly retryAfterMs: number | null = null,
    readonly cause?: unknown,
  ) {
    super(message);
  }
  /** The problem's machine-readable reason: `code`, else the type without its `urn:jicha:` prefix. */
  get code(): string | null {
    return problemCode(this.problem);
  }
  get detail(): string | undefined {
    return this.problem?.detail ?? this.problem?.title ?? undefined;
  }
}

export function failureOf(status: number, problem: Problem | null, headers: Headers | null, now: number, cause?: unknown): CallFailure {
  const detail = problem?.detail ?? problem?.title ?? `HTTP ${status}`;
  const retryAfter = parseRetryAfter(headers?.get('Retry-After'), now);
  const type = problem?.type ?? '';
  if (status >= 500 || status === 429 || status === 408) return new CallFailure('server', detail, status, problem, retryAfter, cause);
  if (status === 401) return new CallFailure('auth', detail, status, problem, retryAfter, cause);
  if (status === 403 && (/^urn:jicha:device:/.test(type) || isDeviceRefusal({ status, code: problemCode(problem) }))) return new CallFailure('device', detail, status, problem, retryAfter, cause);
  return new CallFailure('refused', detail, status, problem, retryAfter, cause);
}

/** Any error of a call as a CallFailure (fetch's TypeError → network; the client's TerminalError/ApiError → by status). */
export function toFailure(e: unknown, headers: Headers | null, now: number): CallFailure {
  if (e instanceof CallFailure) return e;
  if (e instanceof TerminalError || e instanceof ApiError) return failureOf(e.status, e.problem, headers, now, e);
  if (isNetworkError(e)) return new CallFailure('network', e instanceof Error ? e.message : String(e), null, null, null, e);
  // Anything else (a token refresh that threw, a body that is not JSON) is treated like a lost connection: the
  // request may or may not have reached the server, and the same key makes a retry safe either way.
  return new CallFailure('network', e instanceof Error ? e.message : String(e), null, null, null, e);
}

export interface Answer<T> {
  data: T;
  status: number;
  headers: Headers;
}

type Result = { data?: unknown; error?: unknown; response: Response };

/**
 * Runs one call of the generated client with a per-request middleware that keeps the answer's headers (Retry-After,
 * Date, Idempotent-Replayed): the app's client throws its TerminalError from a middleware that runs after this one,
 * and that error carries no headers.
 */
async function run<T>(call: (middleware: Middleware[], signal: AbortSignal) => Promise<Result>, now: () => number, timeoutMs: number): Promise<Answer<T>> {
  let headers: Headers | null = null;
  const keep: Middleware = {
    onResponse({ response }) {
      headers = response.headers;
      return undefined;
    },
  };
  // A request that hangs (a mobile connection half gone) must not hold the outbox forever: it is abandoned after
  // `timeoutMs` and counts as a lost connection. It may still complete on the server; the retry's same key makes
  // that a duplicate (or "still being processed", retried later).
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(new CallFailure('network', `no answer within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
  });
  let r: Result;
  try {
    r = await Promise.race([call([keep], abort.signal), timeout]);
  } catch (e) {
    throw toFailure(e, headers, now());
  } finally {
    clearTimeout(timer);
  }
  if (!r.response.ok) throw failureOf(r.response.status, isProblem(r.error) ? r.error : null, r.response.headers, now());
  return { data: r.data as T, status: r.response.status, headers: r.response.headers };
}

export interface Transport {
  sync(body: SyncRequest, key: string): Promise<Answer<{ results: SyncResults }>>;
  requestUpload(caseId: string, body: UploadRequest, key: string): Promise<Answer<UploadTicket>>;
  confirmUpload(caseId: string, evidenceId: string, key: string): Promise<Answer<unknown>>;
}

/** The outbox's calls through the app's client; each is given up after `timeoutMs` (the confirm hashes the stored object). */
export function apiTransport(api: ApiClient, now: () => number, timeoutMs = 120_000): Transport {
  const idem = (key: string) => ({ 'Idempotency-Key': key });
  return {
    sync: (body, key) => run((middleware, signal) => api.POST('/mobile/v1/sync', { body, headers: idem(key), middleware, signal }), now, timeoutMs),
    requestUpload: (caseId, body, key) =>
      run(
        // `kind` is widened: 'signature' is being added to the server's evidence kinds; until then it answers 400.
        (middleware, signal) =>
          api.POST('/mobile/v1/tasks/{id}/evidence', { params: { path: { id: caseId } }, body: body as ApiBody<'/mobile/v1/tasks/{id}/evidence'>, headers: idem(key), middleware, signal }),
        now,
        timeoutMs,
      ),
    confirmUpload: (caseId, evidenceId, key) =>
      run(
        (middleware, signal) => api.POST('/mobile/v1/tasks/{id}/evidence/{evidenceId}/confirm', { params: { path: { id: caseId, evidenceId } }, body: {}, headers: idem(key), middleware, signal }),
        now,
        timeoutMs,
      ),
  };
}

// ---------------------------------------------------------------- the PUT of evidence bytes

export interface PutAnswer {
  status: number;
  body: string;
}

/** PUTs `blob` to a presigned URL with exactly the ticket's headers; resolves with any HTTP answer, rejects on no answer. */
export type PutBlob = (url: string, headers: Record<string, string>, blob: Blob, onProgress: (fraction: number) => void) => Promise<PutAnswer>;

/** An upload that makes no progress for this long is abandoned (and retried): a stalled connection, not a slow one. */
export const PUT_STALL_MS = 60_000;

/**
 * XMLHttpRequest, not fetch: only XHR reports upload progress in browsers. Content-Length is set by the browser from
 * the blob (it is signed too, so the body must be exactly the declared bytes). No overall timeout (a 300 MB video on
 * a slow line takes long), but a stall is given up.
 */
export const xhrPut: PutBlob = (url, headers, blob, onProgress) =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let stall: ReturnType<typeof setTimeout> | undefined;
    let stalled = false;
    const watch = () => {
      clearTimeout(stall);
      stall = setTimeout(() => {
        stalled = true;
        xhr.abort();
      }, PUT_STALL_MS);
    };
    xhr.open('PUT', url);
    for (const [k, v] of Object.entries(headers)) {
      if (k.toLowerCase() !== 'content-length') xhr.setRequestHeader(k, v);
    }
    xhr.upload.onprogress = (e) => {
      watch();
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      clearTimeout(stall);
      resolve({ status: xhr.status, body: typeof xhr.responseText === 'string' ? xhr.responseText : '' });
    };
    xhr.onerror = () => {
      clearTimeout(stall);
      reject(new TypeError('network error during upload'));
    };
    xhr.onabort = () => {
      clearTimeout(stall);
      reject(new TypeError(stalled ? 'upload stalled' : 'upload aborted'));
    };
    watch();
    xhr.send(blob);
  });
