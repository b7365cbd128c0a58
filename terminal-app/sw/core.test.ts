import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createServiceWorker, type WorkerDeps } from './core';
import type { SwBuild } from './manifest';
import { apiCacheName, OFFLINE_COPY_HEADER, precacheName, PUBLIC_CACHE, REV_HEADER, RUNTIME_CACHE } from './names';
import type { RequestLike } from './routes';
import { FakeCacheStorage } from './testing/fakeCaches';

const ORIGIN = 'https://jicha.example.cn';
const rev = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** A server with the files of one build; `offline` makes every fetch fail as a dead network does. */
function server(files: Record<string, string>) {
  const s = {
    files,
    offline: false,
    calls: [] as string[],
    api: new Map<string, () => Response | Promise<Response>>(),
    fetch: async (r: Request | RequestLike): Promise<Response> => {
      s.calls.push(r.url);
      if (s.offline) throw new TypeError('Failed to fetch');
      const path = new URL(r.url).pathname;
      const answer = s.api.get(path);
      if (answer) return answer();
      const rel = path.replace(/^\/terminal\//, '');
      return rel in s.files ? new Response(s.files[rel], { status: 200, headers: { 'Content-Type': 'text/plain' } }) : new Response('not found', { status: 404 });
    },
  };
  return s;
}

function buildOf(files: Record<string, string>, version = 'v1', runtime: string[] = []): SwBuild {
  return { version, base: '/terminal/', precache: Object.entries(files).map(([url, c]) => ({ url, rev: rev(c), immutable: url.startsWith('assets/') })), runtime };
}

const FILES = { 'index.html': '<!doctype html><title>终端</title>', 'assets/index-A1.js': 'console.log(1)', 'assets/MapPage-M1.js': 'map', 'manifest.webmanifest': '{}' };

function setup(o: { files?: Record<string, string>; version?: string; runtime?: string[]; caches?: FakeCacheStorage; deps?: Partial<WorkerDeps> } = {}) {
  const files = o.files ?? FILES;
  const srv = server({ ...files });
  const caches = o.caches ?? new FakeCacheStorage();
  const pending: Promise<unknown>[] = [];
  const sw = createServiceWorker({ caches: caches.asCacheStorage(), fetch: srv.fetch, origin: ORIGIN, build: buildOf(files, o.version, o.runtime), ...o.deps });
  const fetchEvent = (r: Request | RequestLike) => sw.handle(r, (p) => void pending.push(p));
  const settle = async () => {
    while (pending.length) await pending.shift();
  };
  return { sw, srv, caches, fetchEvent, settle };
}

const nav = (path: string): RequestLike => ({ url: `${ORIGIN}${path}`, method: 'GET', mode: 'navigate', headers: new Headers() });

function jwt(claims: Record<string, unknown>): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'RS256' })}.${b64(claims)}.c2ln`;
}
const apiGet = (path: string, user: string) => new Request(`${ORIGIN}${path}`, { headers: { Authorization: `Bearer ${jwt({ sub: user })}` } });

describe('install and activate', () => {
  it('precaches every file of the build under its URL, stamped with its content hash', async () => {
    const { sw, caches } = setup();
    await sw.install();
    const cache = await caches.open(precacheName('v1'));
    expect(cache.urls().sort()).toEqual(Object.keys(FILES).map((f) => `${ORIGIN}/terminal/${f}`).sort());
    const index = await cache.match(`${ORIGIN}/terminal/index.html`);
    expect(await index!.text()).toBe(FILES['index.html']);
    expect(index!.headers.get(REV_HEADER)).toBe(rev(FILES['index.html']));
  });

  it('fails the install when the server sends other content than the build names (half-deployed server) or a 404', async () => {
    const a = setup();
    a.srv.files['index.html'] = '<!doctype html><title>another build</title>';
    await expect(a.sw.install()).rejects.toThrow(/index\.html: the server sent content/);
    const b = setup();
    delete b.srv.files['assets/MapPage-M1.js'];
    await expect(b.sw.install()).rejects.toThrow(/MapPage-M1\.js: HTTP 404/);
  });

  it('an update downloads only what changed and copies the rest from the previous build', async () => {
    const caches = new FakeCacheStorage();
    await setup({ caches }).sw.install();
    const next = { ...FILES, 'index.html': '<!doctype html><title>v2</title>', 'assets/index-B2.js': 'console.log(2)' };
    delete (next as Record<string, string>)['assets/index-A1.js'];
    const v2 = setup({ files: next, version: 'v2', caches });
    await v2.sw.install();
    expect(v2.srv.calls.map((u) => u.replace(`${ORIGIN}/terminal/`, '')).sort()).toEqual(['assets/index-B2.js', 'index.html']);
    expect((await caches.open(precacheName('v2'))).urls()).toHaveLength(4);
  });

  it('activate drops the previous builds\' files but keeps the users\' API answers and the public config', async () => {
    const caches = new FakeCacheStorage();
    for (const n of [precacheName('old'), precacheName('v1'), apiCacheName('u1'), PUBLIC_CACHE, 'someone-elses-cache']) await caches.open(n);
    await setup({ caches }).sw.activate();
    expect((await caches.keys()).sort()).toEqual([precacheName('v1'), apiCacheName('u1'), PUBLIC_CACHE, 'someone-elses-cache'].sort());
  });

  it('activate keeps the large lazy files this build still names (MapLibre across app updates) and drops the others', async () => {
    const caches = new FakeCacheStorage();
    const runtime = await caches.open(RUNTIME_CACHE);
    for (const f of ['assets/GlMap-G1.js', 'assets/GlMap-G0.js']) await runtime.put(`${ORIGIN}/terminal/${f}`, new Response(f));
    await setup({ caches, runtime: ['assets/GlMap-G1.js'] }).sw.activate();
    expect(runtime.urls()).toEqual([`${ORIGIN}/terminal/assets/GlMap-G1.js`]);
  });
});

describe('the app starts offline', () => {
  it('answers every navigation inside the app with the precached index.html, without the network', async () => {
    const { sw, srv, fetchEvent } = setup();
    await sw.install();
    srv.offline = true;
    for (const path of ['/terminal/', '/terminal/index.html', '/terminal/?state=abc&code=xyz', '/terminal/tasks']) {
      const res = await fetchEvent(nav(path));
      expect(await res!.text()).toBe(FILES['index.html']);
    }
  });

  it('serves the build\'s files from the precache; leaves other navigations and files alone', async () => {
    const { sw, srv, fetchEvent } = setup();
    await sw.install();
    srv.offline = true;
    expect(await (await fetchEvent(new Request(`${ORIGIN}/terminal/assets/index-A1.js`)))!.text()).toBe('console.log(1)');
    expect(fetchEvent(nav('/terminal/manifest.webmanifest'))).toBeNull(); // a file opened directly: the browser's
    expect(fetchEvent(nav('/admin/'))).toBeNull();
    expect(fetchEvent(new Request(`${ORIGIN}/terminal/unknown.txt`))).toBeNull();
  });

  it('caches a hashed file that is not precached on first use', async () => {
    const { srv, fetchEvent, settle } = setup({ runtime: ['assets/late-L1.js'] });
    srv.files['assets/late-L1.js'] = 'late';
    expect(await (await fetchEvent(new Request(`${ORIGIN}/terminal/assets/late-L1.js`)))!.text()).toBe('late');
    await settle();
    srv.offline = true;
    expect(await (await fetchEvent(new Request(`${ORIGIN}/terminal/assets/late-L1.js`)))!.text()).toBe('late');
  });
});

describe('API reads: network first, the last good answer when offline, per user', () => {
  const tasks = (who: string) => () => new Response(JSON.stringify({ items: [{ id: `case-of-${who}` }] }), { status: 200, headers: { 'Content-Type': 'application/json' } });

  it('my tasks and a task page open offline with the answer last seen online, marked as a copy', async () => {
    const { srv, fetchEvent, settle } = setup();
    srv.api.set('/mobile/v1/tasks', tasks('inspector'));
    srv.api.set('/mobile/v1/tasks/c-1', () => Response.json({ id: 'c-1' }));
    const online = await fetchEvent(apiGet('/mobile/v1/tasks?page=1', 'inspector'));
    expect(online!.headers.get(OFFLINE_COPY_HEADER)).toBeNull();
    await fetchEvent(apiGet('/mobile/v1/tasks/c-1', 'inspector'));
    await settle();
    srv.offline = true;
    const offline = await fetchEvent(apiGet('/mobile/v1/tasks?page=1', 'inspector'));
    expect(await offline!.json()).toEqual({ items: [{ id: 'case-of-inspector' }] });
    expect(offline!.headers.get(OFFLINE_COPY_HEADER)).toBe('1');
    expect(await (await fetchEvent(apiGet('/mobile/v1/tasks/c-1', 'inspector')))!.json()).toEqual({ id: 'c-1' });
    // another query string is another answer: not served in its place
    await expect(fetchEvent(apiGet('/mobile/v1/tasks?page=2', 'inspector'))).rejects.toThrow('Failed to fetch');
  });

  it('never shows one user\'s answers to another on the same device', async () => {
    const { srv, fetchEvent, settle } = setup();
    srv.api.set('/mobile/v1/tasks', tasks('inspector'));
    await fetchEvent(apiGet('/mobile/v1/tasks', 'inspector'));
    await settle();
    srv.offline = true;
    await expect(fetchEvent(apiGet('/mobile/v1/tasks', 'inspector2'))).rejects.toThrow('Failed to fetch');
  });

  it('keeps only 200 answers; a refusal passes through and the fallback is used only for a dead network or gateway', async () => {
    const { srv, fetchEvent, settle } = setup();
    srv.api.set('/mobile/v1/tasks', () => new Response('{"status":401}', { status: 401 }));
    expect((await fetchEvent(apiGet('/mobile/v1/tasks', 'u')))!.status).toBe(401);
    await settle();
    srv.offline = true;
    await expect(fetchEvent(apiGet('/mobile/v1/tasks', 'u'))).rejects.toThrow();
    srv.offline = false;
    srv.api.set('/mobile/v1/tasks', tasks('u'));
    await fetchEvent(apiGet('/mobile/v1/tasks', 'u'));
    await settle();
    srv.api.set('/mobile/v1/tasks', () => new Response('bad gateway', { status: 502 }));
    expect(await (await fetchEvent(apiGet('/mobile/v1/tasks', 'u')))!.json()).toEqual({ items: [{ id: 'case-of-u' }] });
    srv.api.set('/mobile/v1/tasks', () => new Response('{"code":"case.notVisible"}', { status: 403 }));
    expect((await fetchEvent(apiGet('/mobile/v1/tasks', 'u')))!.status).toBe(403);
  });

  it('answers from the cache when the network is too slow, and lets the late answer refresh it', async () => {
    const { srv, fetchEvent, settle } = setup({ deps: { apiFallbackAfterMs: 30 } });
    srv.api.set('/mobile/v1/tasks', tasks('first'));
    await fetchEvent(apiGet('/mobile/v1/tasks', 'u'));
    await settle();
    srv.api.set('/mobile/v1/tasks', () => new Promise((r) => setTimeout(() => r(tasks('second')()), 150)));
    const t0 = Date.now();
    const res = await fetchEvent(apiGet('/mobile/v1/tasks', 'u'));
    expect(Date.now() - t0).toBeLessThan(140);
    expect(await res!.json()).toEqual({ items: [{ id: 'case-of-first' }] });
    await settle();
    srv.offline = true;
    expect(await (await fetchEvent(apiGet('/mobile/v1/tasks', 'u')))!.json()).toEqual({ items: [{ id: 'case-of-second' }] });
  });

  it('never touches writes, evidence lists (presigned URLs), S3, other origins or reads without a token', () => {
    const { fetchEvent } = setup();
    const auth = { Authorization: `Bearer ${jwt({ sub: 'u' })}` };
    expect(fetchEvent(new Request(`${ORIGIN}/mobile/v1/tasks/c-1/accept`, { method: 'POST', headers: auth, body: '{}' }))).toBeNull();
    expect(fetchEvent(apiGet('/mobile/v1/tasks/c-1/evidence', 'u'))).toBeNull();
    expect(fetchEvent(apiGet('/mobile/v1/customers?q=4210', 'u'))).toBeNull();
    expect(fetchEvent(new Request('http://127.0.0.1:8333/jicha-evidence/evidence/c-1/x?X-Amz-Signature=ab', { headers: auth }))).toBeNull();
    expect(fetchEvent(new Request(`${ORIGIN}/s3/evidence/c-1/x?X-Amz-Credential=k&X-Amz-Signature=ab`))).toBeNull();
    expect(fetchEvent(new Request('http://localhost:8180/realms/jicha/protocol/openid-connect/token'))).toBeNull();
    expect(fetchEvent(new Request(`${ORIGIN}/mobile/v1/tasks`))).toBeNull();
  });

  it('keeps the public config in a shared cache that a logout does not clear', async () => {
    const { sw, srv, fetchEvent, settle } = setup();
    srv.api.set('/mobile/v1/public-config', () => Response.json({ keycloak: { realm: 'jicha' } }));
    await fetchEvent(new Request(`${ORIGIN}/mobile/v1/public-config`));
    await settle();
    await sw.message({ type: 'clear-user-cache' }, async () => undefined);
    srv.offline = true;
    expect(await (await fetchEvent(new Request(`${ORIGIN}/mobile/v1/public-config`)))!.json()).toEqual({ keycloak: { realm: 'jicha' } });
  });

  it('drops the oldest answers beyond the per-user limit', async () => {
    const { srv, caches, fetchEvent, settle } = setup({ deps: { apiCacheMaxEntries: 2 } });
    for (const id of ['c-1', 'c-2', 'c-3']) {
      srv.api.set(`/mobile/v1/tasks/${id}`, () => Response.json({ id }));
      await fetchEvent(apiGet(`/mobile/v1/tasks/${id}`, 'u'));
      await settle();
    }
    expect((await caches.open(apiCacheName('u'))).urls()).toEqual([`${ORIGIN}/mobile/v1/tasks/c-2`, `${ORIGIN}/mobile/v1/tasks/c-3`]);
  });
});

describe('messages', () => {
  it('clear-user-cache deletes every user\'s answers, and an answer still on the way is not written back', async () => {
    const { sw, srv, caches, fetchEvent, settle } = setup();
    srv.api.set('/mobile/v1/me', () => Response.json({ username: 'inspector' }));
    await fetchEvent(apiGet('/mobile/v1/me', 'inspector'));
    await settle();
    let release: () => void = () => undefined;
    srv.api.set('/mobile/v1/tasks', () => new Promise((r) => {
      release = () => r(Response.json({ items: [] }));
    }));
    const inFlight = fetchEvent(apiGet('/mobile/v1/tasks', 'inspector'));
    await new Promise((r) => setTimeout(r, 5));
    expect(await sw.message({ type: 'clear-user-cache' }, async () => undefined)).toEqual({ type: 'user-cache-cleared', deleted: 1 });
    release();
    await inFlight;
    await settle();
    expect((await caches.keys()).filter((n) => n.includes('-api-'))).toEqual([]);
  });

  it('skip-waiting lets a waiting worker take over; unknown messages are ignored', async () => {
    const { sw } = setup();
    let skipped = 0;
    await sw.message({ type: 'skip-waiting' }, async () => void (skipped += 1));
    expect(skipped).toBe(1);
    expect(await sw.message({ type: 'something-else' }, async () => void (skipped += 1))).toBeUndefined();
    expect(await sw.message(null, async () => void (skipped += 1))).toBeUndefined();
    expect(skipped).toBe(1);
  });
});
