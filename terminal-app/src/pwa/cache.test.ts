import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeCacheStorage } from '../../sw/testing/fakeCaches';
import { apiCacheName, PUBLIC_CACHE, precacheName } from '../../sw/names';
import { clearUserCache } from './cache';

afterEach(() => {
  vi.unstubAllGlobals();
});

async function cachesWithUsers() {
  const caches = new FakeCacheStorage();
  for (const n of [apiCacheName('inspector'), apiCacheName('inspector2'), PUBLIC_CACHE, precacheName('v1')]) await caches.open(n);
  vi.stubGlobal('caches', caches);
  return caches;
}

describe('clearUserCache (logout)', () => {
  it('asks the controlling worker and waits for its answer, then removes what is left of the users\' answers', async () => {
    const caches = await cachesWithUsers();
    const asked: unknown[] = [];
    const controller = {
      postMessage(message: unknown, ports: MessagePort[]) {
        asked.push(message);
        setTimeout(() => ports[0]!.postMessage({ type: 'user-cache-cleared', deleted: 0 }), 10);
      },
    };
    vi.stubGlobal('navigator', { serviceWorker: { controller } });
    await clearUserCache(5000);
    expect(asked).toEqual([{ type: 'clear-user-cache' }]);
    expect((await caches.keys()).sort()).toEqual([PUBLIC_CACHE, precacheName('v1')].sort());
  });

  it('does it alone when no worker controls the page or the worker does not answer', async () => {
    let caches = await cachesWithUsers();
    vi.stubGlobal('navigator', { serviceWorker: { controller: null } });
    await clearUserCache();
    expect(await caches.keys()).not.toContain(apiCacheName('inspector'));

    caches = await cachesWithUsers();
    vi.stubGlobal('navigator', { serviceWorker: { controller: { postMessage: () => undefined } } });
    const t0 = Date.now();
    await clearUserCache(50);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    expect(await caches.keys()).not.toContain(apiCacheName('inspector2'));
  });

  it('never makes a logout fail', async () => {
    vi.stubGlobal('navigator', { serviceWorker: { controller: null } });
    vi.stubGlobal('caches', { keys: () => Promise.reject(new DOMException('blocked', 'SecurityError')) });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await expect(clearUserCache()).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalled();
  });
});
