import { describe, expect, it } from 'vitest';
import { route, userKeyOf, type RequestLike } from './routes';

const ORIGIN = 'http://localhost:3000';
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const bearer = (claims: object) => `Bearer ${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}.sig`;
const get = (path: string, o: Partial<RequestLike> & { auth?: string } = {}): RequestLike => ({
  url: `${ORIGIN}${path}`, method: o.method ?? 'GET', mode: o.mode ?? 'cors', headers: new Headers(o.auth ? { Authorization: o.auth } : {}),
});
const precached = new Set(['index.html', 'assets/index-A1.js', 'icons/icon-192.png']);
const kind = (r: RequestLike) => route(r, ORIGIN, { base: '/terminal/' }, precached).kind;

describe('userKeyOf', () => {
  it('reads the subject of a bearer token, else its username; null for anything else', () => {
    expect(userKeyOf(bearer({ sub: '5f0c-…', preferred_username: 'inspector' }))).toBe('5f0c-…');
    expect(userKeyOf(bearer({ preferred_username: '稽查员甲' }))).toBe('稽查员甲');
    // a token bound to the device key (DPoP) is the same user's
    expect(userKeyOf(bearer({ sub: 'u-9', cnf: { jkt: 'k' } }).replace(/^Bearer/, 'DPoP'))).toBe('u-9');
    expect(userKeyOf(bearer({ sub: '' }))).toBeNull();
    expect(userKeyOf(null)).toBeNull();
    expect(userKeyOf('Basic aW5zcGVjdG9yOng=')).toBeNull();
    expect(userKeyOf('Bearer not-a-jwt')).toBeNull();
    expect(userKeyOf('Bearer a.%%%.c')).toBeNull();
  });
});

describe('route', () => {
  const auth = bearer({ sub: 'u-1' });
  it('sends the listed API reads network-first, per user', () => {
    for (const p of ['/mobile/v1/tasks', '/mobile/v1/tasks?page=2&pageSize=20', '/mobile/v1/tasks/0b1c', '/mobile/v1/customers/4210000001?months=12',
      '/mobile/v1/announcements', '/mobile/v1/regulations', '/mobile/v1/regulations/r-1', '/mobile/v1/me']) {
      expect(route(get(p, { auth }), ORIGIN, { base: '/terminal/' }, precached)).toEqual({ kind: 'api', cache: { user: 'u-1' } });
    }
    expect(route(get('/mobile/v1/public-config'), ORIGIN, { base: '/terminal/' }, precached)).toEqual({ kind: 'api', cache: 'public' });
  });

  it('leaves everything else to the network', () => {
    for (const p of ['/mobile/v1/tasks/0b1c/evidence', '/mobile/v1/tasks/0b1c/track', '/mobile/v1/tasks/0b1c/navigation?fromLat=1&fromLon=2',
      '/mobile/v1/customers?q=王', '/mobile/v1/feedback', '/mobile/v1/admin/devices', '/api/cases', '/terminal/sw.js']) {
      expect(kind(get(p, { auth }))).toBe('pass');
    }
    expect(kind(get('/mobile/v1/tasks', { auth, method: 'POST' }))).toBe('pass');
    expect(kind(get('/mobile/v1/tasks', { auth, method: 'HEAD' }))).toBe('pass');
    expect(kind(get('/mobile/v1/tasks'))).toBe('pass'); // no token: nobody to keep it for
  });

  it('answers app navigations with the shell and serves the build\'s files', () => {
    expect(kind(get('/terminal/', { mode: 'navigate' }))).toBe('shell');
    expect(kind(get('/terminal/index.html?x=1', { mode: 'navigate' }))).toBe('shell');
    expect(kind(get('/terminal/icons/icon-192.png', { mode: 'navigate' }))).toBe('pass');
    expect(kind(get('/', { mode: 'navigate' }))).toBe('pass');
    expect(kind(get('/terminal/assets/index-A1.js'))).toBe('precached');
    expect(kind(get('/terminal/assets/index-A1.js?v=2'))).toBe('asset');
    expect(kind(get('/terminal/assets/other-B2.js'))).toBe('asset');
    expect(kind(get('/terminal/icons/other.png'))).toBe('pass');
  });
});
