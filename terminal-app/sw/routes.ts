import type { SwBuild } from './manifest';

// Which requests the service worker answers, and how. Everything not named here goes to the network untouched:
// POSTs and every other write (the outbox owns retries, with Idempotency-Keys), other origins (Keycloak, map tiles,
// the S3 store's presigned URLs), evidence lists (their presigned GET URLs expire in minutes).

/** The GET /mobile/v1 reads whose last good answer is kept, so 我的任务 and a task page open offline. */
const API_READS: RegExp[] = [
  /^\/mobile\/v1\/tasks$/, //                    我的任务 (with its page/pageSize query)
  /^\/mobile\/v1\/tasks\/[^/]+$/, //             a task (not /evidence, /track, /navigation below it)
  /^\/mobile\/v1\/customers\/[^/]+$/, //         customer 360 (not the search GET /customers?q)
  /^\/mobile\/v1\/announcements$/,
  /^\/mobile\/v1\/regulations$/,
  /^\/mobile\/v1\/regulations\/[^/]+$/,
  /^\/mobile\/v1\/me$/,
  /^\/mobile\/v1\/public-config$/,
];
/** Needs no login and is the same for everyone: one shared cache, kept across logouts. */
const PUBLIC_READS = /^\/mobile\/v1\/public-config$/;

export type Route =
  | { kind: 'shell' } //                 a navigation inside the app: the precached index.html
  | { kind: 'precached'; path: string } // a file of this build
  | { kind: 'asset' } //                 a hashed file not in the precache list: cached on first use
  | { kind: 'api'; cache: { user: string } | 'public' } // network first, the last good answer when offline
  | { kind: 'pass' }; //                 not the worker's business

/** The parts of a Request the routing reads (a navigation Request cannot be built outside a browser). */
export interface RequestLike {
  url: string;
  method: string;
  mode: string;
  headers: { get(name: string): string | null };
}

/** A presigned S3 URL (SigV4 in the query): never cached, whatever its origin (a proxy may put S3 on ours). */
export const isPresigned = (url: URL): boolean => url.searchParams.has('X-Amz-Signature') || url.searchParams.has('X-Amz-Credential');

function base64UrlDecode(s: string): string {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/**
 * Whose answers these are: the `sub` (else `preferred_username`) of the access token, sent as `Bearer` or — bound to
 * the device key — as `DPoP`. Not verified — the API does that; this only keeps each user's answers apart on a shared
 * device. Null without a readable token.
 */
export function userKeyOf(authorization: string | null): string | null {
  const m = /^(?:Bearer|DPoP)\s+([^.\s]+)\.([^.\s]+)\.[^.\s]*$/i.exec(authorization ?? '');
  if (!m) return null;
  try {
    const claims = JSON.parse(base64UrlDecode(m[2]!)) as { sub?: unknown; preferred_username?: unknown };
    const key = typeof claims.sub === 'string' && claims.sub ? claims.sub : claims.preferred_username;
    return typeof key === 'string' && key ? key : null;
  } catch {
    return null;
  }
}

/** A page of the app rather than a file: the base itself, index.html, or a path without a file extension. */
function isAppPage(path: string, base: string): boolean {
  if (!path.startsWith(base)) return false;
  const rest = path.slice(base.length);
  return rest === '' || rest === 'index.html' || !/\.[a-z0-9]+$/i.test(rest.split('/').pop() ?? '');
}

export function route(request: RequestLike, origin: string, build: Pick<SwBuild, 'base'>, precached: ReadonlySet<string>): Route {
  if (request.method !== 'GET') return { kind: 'pass' };
  const url = new URL(request.url);
  if (url.origin !== origin || isPresigned(url)) return { kind: 'pass' };
  const path = url.pathname;
  if (request.mode === 'navigate') return isAppPage(path, build.base) ? { kind: 'shell' } : { kind: 'pass' };
  if (path.startsWith(build.base)) {
    const rel = path.slice(build.base.length);
    if (precached.has(rel) && !url.search) return { kind: 'precached', path: rel };
    if (rel.startsWith('assets/')) return { kind: 'asset' };
    return { kind: 'pass' };
  }
  if (!API_READS.some((re) => re.test(path))) return { kind: 'pass' };
  if (PUBLIC_READS.test(path)) return { kind: 'api', cache: 'public' };
  const user = userKeyOf(request.headers.get('Authorization'));
  // without a token the API answers 401: nothing worth keeping, and nobody to keep it for
  return user ? { kind: 'api', cache: { user } } : { kind: 'pass' };
}
