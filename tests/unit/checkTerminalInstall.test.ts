import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

// `npm run check:terminal-install` on small fixture builds: a good one passes every check, and each way of breaking
// installability or the offline start fails the check that names it (and only the checks that depend on it).
const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'check-terminal-install.mjs');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

interface Check { id: string; ok: boolean; message: string }

/** The first 24 bytes of a PNG (signature + IHDR), which is all the check reads. */
function pngHeader(width: number, height: number): Buffer {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'ascii');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b[24] = 8;
  b[25] = 6;
  return b;
}

const MANIFEST = {
  name: '智能稽查移动作业终端', short_name: '稽查终端', start_url: '/terminal/#/tasks', scope: '/terminal/', display: 'standalone',
  theme_color: '#0b5394', background_color: '#0b5394',
  icons: [
    { src: '/terminal/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' }, // relative to the manifest, purpose defaults to any
    { src: '/terminal/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};
const INDEX = `<!doctype html><html lang="zh-CN"><head><meta name="theme-color" content="#0b5394">
<link rel="manifest" href="/terminal/manifest.webmanifest">
<script type="module" crossorigin src="/terminal/assets/app-1.js"></script>
<link rel="modulepreload" crossorigin href="/terminal/assets/vendor-1.js">
<link rel="stylesheet" crossorigin href="/terminal/assets/app-1.css"></head><body><div id="root"></div></body></html>`;
const PRECACHE = ['/terminal/index.html', '/terminal/assets/app-1.js', '/terminal/assets/vendor-1.js', '/terminal/assets/app-1.css'];
const SW_INSTALL = `self.addEventListener('install', (e) => e.waitUntil(caches.open('v1').then((c) => c.addAll(${JSON.stringify(PRECACHE)}))));`;
const SW_FETCH = `self.addEventListener('fetch', (e) => {
  if (e.request.mode === 'navigate') e.respondWith(fetch(e.request).catch(() => caches.match('/terminal/index.html')));
});`;

interface Fixture {
  manifest?: object | null;
  index?: string;
  sw?: string | null;
  files?: Record<string, Buffer | string | null>;
}

function fixture(f: Fixture = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jicha-terminal-install-'));
  dirs.push(dir);
  const files: Record<string, Buffer | string | null> = {
    'index.html': f.index ?? INDEX,
    'manifest.webmanifest': f.manifest === null ? null : JSON.stringify(f.manifest ?? MANIFEST),
    'sw.js': f.sw === undefined ? `${SW_INSTALL}\n${SW_FETCH}` : f.sw,
    'assets/app-1.js': 'navigator.serviceWorker.register("/terminal/sw.js")',
    'assets/vendor-1.js': 'export const v = 1',
    'assets/app-1.css': 'body{}',
    'icons/icon-192.png': pngHeader(192, 192),
    'icons/icon-512.png': pngHeader(512, 512),
    'icons/maskable-512.png': pngHeader(512, 512),
    ...f.files,
  };
  for (const [rel, content] of Object.entries(files)) {
    if (content === null) continue;
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

function run(dir: string): { status: number | null; checks: Check[]; byId: Record<string, Check>; failed: string[]; passed: number; total: number } {
  const r = spawnSync(process.execPath, [SCRIPT, '--dist', dir, '--json'], { encoding: 'utf8', timeout: 30_000 });
  if (!r.stdout) throw new Error(`no output: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { checks: Check[]; passed: number; total: number };
  return {
    status: r.status, checks: out.checks, passed: out.passed, total: out.total,
    byId: Object.fromEntries(out.checks.map((c) => [c.id, c])), failed: out.checks.filter((c) => !c.ok).map((c) => c.id),
  };
}

test('a complete build passes every check', () => {
  const r = run(fixture());
  expect(r.failed).toEqual([]);
  expect(r.status).toBe(0);
  expect(r.checks.map((c) => c.id)).toEqual([
    'html.manifest', 'html.theme-color', 'manifest.names', 'manifest.start_url', 'manifest.display', 'manifest.colours', 'manifest.icons.files',
    'manifest.icons.192', 'manifest.icons.512', 'manifest.icons.maskable', 'html.registers-sw', 'sw.exists', 'sw.fetch-handler', 'sw.precache-index',
    'sw.precache-initial', 'sw.offline-start',
  ]);
  expect(r.byId['sw.precache-initial']!.message).toContain('the 3 files index.html loads at start');
});

test('the human output ends with the N/N line, and a failure exits 1', () => {
  const good = spawnSync(process.execPath, [SCRIPT, '--dist', fixture()], { encoding: 'utf8' });
  expect(good.stdout.trim().split('\n').pop()).toBe('terminal-app installable: 16/16 checks passed');
  const bad = spawnSync(process.execPath, [SCRIPT, '--dist', fixture({ manifest: { ...MANIFEST, display: 'browser' } })], { encoding: 'utf8' });
  expect(bad.stdout).toContain('✗ display is browser, not standalone or fullscreen');
  expect(bad.stdout.trim().split('\n').pop()).toBe('terminal-app installable: 15/16 checks passed');
  expect(bad.status).toBe(1);
});

describe('the manifest', () => {
  test('names, start_url outside the scope, display', () => {
    const r = run(fixture({ manifest: { ...MANIFEST, short_name: ' ', start_url: '/admin/#/cases', display: 'minimal-ui' } }));
    expect(r.failed).toEqual(['manifest.names', 'manifest.start_url', 'manifest.display']);
    expect(r.byId['manifest.names']!.message).toBe('manifest lacks short_name');
    expect(r.byId['manifest.start_url']!.message).toBe('start_url /admin/#/cases is outside scope /terminal/');
    expect(r.status).toBe(1);
  });

  test('an icon whose PNG is not the declared size, or missing, fails the icon checks that needed it', () => {
    const r = run(fixture({ files: { 'icons/icon-512.png': pngHeader(256, 256) } }));
    expect(r.failed).toEqual(['manifest.icons.files', 'manifest.icons.512']);
    expect(r.byId['manifest.icons.files']!.message).toContain('icons/icon-512.png (PNG is 256x256, declared 512x512)');
    const gone = run(fixture({ files: { 'icons/icon-192.png': null } }));
    expect(gone.failed).toEqual(['manifest.icons.files']); // the 512 one is also "at least 192"
    const only512 = run(fixture({ manifest: { ...MANIFEST, icons: [MANIFEST.icons[1], MANIFEST.icons[2]] }, files: { 'icons/icon-512.png': pngHeader(180, 180) } }));
    expect(only512.failed).toEqual(['manifest.icons.files', 'manifest.icons.192', 'manifest.icons.512']);
    expect(gone.byId['manifest.icons.files']!.message).toContain('/terminal/icons/icon-192.png (no such file)');
  });

  test('a maskable icon is required; a maskable-only 512 does not count as the ≥512 icon', () => {
    const icons = [MANIFEST.icons[0], { ...MANIFEST.icons[2], purpose: 'any' }];
    expect(run(fixture({ manifest: { ...MANIFEST, icons } })).failed).toEqual(['manifest.icons.maskable']);
    const onlyMaskable512 = [MANIFEST.icons[0], MANIFEST.icons[2]];
    expect(run(fixture({ manifest: { ...MANIFEST, icons: onlyMaskable512 } })).failed).toEqual(['manifest.icons.512']);
  });

  test('index.html without a manifest link or a theme colour', () => {
    const r = run(fixture({ index: INDEX.replace(/<meta name="theme-color"[^>]*>/, '').replace(/<link rel="manifest"[^>]*>/, '') }));
    expect(r.failed).toEqual(['html.manifest', 'html.theme-color']);
    expect(r.byId['html.manifest']!.message).toBe('index.html has no <link rel="manifest">');
  });
});

describe('the service worker', () => {
  test('without a fetch handler nothing is served offline', () => {
    const r = run(fixture({ sw: SW_INSTALL }));
    expect(r.failed).toEqual(['sw.fetch-handler', 'sw.offline-start']);
    expect(r.byId['sw.offline-start']!.message).toBe('with the network cut, a navigation to /terminal/ is not answered by sw.js');
  });

  test('a file index.html loads at start that is not precached', () => {
    const sw = `${SW_INSTALL.replace(',"/terminal/assets/app-1.css"', '')}\n${SW_FETCH}`;
    const r = run(fixture({ sw }));
    expect(r.failed).toEqual(['sw.precache-initial']);
    expect(r.byId['sw.precache-initial']!.message).toBe('install does not precache /terminal/assets/app-1.css');
  });

  test('navigations that go to the network only, and a worker whose install fails', () => {
    const networkOnly = `${SW_INSTALL}\nself.addEventListener('fetch', (e) => { if (e.request.mode === 'navigate') e.respondWith(fetch(e.request)); });`;
    const r = run(fixture({ sw: networkOnly }));
    expect(r.failed).toEqual(['sw.offline-start']);
    expect(r.byId['sw.offline-start']!.message).toMatch(/fails: Failed to fetch/);
    const brokenInstall = SW_INSTALL.replace('/terminal/assets/app-1.js', '/terminal/assets/gone-9.js');
    const b = run(fixture({ sw: `${brokenInstall}\n${SW_FETCH}` }));
    expect(b.failed).toEqual(['sw.precache-index', 'sw.precache-initial', 'sw.offline-start']);
    expect(b.byId['sw.precache-index']!.message).toMatch(/install failed: cache\.add: HTTP 404/);
  });

  test('no sw.js at all, and one that throws on start', () => {
    const none = run(fixture({ sw: null }));
    expect(none.failed).toEqual(['sw.exists', 'sw.fetch-handler', 'sw.precache-index', 'sw.precache-initial', 'sw.offline-start']);
    const throws = run(fixture({ sw: 'importScripts("workbox.js")' }));
    expect(throws.byId['sw.fetch-handler']!.message).toContain('sw.js fails to run: importScripts is not supported');
  });

  test('a page that never registers the worker', () => {
    const r = run(fixture({ files: { 'assets/app-1.js': 'console.log("no worker")' } }));
    expect(r.failed).toEqual(['html.registers-sw']);
  });
});

test('the committed terminal icons are what scripts/make-terminal-icons.mjs draws', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'make-terminal-icons.mjs'), '--check'], { encoding: 'utf8', timeout: 60_000 });
  expect(`${r.stdout}${r.stderr}`).toContain('terminal icons match their drawing');
  expect(r.status).toBe(0);
}, 60_000);
