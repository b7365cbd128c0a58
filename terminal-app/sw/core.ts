import type { PrecacheEntry, SwBuild } from './manifest';
import { isToWorker, type FromWorker } from './messages';
import {
  apiCacheName, CACHED_AT_HEADER, isPrecacheName, isUserCacheName, OFFLINE_COPY_HEADER, precacheName, PUBLIC_CACHE,
  REV_HEADER, RUNTIME_CACHE,
} from './names';
import { route, type RequestLike } from './routes';

// The service worker's behaviour, apart from the global it runs in (sw.ts wires it to the events), so that tests and
// the installability check run it against an in-memory Cache Storage and a fetch that can be cut.
//
// - install: download this build's files (or copy the unchanged ones from the previous build's cache: on a slow link
//   an update then costs only what changed), each checked against its content hash, so a half-deployed server
//   cannot leave an index.html that names assets we do not have. Any failure fails the install; the old worker stays.
// - activate: drop the previous builds' files (the runtime cache keeps what this build still names); API answers
//   survive (they belong to the user, not to the build).
// - fetch: the app shell (index.html) for every navigation inside the app, from the cache — the app starts without
//   network, and the version shown is always the one this worker installed (a new one waits for the user's tap);
//   hashed files cache-first; the API reads network-first with the last good answer as the fallback.

export interface WorkerDeps {
  caches: CacheStorage;
  fetch: (request: Request | RequestLike) => Promise<Response>;
  origin: string;
  build: SwBuild;
  now?: () => number;
  /** SHA-256 of bytes, hex (default: SubtleCrypto). */
  sha256?: (bytes: ArrayBuffer) => Promise<string>;
  /** After this long without an answer an API read is served from the cache, if it has one (a dead link in a basement
   *  can hold a request for a minute); the network answer still refreshes the cache when it comes. */
  apiFallbackAfterMs?: number;
  /** Per user; the oldest answers go first (tasks and customers visited long ago). */
  apiCacheMaxEntries?: number;
}

export interface ServiceWorkerCore {
  install(): Promise<void>;
  activate(): Promise<void>;
  /** The answer to a fetch, or null to leave it to the browser. */
  handle(request: Request | RequestLike, waitUntil: (p: Promise<unknown>) => void): Promise<Response> | null;
  message(data: unknown, skipWaiting: () => Promise<void>): Promise<FromWorker | undefined>;
}

const subtleSha256 = async (bytes: ArrayBuffer): Promise<string> =>
  Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');

/** Headers worth keeping on a stored copy: the body is stored decoded, so its encoding and length no longer apply. */
function storedHeaders(from: Headers, extra: Record<string, string>): Headers {
  const h = new Headers(from);
  h.delete('content-encoding');
  h.delete('content-length');
  for (const [k, v] of Object.entries(extra)) h.set(k, v);
  return h;
}

const UPSTREAM_DOWN = new Set([502, 503, 504]);

