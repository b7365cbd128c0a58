/// <reference lib="webworker" />
// The terminal app's service worker, served as /terminal/sw.js (scope /terminal/). Built by sw/plugin.ts, which
// replaces __JICHA_SW__ with this build's version and file list. The behaviour lives in core.ts.
import { createServiceWorker } from './core';
import type { SwBuild } from './manifest';

declare const self: ServiceWorkerGlobalScope;
declare const __JICHA_SW__: SwBuild;

const worker = createServiceWorker({
  caches: self.caches,
  fetch: (request) => self.fetch(request as Request),
  origin: self.location.origin,
  build: __JICHA_SW__,
});

// No skipWaiting here: an update waits until the user taps "有新版本，点击更新" (src/pwa/), so a page is never swapped
// under an inspector mid-visit. The first install has nothing to wait for.
self.addEventListener('install', (event) => event.waitUntil(worker.install()));

self.addEventListener('activate', (event) => event.waitUntil(worker.activate().then(() => self.clients.claim())));

self.addEventListener('fetch', (event) => {
  const answer = worker.handle(event.request, (p) => {
    try {
      event.waitUntil(p);
    } catch {
      // the event is already over (its answer settled): the work still runs, the worker may just stop sooner
    }
  });
  if (answer) event.respondWith(answer);
});

self.addEventListener('message', (event) => {
  event.waitUntil(worker.message(event.data, () => self.skipWaiting()).then((reply) => {
    if (reply) event.ports[0]?.postMessage(reply);
  }));
});
