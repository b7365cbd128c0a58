import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startHarness, type Harness } from '../support/harness';

// The terminal app at /terminal/ (server/terminalApp.ts): a build's files with the right caching, deep links to its
// page, its own CSP and Permissions-Policy, and the admin UI's catch-all kept off /terminal. A small stand-in build
// (the real one is built by npm start) so the test does not depend on `vite build` having run.
const TILES = { MAP_TILE_URL: 'https://t{s}.tiles.example.cn/vec/{z}/{x}/{y}.png?tk=k', MAP_TILE_SUBDOMAINS: '0,1', MAP_TILE_ATTRIBUTION: '© 示例' };
let h: Harness;
let root: string;
let saved: Record<string, string | undefined>;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'jicha-ui-'));
  const terminal = path.join(root, 'terminal');
  const admin = path.join(root, 'admin');
  fs.mkdirSync(path.join(terminal, 'assets'), { recursive: true });
  fs.mkdirSync(admin);
  fs.writeFileSync(path.join(terminal, 'index.html'), '<!doctype html><title>移动作业终端</title>');
  fs.writeFileSync(path.join(terminal, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  fs.writeFileSync(path.join(terminal, 'manifest.webmanifest'), '{"name":"智能稽查"}');
  fs.writeFileSync(path.join(terminal, 'assets', 'index-Ab12Cd34.js'), 'console.log(1)');
  fs.writeFileSync(path.join(terminal, 'assets', 'big-Zz99Yy88.js'), 'console.log("稽查");\n'.repeat(500));
  fs.writeFileSync(path.join(terminal, 'assets', 'big-Zz99Yy88.js.gz'), zlib.gzipSync(fs.readFileSync(path.join(terminal, 'assets', 'big-Zz99Yy88.js'))));
  fs.writeFileSync(path.join(admin, 'index.html'), '<!doctype html><title>admin</title>');
  saved = Object.fromEntries(Object.keys(TILES).map((k) => [k, process.env[k]]));
  Object.assign(process.env, TILES);
  h = await startHarness({ inProcessWorker: false, adminUiDir: admin, terminalAppDir: terminal });
}, 120_000);
afterAll(async () => {
  for (const [k, v] of Object.entries(saved ?? {})) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  await h?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

const get = (p: string, init?: RequestInit) => fetch(`${h.baseUrl}${p}`, { redirect: 'manual', ...init });

test('/terminal redirects to /terminal/, keeping the query', async () => {
  const r = await get('/terminal?lang=en');
  expect(r.status).toBe(301);
  expect(r.headers.get('location')).toBe('/terminal/?lang=en');
});

test('the page, the service worker and the manifest are revalidated; hashed assets are cached for good', async () => {
  const page = await get('/terminal/');
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('移动作业终端');
  expect(page.headers.get('cache-control')).toBe('no-cache');
  const sw = await get('/terminal/sw.js');
  expect(sw.status).toBe(200);
  expect(sw.headers.get('content-type')).toMatch(/javascript/);
  expect(sw.headers.get('cache-control')).toBe('no-cache');
  expect(sw.headers.get('service-worker-allowed')).toBe('/terminal/');
  const manifest = await get('/terminal/manifest.webmanifest');
  expect(manifest.status).toBe(200);
  expect(manifest.headers.get('cache-control')).toBe('no-cache');
  const asset = await get('/terminal/assets/index-Ab12Cd34.js');
  expect(asset.status).toBe(200);
  expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
});

test('any other GET under /terminal/ is the page; a missing asset is a 404 problem, never the page', async () => {
  const deep = await get('/terminal/tasks/abc');
  expect(deep.status).toBe(200);
  expect(await deep.text()).toContain('移动作业终端');
  const gone = await get('/terminal/assets/index-Old00000.js');
  expect(gone.status).toBe(404);
  expect(gone.headers.get('content-type')).toMatch(/^application\/problem\+json/);
});

test('the admin UI keeps its own paths and does not swallow /terminal', async () => {
  const admin = await get('/cases/123');
  expect(await admin.text()).toContain('<title>admin</title>');
  expect(await (await get('/terminal/me')).text()).toContain('移动作业终端');
  expect((await get('/terminalx')).status).toBe(200); // not the terminal's prefix: the admin UI's route
});

test('the terminal has its own CSP (blob: worker, Keycloak, S3, tiles) and may use camera, microphone and position', async () => {
  const r = await get('/terminal/');
  const csp = r.headers.get('content-security-policy') ?? '';
  const directive = (name: string) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? '';
  expect(directive('worker-src')).toBe("worker-src 'self' blob:");
  expect(directive('connect-src')).toContain(h.config.KEYCLOAK_URL);
  expect(directive('connect-src')).toContain(new URL(h.config.S3_ENDPOINT).origin);
  expect(directive('connect-src')).toContain('https://t0.tiles.example.cn');
  expect(directive('connect-src')).toContain('https://t1.tiles.example.cn');
  expect(directive('img-src')).toContain('blob:');
  expect(directive('img-src')).toContain('https://t1.tiles.example.cn');
  expect(directive('media-src')).toContain(new URL(h.config.S3_ENDPOINT).origin);
  expect(r.headers.get('permissions-policy')).toBe('camera=(self), microphone=(self), geolocation=(self)');
  // The back office keeps its narrower policy (no PUTs to S3: connect-src without it) and gets no device permissions.
  const office = await get('/api/public-config');
  const officeConnect = (office.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim()).find((d) => d.startsWith('connect-src ')) ?? '';
  expect(officeConnect).toContain('https://t1.tiles.example.cn');
  expect(officeConnect).not.toContain(new URL(h.config.S3_ENDPOINT).origin);
  expect(office.headers.get('permissions-policy')).toBeNull();
});

test('GET /mobile/v1/public-config: no token; Keycloak client jicha-terminal, the configured tiles, the geofence in force', async () => {
  const r = await fetch(`${h.baseUrl}/mobile/v1/public-config`);
  expect(r.status).toBe(200);
  const body = await r.json();
  const { rows } = await h.pool.query<{ policy: { evidence: { geofenceRadiusM: number } } }>('select policy from case_policies where effective_from <= now() order by effective_from desc, version desc limit 1');
  expect(body).toEqual({
    keycloak: { url: h.config.KEYCLOAK_URL, realm: h.config.KEYCLOAK_REALM, clientId: 'jicha-terminal' },
    map: {
      tiles: { kind: 'xyz', url: TILES.MAP_TILE_URL, subdomains: ['0', '1'], attribution: '© 示例' },
      geofenceM: rows[0]!.policy.evidence.geofenceRadiusM,
    },
    version: expect.any(String),
  });
});

test('a script built with a .gz beside it is sent gzipped to browsers that accept it, and plain to others', async () => {
  const plain = fs.readFileSync(path.join(root, 'terminal', 'assets', 'big-Zz99Yy88.js'), 'utf8');
  // undici's fetch decodes gzip itself: the body must come out equal to the plain file either way
  const gz = await get('/terminal/assets/big-Zz99Yy88.js', { headers: { 'Accept-Encoding': 'gzip' } });
  expect(gz.status).toBe(200);
  expect(gz.headers.get('content-encoding')).toBe('gzip');
  expect(gz.headers.get('content-type')).toMatch(/^text\/javascript/);
  expect(gz.headers.get('vary')).toMatch(/Accept-Encoding/i);
  expect(gz.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(Number(gz.headers.get('content-length'))).toBeLessThan(Buffer.byteLength(plain) / 4);
  expect(await gz.text()).toBe(plain);
  const identity = await get('/terminal/assets/big-Zz99Yy88.js', { headers: { 'Accept-Encoding': 'identity' } });
  expect(identity.headers.get('content-encoding')).toBeNull();
  expect(await identity.text()).toBe(plain);
  // a path that climbs out of assets/ is never read
  expect((await get('/terminal/assets/..%2F..%2Fpackage.json', { headers: { 'Accept-Encoding': 'gzip' } })).status).toBe(404);
});