export function createServiceWorker(deps: WorkerDeps): ServiceWorkerCore {
  const { caches, build } = deps;
  const now = deps.now ?? Date.now;
  const sha256 = deps.sha256 ?? subtleSha256;
  const fallbackAfter = deps.apiFallbackAfterMs ?? 5000;
  const maxEntries = deps.apiCacheMaxEntries ?? 300;
  const scope = new URL(build.base, deps.origin).href;
  const current = precacheName(build.version);
  const precached = new Set(build.precache.map((e) => e.url));
  const absolute = (rel: string) => new URL(rel, scope).href;
  // Bumped by clear-user-cache: an API answer that arrives after a logout is not written back for the user who left.
  let userGeneration = 0;

  async function precacheOne(cache: Cache, older: string[], e: PrecacheEntry): Promise<void> {
    const url = absolute(e.url);
    if ((await cache.match(url))?.headers.get(REV_HEADER) === e.rev) return;
    for (const name of older) {
      const old = await (await caches.open(name)).match(url);
      if (old?.headers.get(REV_HEADER) === e.rev) {
        await cache.put(url, old);
        return;
      }
    }
    // hashed files may come from the HTTP cache (the page has just loaded them); the others are revalidated
    const res = await deps.fetch(new Request(url, { cache: e.immutable ? 'default' : 'no-cache', credentials: 'same-origin' }));
    if (!res.ok) throw new Error(`precache ${e.url}: HTTP ${res.status}`);
    const body = await res.arrayBuffer();
    const rev = (await sha256(body)).slice(0, e.rev.length);
    if (rev !== e.rev) throw new Error(`precache ${e.url}: the server sent content ${rev}, this build has ${e.rev} (a deployment in progress?)`);
    await cache.put(url, new Response(body, { status: 200, statusText: res.statusText, headers: storedHeaders(res.headers, { [REV_HEADER]: e.rev }) }));
  }

  async function fromCacheOrNetwork(cacheName: string, key: string, request: Request | RequestLike): Promise<Response> {
    const hit = await (await caches.open(cacheName)).match(key);
    return hit ?? deps.fetch(request);
  }

  async function cacheFirst(request: Request | RequestLike, waitUntil: (p: Promise<unknown>) => void): Promise<Response> {
    const cache = await caches.open(RUNTIME_CACHE);
    const hit = await cache.match(request.url);
    if (hit) return hit;
    const res = await deps.fetch(request);
    if (res.status === 200) waitUntil(cache.put(request.url, res.clone()));
    return res;
  }

  async function trim(cache: Cache): Promise<void> {
    const keys = await cache.keys(); // insertion order; a put moves its key to the end
    for (const k of keys.slice(0, Math.max(0, keys.length - maxEntries))) await cache.delete(k);
  }

  const offlineCopy = (res: Response): Response =>
    new Response(res.body, { status: res.status, statusText: res.statusText, headers: storedHeaders(res.headers, { [OFFLINE_COPY_HEADER]: '1' }) });

  async function networkFirst(request: Request | RequestLike, cacheName: string, waitUntil: (p: Promise<unknown>) => void): Promise<Response> {
    const generation = userGeneration;
    const key = request.url;
    const cached = async () => (await (await caches.open(cacheName)).match(key, { ignoreVary: true })) ?? null;
    const network = deps.fetch(request).then((res) => {
      if (res.status === 200 && generation === userGeneration) {
        const copy = res.clone();
        waitUntil((async () => {
          const body = await copy.arrayBuffer();
          if (generation !== userGeneration) return;
          const cache = await caches.open(cacheName);
          await cache.put(key, new Response(body, { status: 200, statusText: copy.statusText, headers: storedHeaders(copy.headers, { [CACHED_AT_HEADER]: new Date(now()).toISOString() }) }));
          await trim(cache);
        })().catch(() => undefined));
      }
      return res;
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const slow = new Promise<'slow'>((resolve) => {
      timer = setTimeout(() => resolve('slow'), fallbackAfter);
    });
    const first = await Promise.race([network.then((res) => ({ res }), (error: unknown) => ({ error })), slow]);
    clearTimeout(timer);
    if (first === 'slow') {
      const copy = await cached();
      if (copy) {
        waitUntil(network.catch(() => undefined)); // let the late answer refresh the cache
        return offlineCopy(copy);
      }
      return network;
    }
    if ('error' in first) {
      const copy = await cached();
      if (copy) return offlineCopy(copy);
      throw first.error;
    }
    if (UPSTREAM_DOWN.has(first.res.status)) {
      const copy = await cached();
      if (copy) return offlineCopy(copy);
    }
    return first.res;
  }

  return {
    async install() {
      const cache = await caches.open(current);
      const older = (await caches.keys()).filter((n) => isPrecacheName(n) && n !== current);
      await Promise.all(build.precache.map((e) => precacheOne(cache, older, e)));
    },

    async activate() {
      for (const name of await caches.keys()) if (isPrecacheName(name) && name !== current) await caches.delete(name);
      if (await caches.has(RUNTIME_CACHE)) {
        const keep = new Set(build.runtime.map(absolute));
        const cache = await caches.open(RUNTIME_CACHE);
        for (const req of await cache.keys()) if (!keep.has(req.url)) await cache.delete(req);
      }
    },

    handle(request, waitUntil) {
      const r = route(request, deps.origin, build, precached);
      switch (r.kind) {
        case 'pass':
          return null;
        case 'shell':
          return fromCacheOrNetwork(current, absolute('index.html'), request);
        case 'precached':
          return fromCacheOrNetwork(current, absolute(r.path), request);
        case 'asset':
          return cacheFirst(request, waitUntil);
        case 'api':
          return networkFirst(request, r.cache === 'public' ? PUBLIC_CACHE : apiCacheName(r.cache.user), waitUntil);
      }
    },

    async message(data, skipWaiting) {
      if (!isToWorker(data)) return undefined;
      if (data.type === 'skip-waiting') {
        await skipWaiting();
        return undefined;
      }
      userGeneration += 1;
      let deleted = 0;
      for (const name of await caches.keys()) if (isUserCacheName(name) && (await caches.delete(name))) deleted += 1;
      return { type: 'user-cache-cleared', deleted };
    },
  };
}
