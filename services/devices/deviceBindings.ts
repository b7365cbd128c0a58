import type pg from 'pg';
import type { Lang } from '../../domain/text';
import { deviceHolder, setBinding, type DeviceHolder } from '../../db/devices';
import { deviceKeyMissing } from './deviceKeys';

// Device bindings: which user a terminal acts for. Both admin APIs bind through here, so this process's cache of
// bindings forgets a device the moment it is re-bound.

/**
 * Bindings this process has read, per pool: a bound device is trusted for DEVICE_CACHE_MS without a query. A
 * (re)bind or unbind through this process forgets the device at once; another API replica notices within
 * DEVICE_CACHE_MS. Refusals are never cached, so a new binding works on the next request everywhere. A device's key
 * never changes once registered, so caching it with the binding is safe.
 */
export const DEVICE_CACHE_MS = 3000;
const bindings = new WeakMap<pg.Pool, Map<string, DeviceHolder & { until: number }>>();

export function forgetDevice(pool: pg.Pool, deviceId: string): void {
  bindings.get(pool)?.delete(deviceId);
}

/** Who the device is bound to and its key's thumbprint (undefined: not registered), through a short cache. */
export async function deviceHolderCached(pool: pg.Pool, deviceId: string): Promise<DeviceHolder | undefined> {
  let cache = bindings.get(pool);
  if (!cache) bindings.set(pool, (cache = new Map()));
  const now = Date.now();
  const hit = cache.get(deviceId);
  if (hit && hit.until > now) return hit;
  const d = await deviceHolder(pool, deviceId);
  if (d?.boundUser && d.keyJkt) {
    if (cache.size > 50_000) cache.clear();
    cache.set(deviceId, { ...d, until: now + DEVICE_CACHE_MS });
  } else {
    cache.delete(deviceId);
  }
  return d;
}

/**
 * Binds the device to `username` (null: unbinds it), recorded in its history; the user it was bound to before.
 * Binding needs the device's registered key (422 device.key-missing): it signs every request the device sends.
 * Unbinding never does.
 */
export async function changeBinding(pool: pg.Pool, deviceId: string, username: string | null, by: string, lang: Lang = 'zh-CN'): Promise<{ previousUser: string | null }> {
  const r = await setBinding(pool, deviceId, username, by, { requireKey: true });
  if (r === 'key-missing') throw deviceKeyMissing(deviceId, lang);
  forgetDevice(pool, deviceId);
  return { previousUser: r?.previous ?? null };
}
