import type { FromWorker, ToWorker } from '../../sw/messages';
import { isUserCacheName } from '../../sw/names';

// Logout forgets the user's cached API answers (tasks, customers, the person's own details): the next person on a
// shared terminal must not open them offline. The service worker is asked first (it may be writing an answer at
// that moment, and it stops writing back answers that arrive after); the page then deletes whatever is left itself,
// which also covers a page no worker controls or a worker that did not answer in time.
export async function clearUserCache(timeoutMs = 2000): Promise<void> {
  try {
    const worker = typeof navigator !== 'undefined' ? navigator.serviceWorker?.controller : null;
    if (worker) {
      await new Promise<void>((resolve) => {
        const channel = new MessageChannel();
        const timer = setTimeout(resolve, timeoutMs);
        channel.port1.onmessage = (e: MessageEvent<FromWorker>) => {
          if (e.data?.type === 'user-cache-cleared') {
            clearTimeout(timer);
            resolve();
          }
        };
        worker.postMessage({ type: 'clear-user-cache' } satisfies ToWorker, [channel.port2]);
      });
    }
    if (typeof caches !== 'undefined') {
      for (const name of await caches.keys()) if (isUserCacheName(name)) await caches.delete(name);
    }
  } catch (e) {
    // a logout must go on whatever the cache does (storage blocked in private mode, …)
    console.warn('could not clear the cached API answers', e);
  }
}
