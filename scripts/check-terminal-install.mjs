// `npm run check:terminal-install`: is the built terminal app (terminal-app/dist) installable and does it start
// offline? Reads the build only — no server, no browser:
//   - the web manifest: name, short_name, start_url inside scope, display, icons (PNG ≥ 192 and ≥ 512 whose headers
//     carry the declared sizes, a maskable one), colours; index.html links it and sets a theme colour;
//   - the service worker, run here against an in-memory Cache Storage and a fetch that serves dist/: it registers a
//     fetch handler, its install precaches index.html and every file index.html loads at start, and with the network
//     cut a navigation to start_url still gets the start page.
// Prints one line per check and `terminal-app installable: N/N checks passed`; exit 1 when one fails.
//   node scripts/check-terminal-install.mjs [--dist DIR] [--base /terminal/] [--json]
/* global Request, Response, Headers -- Node's fetch classes, which the worker under check uses */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ORIGIN = 'https://terminal.check.invalid';

/** @typedef {{ id: string, ok: boolean, message: string }} Check */
/** @typedef {{ src?: unknown, sizes?: unknown, type?: unknown, purpose?: unknown }} ManifestIcon */
/**
 * The files of a build, by path relative to dist/ ('index.html', 'icons/icon-192.png').
 * @typedef {{ read(rel: string): Buffer | null }} BuildFiles
 */

/** @param {string} id @param {boolean} ok @param {string} message @returns {Check} */
const check = (id, ok, message) => ({ id, ok, message });

/** @param {string} dir @returns {BuildFiles} */
export function dirFiles(dir) {
  return {
    read(rel) {
      const file = path.resolve(dir, rel);
      if (!file.startsWith(path.resolve(dir) + path.sep)) return null;
      try {
        return fs.statSync(file).isFile() ? fs.readFileSync(file) : null;
      } catch {
        return null;
      }
    },
  };
}

