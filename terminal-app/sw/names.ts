// Cache names, shared by the worker and the page (the page clears the per-user caches itself when no worker answers).
// Everything the app stores starts with one prefix, so other apps of the origin (the back office) are never touched.

export const CACHE_PREFIX = 'jicha-terminal-';
/** The app files of one build; replaced whole by the next build's worker when it activates. */
export const precacheName = (version: string): string => `${CACHE_PREFIX}precache-${version}`;
/** Hashed files left out of the precache (MapLibre), cached on first use; kept across builds while a build still
 *  names them, so an app update does not cost the map again. */
export const RUNTIME_CACHE = `${CACHE_PREFIX}runtime`;
/** The last good answers of the API reads, one cache per user: cleared on logout, never shown to another user. */
export const API_CACHE_PREFIX = `${CACHE_PREFIX}api-`;
export const apiCacheName = (userKey: string): string => `${API_CACHE_PREFIX}${encodeURIComponent(userKey)}`;
/** Answers that need no login and are the same for everyone (GET /mobile/v1/public-config). */
export const PUBLIC_CACHE = `${CACHE_PREFIX}public`;

export const isPrecacheName = (name: string): boolean => name.startsWith(`${CACHE_PREFIX}precache-`);
export const isUserCacheName = (name: string): boolean => name.startsWith(API_CACHE_PREFIX);

/** Response headers the worker adds. */
export const REV_HEADER = 'X-Jicha-Rev';
/** When an API answer was stored (ISO time). */
export const CACHED_AT_HEADER = 'X-Jicha-Cached-At';
/** Set on an API answer served from the cache because the network failed or was too slow: the page may say so. */
export const OFFLINE_COPY_HEADER = 'X-Jicha-Offline-Copy';
