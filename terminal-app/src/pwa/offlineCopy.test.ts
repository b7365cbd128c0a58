import { describe, expect, it } from 'vitest';
import { createServiceWorker } from '../../sw/core';
import { FakeCacheStorage } from '../../sw/testing/fakeCaches';
import { offlineCopy } from './offlineCopy';

describe('offlineCopy', () => {
  it('tells a live answer from the worker\'s cached copy, with the time the copy was fetched', async () => {
    let online = true;
    const pending: Promise<unknown>[] = [];
    const sw = createServiceWorker({
      caches: new FakeCacheStorage().asCacheStorage(),
      fetch: async () => {
        if (!online) throw new TypeError('Failed to fetch');
        return Response.json({ items: [] });
      },
      origin: 'https://jicha.example.cn',
      build: { version: 'v1', base: '/terminal/', precache: [], runtime: [] },
      now: () => Date.parse('2026-12-04T08:12:00Z'),
    });
    const token = `e30.${btoa(JSON.stringify({ sub: 'u' })).replace(/=+$/, '')}.x`;
    const get = () => sw.handle(new Request('https://jicha.example.cn/mobile/v1/tasks', { headers: { Authorization: `Bearer ${token}` } }), (p) => void pending.push(p))!;
    expect(offlineCopy(await get())).toBeNull();
    await Promise.all(pending);
    online = false;
    expect(offlineCopy(await get())).toEqual({ cachedAt: '2026-12-04T08:12:00.000Z' });
  });
});
