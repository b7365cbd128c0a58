import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build, type Plugin, type ResolvedConfig } from 'vite';
import type { PrecacheEntry, SwBuild } from './manifest';

// Emits the service worker (sw/sw.ts, bundled on its own as one classic script) as `sw.js` at the root of the build,
// with this build's precache list: every file the build writes and every file of public/ (index.html, the hashed
// JS/CSS — the lazy MapLibre chunk included, see below — the manifest, the icons), minus source maps. The version
// is a hash of that list's contents and of the worker's source, so sw.js changes byte for byte exactly when something
// it serves changes: that is how the browser notices an update.
//
// What is precached, decided by size: everything index.html loads at start, whatever its size, and every other file
// up to `precacheLazyUpTo` (the map page, its SVG drawing — the offline map — icons, manifest). Larger lazy files,
// in practice MapLibre (~1.1 MB + its 0.5 MB worker, ~0.4 MB gzip), are cached on first use instead: they draw the
// basemap, whose tiles are not there offline anyway, and the map falls back to its SVG drawing when MapLibre cannot
// be loaded. A first start on a slow link thus downloads ~0.2 MB in the background rather than ~2 MB, and an app
// update does not cost the map again (the runtime cache keeps what the new build still names).

const sha256 = (data: string | Uint8Array): string => crypto.createHash('sha256').update(data).digest('hex');
const REV_DIGITS = 16;

function walk(dir: string, prefix = ''): [string, Buffer][] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(path.join(dir, d.name), `${prefix}${d.name}/`) : [[`${prefix}${d.name}`, fs.readFileSync(path.join(dir, d.name))] as [string, Buffer]]);
}

export interface ServiceWorkerPluginOptions {
  /** The worker's entry, relative to the Vite root (default sw/sw.ts). */
  entry?: string;
  /** Written at the root of the build (default sw.js); the page registers `${base}${fileName}`. */
  fileName?: string;
  /** Files not loaded at start are precached up to this size (bytes, default 256 000); larger ones on first use. */
  precacheLazyUpTo?: number;
}

/** The files index.html loads at start (entry script, modulepreloads, stylesheets), relative to base. */
export function initialFiles(html: string, base: string): Set<string> {
  const urls = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"[^>]*>/gi)]
    .filter((m) => /^<script/i.test(m[0]) || /\brel="[^"]*\b(?:modulepreload|stylesheet)\b[^"]*"/i.test(m[0]))
    .map((m) => m[1]!);
  return new Set(urls.filter((u) => u.startsWith(base)).map((u) => u.slice(base.length)));
}

/**
 * A build's files (path → content) split into the precache list, sorted, each with its content hash, and the files
 * left to first use. Source maps are neither.
 */
export function precacheEntries(files: Map<string, string | Uint8Array>, o: { assetsDir: string; initial: Set<string>; lazyUpTo: number }): { precache: PrecacheEntry[]; runtime: string[] } {
  const sorted = [...files].filter(([name]) => !name.endsWith('.map')).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const size = (c: string | Uint8Array) => (typeof c === 'string' ? Buffer.byteLength(c) : c.byteLength);
  const onFirstUse = ([name, content]: [string, string | Uint8Array]) => !o.initial.has(name) && name.startsWith(`${o.assetsDir}/`) && size(content) > o.lazyUpTo;
  return {
    precache: sorted.filter((f) => !onFirstUse(f)).map(([url, content]) => ({ url, rev: sha256(content).slice(0, REV_DIGITS), immutable: url.startsWith(`${o.assetsDir}/`) })),
    runtime: sorted.filter(onFirstUse).map(([url]) => url),
  };
}

export function serviceWorkerPlugin(options: ServiceWorkerPluginOptions = {}): Plugin {
  const entry = options.entry ?? 'sw/sw.ts';
  const fileName = options.fileName ?? 'sw.js';
  const lazyUpTo = options.precacheLazyUpTo ?? 256_000;
  let config: ResolvedConfig;
  return {
    name: 'jicha-terminal-service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(c) {
      config = c;
    },
    generateBundle: {
      // after Vite's own plugins have emitted index.html
      order: 'post',
      async handler(_output, bundle) {
        const files = new Map<string, string | Uint8Array>();
        if (config.publicDir) for (const [name, content] of walk(config.publicDir)) files.set(name, content);
        for (const [name, item] of Object.entries(bundle)) files.set(name, item.type === 'chunk' ? item.code : item.source);
        files.delete(fileName);
        const html = files.get('index.html');
        if (html === undefined) this.error('service worker: index.html is not in the build, nothing to start offline');
        const initial = initialFiles(typeof html === 'string' ? html : Buffer.from(html).toString('utf8'), config.base);
        const { precache, runtime } = precacheEntries(files, { assetsDir: config.build.assetsDir, initial, lazyUpTo });
        const swDir = path.dirname(path.resolve(config.root, entry));
        const source = walk(swDir).filter(([n]) => n.endsWith('.ts') && !n.includes('.test.') && !n.startsWith('testing/')).map(([n, c]) => `${n}\n${sha256(c)}`).join('\n');
        const version = sha256(JSON.stringify({ precache, runtime }) + source).slice(0, 12);
        const swBuild: SwBuild = { version, base: config.base, precache, runtime };
        const out = await build({
          configFile: false,
          root: config.root,
          logLevel: 'warn',
          publicDir: false,
          define: { __JICHA_SW__: JSON.stringify(swBuild) },
          build: {
            write: false,
            minify: true,
            sourcemap: false,
            copyPublicDir: false,
            emptyOutDir: false,
            // one classic script: module service workers are not available everywhere inspectors' phones are
            lib: { entry: path.resolve(config.root, entry), formats: ['iife'], name: 'jichaServiceWorker', fileName: () => fileName },
          },
        });
        const outputs = (Array.isArray(out) ? out : [out]) as { output: { type: string; code?: string }[] }[];
        const code = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk')?.code;
        if (!code) this.error('service worker: the worker bundle is empty');
        this.emitFile({ type: 'asset', fileName, source: `// jicha terminal service worker, build ${version}\n${code}` });
        const kB = (n: string) => `${(Buffer.byteLength(files.get(n) ?? '') / 1000).toFixed(0)} kB`;
        config.logger.info(`service worker: ${fileName}, build ${version}, ${precache.length} files precached` +
          (runtime.length ? `; cached on first use: ${runtime.map((n) => `${n} (${kB(n)})`).join(', ')}` : ''));
      },
    },
  };
}