/** Width and height from a PNG's IHDR chunk; null when the bytes are not a PNG. @param {Buffer | null} bytes */
export function pngSize(bytes) {
  const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!bytes || bytes.length < 24 || !SIGNATURE.every((b, i) => bytes[i] === b) || bytes.toString('ascii', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** `192x192 512x512` → [[192, 192], [512, 512]]; `any` and junk → []. @param {unknown} sizes @returns {[number, number][]} */
export function parseSizes(sizes) {
  if (typeof sizes !== 'string') return [];
  return sizes.trim().split(/\s+/).flatMap((s) => {
    const m = /^(\d+)[xX](\d+)$/.exec(s);
    return m ? [/** @type {[number, number]} */ ([Number(m[1]), Number(m[2])])] : [];
  });
}

/** A URL of the site (absolute path or relative to `from`) → the file in dist/ when it is under `base`. @param {string} url @param {string} from @param {string} base */
export function distPath(url, from, base) {
  const u = new URL(url, new URL(from, ORIGIN));
  return u.origin === ORIGIN && u.pathname.startsWith(base) ? decodeURIComponent(u.pathname.slice(base.length)) : null;
}

/** The attributes of every `<tag …>` in an HTML text (enough for Vite's index.html). @param {string} html @param {string} tag */
export function tags(html, tag) {
  /** @type {Record<string, string>[]} */
  const out = [];
  for (const m of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'gi'))) {
    /** @type {Record<string, string>} */
    const attrs = {};
    for (const a of (m[1] ?? '').matchAll(/([a-zA-Z:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) attrs[(a[1] ?? '').toLowerCase()] = a[2] ?? a[3] ?? a[4] ?? '';
    out.push(attrs);
  }
  return out;
}

/** What index.html loads at start: the entry script, the modulepreloads and the stylesheets (not the lazy chunks). @param {string} html */
export function initialAssets(html) {
  const scripts = tags(html, 'script').filter((a) => a.src).map((a) => a.src);
  const links = tags(html, 'link').filter((a) => /\b(modulepreload|stylesheet)\b/i.test(a.rel ?? '') && a.href).map((a) => a.href);
  return [...new Set([...scripts, ...links])];
}

/** @param {string} html @param {BuildFiles} files @param {string} base @returns {{ checks: Check[], manifestPath: string | null }} */
export function checkIndexHtml(html, files, base) {
  const href = tags(html, 'link').find((a) => (a.rel ?? '').toLowerCase().split(/\s+/).includes('manifest'))?.href;
  const manifestPath = href ? distPath(href, `${base}index.html`, base) : null;
  const theme = tags(html, 'meta').find((a) => (a.name ?? '').toLowerCase() === 'theme-color')?.content;
  return {
    manifestPath,
    checks: [
      check('html.manifest', Boolean(manifestPath && files.read(manifestPath)),
        href ? (manifestPath && files.read(manifestPath) ? `index.html links the manifest ${href}` : `index.html links ${href}, which is not in the build`) : 'index.html has no <link rel="manifest">'),
      check('html.theme-color', Boolean(theme && theme.trim()), theme ? `index.html sets theme-color ${theme}` : 'index.html has no <meta name="theme-color">'),
    ],
  };
}

/**
 * @param {Record<string, unknown>} m  the parsed manifest
 * @param {string} manifestUrl  where it is served (`/terminal/manifest.webmanifest`), for its relative URLs
 * @param {BuildFiles} files @param {string} base
 * @returns {Check[]}
 */
export function checkManifest(m, manifestUrl, files, base) {
  const str = (/** @type {unknown} */ v) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  /** @type {Check[]} */
  const checks = [];
  const name = str(m.name);
  const shortName = str(m.short_name);
  checks.push(check('manifest.names', Boolean(name && shortName),
    name && shortName ? `manifest names the app "${name}" (short "${shortName}")` : `manifest lacks ${[name ? '' : 'name', shortName ? '' : 'short_name'].filter(Boolean).join(' and ')}`));

  const start = str(m.start_url);
  const scope = str(m.scope);
  const base0 = new URL(manifestUrl, ORIGIN);
  const startUrl = start ? new URL(start, base0) : null;
  // without a scope the browser takes start_url's directory, which always contains it
  const scopeUrl = scope ? new URL(scope, base0) : startUrl ? new URL('.', startUrl) : null;
  const inside = Boolean(startUrl && scopeUrl && startUrl.origin === scopeUrl.origin && startUrl.pathname.startsWith(scopeUrl.pathname));
  checks.push(check('manifest.start_url', inside,
    !start ? 'manifest has no start_url' : inside ? `start_url ${start} is inside scope ${scopeUrl?.pathname}` : `start_url ${start} is outside scope ${scope}`));

  const display = str(m.display);
  const okDisplay = display === 'standalone' || display === 'fullscreen';
  checks.push(check('manifest.display', okDisplay, okDisplay ? `display ${display}` : `display is ${display ?? 'missing'}, not standalone or fullscreen`));

  const colours = str(m.theme_color) && str(m.background_color);
  checks.push(check('manifest.colours', Boolean(colours), colours ? `theme_color ${m.theme_color}, background_color ${m.background_color}` : 'manifest lacks theme_color or background_color'));

  /** @type {ManifestIcon[]} */
  const icons = Array.isArray(m.icons) ? m.icons : [];
  /** Each declared icon: its file, its declared sizes, whether it is a PNG whose header carries one of them. */
  const described = icons.map((icon) => {
    const src = str(icon.src);
    const rel = src ? distPath(src, manifestUrl, base) : null;
    const bytes = rel ? files.read(rel) : null;
    const declared = parseSizes(icon.sizes);
    const png = pngSize(bytes);
    const purposes = (str(icon.purpose) ?? 'any').split(/\s+/);
    return { src, exists: Boolean(bytes), declared, png, purposes, headerMatches: Boolean(png && declared.some(([w, h]) => w === png.width && h === png.height)) };
  });
  const broken = described.filter((d) => !d.exists || (d.png && !d.headerMatches) || (!d.png && /\.png$/i.test(d.src ?? '')));
  checks.push(check('manifest.icons.files', icons.length > 0 && broken.length === 0,
    icons.length === 0 ? 'manifest has no icons'
      : broken.length ? `icons missing or not the declared size: ${broken.map((d) => `${d.src} (${!d.exists ? 'no such file' : d.png ? `PNG is ${d.png.width}x${d.png.height}, declared ${d.declared.map((s) => s.join('x')).join(' ') || 'nothing'}` : 'not a PNG'})`).join('; ')}`
        : `all ${icons.length} icons exist with the declared sizes`));
  for (const min of [192, 512]) {
    const hit = described.find((d) => d.headerMatches && d.png && d.png.width >= min && d.png.height >= min && d.purposes.includes('any'));
    checks.push(check(`manifest.icons.${min}`, Boolean(hit), hit ? `a PNG icon of at least ${min}x${min}: ${hit.src}` : `no PNG icon of at least ${min}x${min} (purpose any) whose file carries its declared size`));
  }
  const maskable = described.find((d) => d.purposes.includes('maskable') && d.exists && (!d.png || d.headerMatches));
  checks.push(check('manifest.icons.maskable', Boolean(maskable), maskable ? `a maskable icon: ${maskable.src}` : 'no maskable icon (purpose "maskable") in the build'));
  return checks;
}

/** @param {string} rel */
function contentType(rel) {
  const ext = path.extname(rel).toLowerCase();
  return { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json', '.json': 'application/json' }[ext] ?? 'application/octet-stream';
}

/** A minimal Cache Storage (URL keys; what service workers use of it); `cache.add` fetches through `fetch`. */
class MemoryCaches {
  /** @param {(input: unknown) => Promise<Response>} fetch */
  constructor(fetch) {
    this.fetch = fetch;
    /** @type {Map<string, Map<string, { body: ArrayBuffer, init: ResponseInit }>>} */
    this.stores = new Map();
  }

  /** @param {string} name */
  async open(name) {
    let store = this.stores.get(name);
    if (!store) this.stores.set(name, (store = new Map()));
    const s = store;
    const fetch = this.fetch;
    /** @param {unknown} k */
    const key = (k) => new URL(typeof k === 'string' ? k : /** @type {{ url: string }} */ (k).url, ORIGIN).href;
    const cache = {
      /** @param {unknown} k */
      async match(k) {
        const e = s.get(key(k));
        return e ? new Response(e.body.slice(0), e.init) : undefined;
      },
      async matchAll() {
        return [...s.values()].map((e) => new Response(e.body.slice(0), e.init));
      },
      /** @param {unknown} k @param {Response} res */
      async put(k, res) {
        const body = await res.arrayBuffer();
        s.delete(key(k));
        s.set(key(k), { body, init: { status: res.status, statusText: res.statusText, headers: new Headers(res.headers) } });
      },
      /** @param {unknown} k */
      async add(k) {
        const res = await fetch(k);
        if (!res.ok) throw new TypeError(`cache.add: HTTP ${res.status}`);
        await cache.put(k, res);
      },
      /** @param {unknown[]} ks */
      async addAll(ks) {
        await Promise.all(ks.map((k) => cache.add(k)));
      },
      /** @param {unknown} k */
      async delete(k) {
        return s.delete(key(k));
      },
      async keys() {
        return [...s.keys()].map((u) => new Request(u));
      },
    };
    return cache;
  }

  async keys() {
    return [...this.stores.keys()];
  }

  /** @param {string} name */
  async has(name) {
    return this.stores.has(name);
  }

  /** @param {string} name */
  async delete(name) {
    return this.stores.delete(name);
  }

  /** @param {unknown} k */
  async match(k) {
    for (const name of this.stores.keys()) {
      const hit = await (await this.open(name)).match(k);
      if (hit) return hit;
    }
    return undefined;
  }

  /** Every stored URL path, across caches. */
  paths() {
    return new Set([...this.stores.values()].flatMap((s) => [...s.keys()].map((u) => new URL(u).pathname)));
  }
}

/**
 * Runs a service worker script the way a browser would for the checks below: its top level, install, activate, then
 * fetch events. The network is dist/ itself, and can be cut (`net.online = false`).
 * @param {string} code @param {BuildFiles} files @param {string} base
 */
export async function runServiceWorker(code, files, base) {
  /** @type {Map<string, ((e: object) => void)[]>} */
  const listeners = new Map();
  const net = { online: true, requests: /** @type {string[]} */ ([]) };
  /** @param {unknown} input */
  const fetch = async (input) => {
    const url = new URL(typeof input === 'string' ? input : /** @type {{ url: string }} */ (input).url, ORIGIN);
    net.requests.push(url.pathname);
    if (!net.online) throw new TypeError('Failed to fetch (the check cut the network)');
    const rel = url.origin === ORIGIN && url.pathname.startsWith(base) ? url.pathname.slice(base.length) || 'index.html' : null;
    const bytes = rel !== null ? files.read(rel) : null;
    if (!bytes) return new Response('not found', { status: 404 });
    return new Response(bytes, { status: 200, headers: { 'Content-Type': contentType(rel ?? '') } });
  };
  const caches = new MemoryCaches(fetch);
  const self = {
    location: new URL(`${base}sw.js`, ORIGIN),
    registration: { scope: new URL(base, ORIGIN).href, navigationPreload: undefined },
    clients: { claim: async () => undefined, matchAll: async () => [], get: async () => undefined },
    caches,
    fetch,
    skipWaiting: async () => undefined,
    /** @param {string} type @param {(e: object) => void} fn */
    addEventListener(type, fn) {
      listeners.set(type, [...(listeners.get(type) ?? []), fn]);
    },
    removeEventListener() {},
    importScripts() {
      throw new Error('importScripts is not supported by this check: bundle the worker into one file');
    },
    /** @type {((e: object) => void) | null} */ oninstall: null,
    /** @type {((e: object) => void) | null} */ onactivate: null,
    /** @type {((e: object) => void) | null} */ onfetch: null,
  };
  // The worker's globals are this object's properties; everything else (Request, Response, crypto…) is Node's.
  const names = ['self', 'caches', 'fetch', 'addEventListener', 'clients', 'registration', 'skipWaiting', 'location', 'importScripts'];
  // Running the built worker is the point of the check; it is our own build output, read from dist/.
  new Function(...names, code)(self, caches, fetch, self.addEventListener.bind(self), self.clients, self.registration, self.skipWaiting, self.location, self.importScripts);
  const handlers = (/** @type {'install' | 'activate' | 'fetch'} */ type) => [...(listeners.get(type) ?? []), ...(self[`on${type}`] ? [/** @type {(e: object) => void} */ (self[`on${type}`])] : [])];

  /** @param {'install' | 'activate'} type */
  async function lifecycle(type) {
    /** @type {Promise<unknown>[]} */
    const pending = [];
    for (const h of handlers(type)) h({ type, waitUntil: (/** @type {Promise<unknown>} */ p) => void pending.push(p) });
    await Promise.all(pending);
  }

  /** @param {{ url: string, mode?: string, method?: string }} req @returns {Promise<Response | null>} null: not answered */
  async function dispatchFetch(req) {
    /** @type {Promise<Response> | null} */
    let answer = null;
    /** @type {Promise<unknown>[]} */
    const pending = [];
    const url = new URL(req.url, ORIGIN).href;
    const request = req.mode === 'navigate'
      // a browser's navigation request; Node cannot build one (mode 'navigate' is refused by the Request constructor)
      ? { url, method: 'GET', mode: 'navigate', destination: 'document', credentials: 'include', redirect: 'manual', cache: 'default', headers: new Headers({ Accept: 'text/html' }), clone() { return this; } }
      : new Request(url, { method: req.method ?? 'GET' });
    for (const h of handlers('fetch')) {
      h({
        type: 'fetch', request, clientId: '', resultingClientId: 'check', preloadResponse: Promise.resolve(undefined),
        respondWith: (/** @type {Promise<Response> | Response} */ p) => void (answer = Promise.resolve(p)),
        waitUntil: (/** @type {Promise<unknown>} */ p) => void pending.push(p),
      });
    }
    const res = answer ? await answer : null;
    await Promise.allSettled(pending);
    return res;
  }

  return { listeners, caches, net, lifecycle, dispatchFetch, handlers };
}

/**
 * @param {BuildFiles} files @param {string} base @param {{ html: string, startUrl: string | null }} app
 * @returns {Promise<Check[]>}
 */
export async function checkServiceWorker(files, base, app) {
  const code = files.read('sw.js');
  /** @type {Check[]} */
  const checks = [check('sw.exists', Boolean(code), code ? `sw.js is in the build (${code.length} bytes)` : 'sw.js is not in the build')];
  const later = ['sw.fetch-handler', 'sw.precache-index', 'sw.precache-initial', 'sw.offline-start'];
  if (!code) return [...checks, ...later.map((id) => check(id, false, `${id}: no sw.js`))];
  let sw;
  try {
    sw = await runServiceWorker(code.toString('utf8'), files, base);
  } catch (e) {
    return [...checks, ...later.map((id) => check(id, false, `sw.js fails to run: ${e instanceof Error ? e.message : String(e)}`))];
  }
  const hasFetch = sw.handlers('fetch').length > 0;
  checks.push(check('sw.fetch-handler', hasFetch, hasFetch ? 'sw.js registers a fetch handler' : 'sw.js registers no fetch handler'));
  /** @type {string | null} */
  let installError = null;
  try {
    await sw.lifecycle('install');
    await sw.lifecycle('activate');
  } catch (e) {
    installError = e instanceof Error ? e.message : String(e);
  }
  const stored = sw.caches.paths();
  const indexCached = stored.has(`${base}index.html`) || stored.has(base);
  checks.push(check('sw.precache-index', !installError && indexCached,
    installError ? `sw.js install failed: ${installError}` : indexCached ? 'install precaches index.html' : 'install does not precache index.html'));
  const initial = initialAssets(app.html).map((u) => new URL(u, new URL(`${base}index.html`, ORIGIN)).pathname);
  const missing = initial.filter((p) => !stored.has(p));
  checks.push(check('sw.precache-initial', !installError && initial.length > 0 && missing.length === 0,
    installError ? 'sw.js install failed' : initial.length === 0 ? 'index.html loads no script or stylesheet' : missing.length ? `install does not precache ${missing.join(', ')}` : `install precaches the ${initial.length} files index.html loads at start`));

  if (installError) return [...checks, check('sw.offline-start', false, 'sw.js install failed: a browser discards the worker, nothing starts offline')];
  sw.net.online = false;
  const start = new URL(app.startUrl ?? base, new URL(base, ORIGIN));
  start.hash = ''; // a fragment never reaches the network or the worker
  /** @type {string} */
  let offline;
  let ok = false;
  try {
    const res = await sw.dispatchFetch({ url: start.href, mode: 'navigate' });
    const body = res ? await res.text() : '';
    ok = Boolean(res && res.status === 200 && /<html[\s>]/i.test(body));
    offline = !res ? `with the network cut, a navigation to ${start.pathname} is not answered by sw.js`
      : ok ? `with the network cut, a navigation to ${start.pathname}${start.search} gets the start page${body === app.html ? ' (index.html)' : ''}`
        : `with the network cut, a navigation to ${start.pathname} gets HTTP ${res.status}, not a page`;
  } catch (e) {
    offline = `with the network cut, a navigation to ${start.pathname} fails: ${e instanceof Error ? e.message : String(e)}`;
  }
  checks.push(check('sw.offline-start', ok, offline));
  return checks;
}

/** Every check of a build. @param {BuildFiles} files @param {string} base @returns {Promise<Check[]>} */
export async function checkBuild(files, base) {
  const htmlBytes = files.read('index.html');
  if (!htmlBytes) return [check('html.exists', false, 'index.html is not in the build (run the terminal-app build: cd terminal-app && npx vite build)')];
  const html = htmlBytes.toString('utf8');
  const { checks, manifestPath } = checkIndexHtml(html, files, base);
  /** @type {Record<string, unknown> | null} */
  let manifest = null;
  if (manifestPath) {
    try {
      manifest = JSON.parse(files.read(manifestPath)?.toString('utf8') ?? 'null');
    } catch (e) {
      checks.push(check('manifest.json', false, `${manifestPath} is not JSON: ${e instanceof Error ? e.message : String(e)}`));
    }
  }
  if (manifest && typeof manifest === 'object') checks.push(...checkManifest(manifest, `${base}${manifestPath}`, files, base));
  else if (manifestPath) checks.push(check('manifest.json', false, `${manifestPath} holds no manifest object`));
  // the page must also register the worker: its start-up code names sw.js
  const initial = initialAssets(html).map((u) => distPath(u, `${base}index.html`, base)).filter((p) => p !== null);
  const registers = initial.some((p) => /\bsw\.js\b/.test(files.read(p)?.toString('utf8') ?? ''));
  checks.push(check('html.registers-sw', registers, registers ? 'the start-up code registers sw.js' : `none of ${initial.join(', ') || 'the files index.html loads'} registers sw.js`));
  const startUrl = manifest && typeof manifest.start_url === 'string' ? manifest.start_url : null;
  checks.push(...(await checkServiceWorker(files, base, { html, startUrl })));
  return checks;
}

async function main() {
  const argv = process.argv.slice(2);
  const opt = (/** @type {string} */ name, /** @type {string} */ fallback) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
  };
  const dist = path.resolve(opt('dist', path.join(ROOT, 'terminal-app', 'dist')));
  const base = opt('base', '/terminal/');
  const checks = await checkBuild(dirFiles(dist), base);
  const passed = checks.filter((c) => c.ok).length;
  if (argv.includes('--json')) {
    console.log(JSON.stringify({ dist, checks, passed, total: checks.length }));
  } else {
    for (const c of checks) console.log(`${c.ok ? '✓' : '✗'} ${c.message}`);
    console.log(`terminal-app installable: ${passed}/${checks.length} checks passed`);
  }
  process.exitCode = passed === checks.length ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
