import type pg from 'pg';
import { deviceHolder, devicesBoundTo, setBinding } from '../../db/devices';

export { devicesBoundTo };

// Device bindings: which user a terminal acts for. Both admin APIs bind through here, so this process's cache of
// bindings forgets a device the moment it is re-bound.

/**
 * Bindings this process has read, per pool: a bound device is trusted for DEVICE_CACHE_MS without a query. A
 * (re)bind or unbind through this process forgets the device at once; another API replica notices within
 * DEVICE_CACHE_MS. Refusals are never cached, so a new binding works on the next request everywhere.
 */
export const DEVICE_CACHE_MS = 3000;
const bindings = new WeakMap<pg.Pool, Map<string, { boundUser: string; until: number }>>();

export function forgetDevice(pool: pg.Pool, deviceId: string): void {
  bindings.get(pool)?.delete(deviceId);
}

/** Who the device is bound to (undefined: not registered), through this process's short cache of bindings. */
export async function deviceHolderCached(pool: pg.Pool, deviceId: string): Promise<{ boundUser: string | null } | undefined> {
  let cache = bindings.get(pool);
  if (!cache) bindings.set(pool, (cache = new Map()));
  const now = Date.now();
  const hit = cache.get(deviceId);
  if (hit && hit.until > now) return hit;
  const d = await deviceHolder(pool, deviceId);
  if (d?.boundUser) {
    if (cache.size > 50_000) cache.clear();
    cache.set(deviceId, { boundUser: d.boundUser, until: now + DEVICE_CACHE_MS });
  } else {
    cache.delete(deviceId);
  }
  return d;
}

/** Binds the device to `username` (null: unbinds it), recorded in its history; the user it was bound to before. */
export async function changeBinding(pool: pg.Pool, deviceId: string, username: string | null, by: string): Promise<{ previousUser: string | null }> {
  const r = await setBinding(pool, deviceId, username, by);
  forgetDevice(pool, deviceId);
  return { previousUser: r?.previous ?? null };
}
