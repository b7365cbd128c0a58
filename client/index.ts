// The typed client of the jicha API, for the admin UI and the terminal simulator (and the terminal app): openapi-fetch
// over the types that `npm run gen:client` generates from the OpenAPI document (client/openapi.gen.ts). Hand-written;
// it restates no API shape — every type below is derived from the generated `paths` and `components`.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './openapi.gen';

export type { components, operations, paths } from './openapi.gen';

export type ApiMethod = 'get' | 'put' | 'post' | 'delete' | 'patch';
export type ApiPath = keyof paths;
type Operation<P extends ApiPath, M extends ApiMethod> = NonNullable<paths[P][M]>;
type JsonOf<T> = T extends { content: { 'application/json': infer J } } ? J : never;
type SuccessJson<R> = { [S in keyof R]: S extends 200 | 201 | 202 | 203 | 206 ? JsonOf<R[S]> : never }[keyof R];

/** The JSON body a successful call of the operation answers with (`unknown` while the route documents no schema). */
export type ApiResponse<P extends ApiPath, M extends ApiMethod = 'get'> = Operation<P, M> extends { responses: infer R } ? SuccessJson<R> : never;
/** The JSON request body the operation takes. */
export type ApiBody<P extends ApiPath, M extends ApiMethod = 'post'> = Operation<P, M> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;
/** The query parameters the operation takes. */
export type ApiQuery<P extends ApiPath, M extends ApiMethod = 'get'> = Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
/** The path parameters the operation takes. */
export type ApiPathParams<P extends ApiPath, M extends ApiMethod = 'get'> = Operation<P, M> extends { parameters: { path: infer T } } ? T : never;
/** One element of a list answer. */
export type ApiItem<P extends ApiPath, M extends ApiMethod = 'get'> = ApiResponse<P, M> extends readonly (infer I)[] ? I : never;

/** RFC 9457 problem details, as every error answer of the API carries them (application/problem+json). */
export type Problem = components['schemas']['Problem'];

export type ApiClient = Client<paths>;

export function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const b = body as Record<string, unknown>;
  return typeof b.title === 'string' || typeof b.detail === 'string';
}

const requestOf = new WeakMap<Response, Request>();

/** A non-2xx answer: its status, the problem it carried (if any) and the raw body. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly problem: Problem | null;

  constructor(readonly status: number, readonly body: unknown, readonly response?: Response, request?: Request) {
    const problem = isProblem(body) ? body : null;
    const what = request ? `${request.method} ${new URL(request.url).pathname}: ` : '';
    const reason = problem?.detail ?? problem?.title ?? (typeof body === 'string' && body ? body : body === undefined ? response?.statusText ?? '' : JSON.stringify(body));
    super(`${what}${status} ${reason}`.trim());
    this.problem = problem;
  }
}

/**
 * The data of a successful call; a failed one throws ApiError (clients made with `toError` have thrown already).
 *   const live = ok(await api.GET('/api/cases/{id}/live', { params: { path: { id } } }));
 */
export function ok<R extends { data?: unknown; error?: unknown; response: Response }>(result: R): R extends { data: infer D } ? D : never {
  const { response } = result;
  if (!response.ok || result.error !== undefined) throw new ApiError(response.status, result.error, response, requestOf.get(response));
  return result.data as R extends { data: infer D } ? D : never;
}

/** The total of a list answer from `Content-Range: items 0-24/123`; null when the header is absent or has no total. */
export function contentRangeTotal(response: Response): number | null {
  const total = response.headers.get('Content-Range')?.split('/').pop();
  return total && /^\d+$/.test(total) ? Number(total) : null;
}

/**
 * Query parameters as the API reads them: a list or an object (react-admin's `range`, `sort`, `filter`) as JSON,
 * anything else as its string; undefined and null are left out.
 */
export function serializeQuery(query: Record<string, unknown>): string {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    out.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  return out.toString();
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.clone().text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export interface ApiClientOptions {
  /** Origin of the API (the paths of the document start with /api or /mobile/v1). */
  baseUrl: string;
  /**
   * The bearer token for each request, read (or refreshed) just before it is sent; nothing sends no Authorization
   * header. What it throws rejects the call.
   */
  token?: () => string | null | undefined | Promise<string | null | undefined>;
  /** Headers sent with every request (a device id). */
  headers?: Record<string, string>;
  fetch?: (request: Request) => Promise<Response>;
  /**
   * A non-2xx answer rejects the call with what this returns (the app's own error type, built from the ApiError and
   * its problem). Without it the call resolves with `{ error, response }`, as openapi-fetch does, and `ok()` throws.
   */
  toError?: (error: ApiError) => unknown;
}

/** openapi-fetch's client over the generated paths, with the bearer token and problem+json errors handled. */
export function createApiClient(o: ApiClientOptions): ApiClient {
  const client = createClient<paths>({
    baseUrl: o.baseUrl,
    headers: o.headers,
    querySerializer: serializeQuery,
    ...(o.fetch ? { fetch: o.fetch } : {}),
  });
  const middleware: Middleware = {
    async onRequest({ request }) {
      if (!request.headers.has('Accept')) request.headers.set('Accept', 'application/json, application/problem+json');
      const token = o.token ? await o.token() : undefined;
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
    async onResponse({ request, response }) {
      requestOf.set(response, request);
      if (!response.ok && o.toError) throw o.toError(new ApiError(response.status, await readBody(response), response, request));
      return undefined;
    },
  };
  client.use(middleware);
  return client;
}
