import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { UpdatePrompt } from './UpdatePrompt';
import { watchUpdates } from './updates';

// Registers /terminal/sw.js (built by sw/plugin.ts: offline start, cached API reads) and mounts the update prompt.
// Production builds only: the dev server has no sw.js, and a worker caching dev modules would only confuse.

/** Browsers look for a new sw.js on navigations; an app left open all day on a terminal also asks now and then. */
const CHECK_EVERY_MS = 30 * 60_000;
/** After the load event, the first start's API calls (config, login, 我的任务) get the slow link before the precache. */
const REGISTER_AFTER_LOAD_MS = 2000;

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const base = import.meta.env.BASE_URL;
  const start = () => {
    navigator.serviceWorker
      // updateViaCache 'none': sw.js itself is never taken from the HTTP cache, so a deployment is noticed at once
      .register(`${base}sw.js`, { scope: base, updateViaCache: 'none' })
      .then((reg) => {
        const watcher = watchUpdates(reg, navigator.serviceWorker, () => window.location.reload());
        const host = document.createElement('div');
        host.id = 'pwa-update-root';
        document.body.appendChild(host);
        createRoot(host).render(createElement(UpdatePrompt, { watcher }));
        setInterval(() => {
          if (document.visibilityState === 'visible' && navigator.onLine) reg.update().catch(() => undefined);
        }, CHECK_EVERY_MS);
      })
      .catch((e: unknown) => console.warn('service worker not registered: the app will not start offline', e));
  };
  // Already controlled (every start after the first): the files come from the cache anyway, register at once.
  const later = () => (navigator.serviceWorker.controller ? start() : setTimeout(start, REGISTER_AFTER_LOAD_MS));
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}
