// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Keycloak from 'keycloak-js';
import { base64url, base64urlDecode, publicJwkOf, type ProofKey } from './dpop';
import { installTokenEndpointProofs, tokenEndpointOf } from './keycloakDpop';

// keycloak-js itself, driven to make its token request (a start on stored tokens refreshes them at once), against a
// stand-in fetch: the request reaching the network carries a DPoP proof for the token endpoint; others carry none.

// keycloak-js 26 uses Promise.withResolvers (browsers since 2024, Node since 22); the tests run on Node 20 too.
const P = Promise as unknown as { withResolvers?: () => unknown };
P.withResolvers ??= () => {
  let resolve!: (v: unknown) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

const KC = { url: 'http://kc.test:8180/', realm: 'jicha', clientId: 'jicha-terminal' };
const ENDPOINT = 'http://kc.test:8180/realms/jicha/protocol/openid-connect/token';

const enc = (v: unknown) => base64url(new TextEncoder().encode(JSON.stringify(v)));
const jwt = (claims: Record<string, unknown>) => `${enc({ alg: 'RS256', typ: 'JWT' })}.${enc(claims)}.c2ln`;
const now = () => Math.floor(Date.now() / 1000);
const tokens = (typ: string) => ({
  access_token: jwt({ sub: 'u1', preferred_username: 'inspector', typ, iat: now(), exp: now() + 300, ...(typ === 'DPoP' ? { cnf: { jkt: 'x' } } : {}) }),
  refresh_token: jwt({ sub: 'u1', typ: 'Offline', iat: now(), exp: now() + 86400 }),
  id_token: jwt({ sub: 'u1', iat: now(), exp: now() + 300, nonce: 'n' }),
  token_type: typ,
  expires_in: 300,
});

interface Seen { url: string; method: string; dpop: string | null; body: string }
let seen: Seen[] = [];
const realFetch = globalThis.fetch;
let uninstall: () => void = () => undefined;

async function key(): Promise<ProofKey & { publicKey: CryptoKey }> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  return { privateKey: pair.privateKey, publicKey: pair.publicKey, publicJwk: publicJwkOf(await crypto.subtle.exportKey('jwk', pair.publicKey))! };
}

beforeEach(() => {
  seen = [];
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers = new Headers(init?.headers);
    seen.push({ url, method: init?.method ?? 'GET', dpop: headers.get('DPoP'), body: String(init?.body ?? '') });
    if (url === ENDPOINT) return new Response(JSON.stringify(tokens(headers.get('DPoP') ? 'DPoP' : 'Bearer')), { status: 200, headers: { 'Content-Type': 'application/json' } });
    return new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
});
afterEach(() => {
  uninstall();
  globalThis.fetch = realFetch;
});

describe('DPoP on keycloak-js token requests', () => {
  it('the token endpoint is the one keycloak-js posts to', () => {
    expect(tokenEndpointOf(KC)).toBe(ENDPOINT);
    expect(tokenEndpointOf({ url: 'https://sso.example/auth', realm: 'grid co' })).toBe('https://sso.example/auth/realms/grid%20co/protocol/openid-connect/token');
  });

  it('keycloak-js\'s refresh carries a proof from the device key for POST <token endpoint>, and gets a DPoP token', async () => {
    const k = await key();
    uninstall = installTokenEndpointProofs(tokenEndpointOf(KC), { proofKey: async () => k });
    const kc = new Keycloak(KC);
    const old = tokens('Bearer');
    await kc.init({ token: old.access_token, refreshToken: old.refresh_token, checkLoginIframe: false, pkceMethod: 'S256', flow: 'standard' });

    const req = seen.find((s) => s.url === ENDPOINT);
    expect(req, 'keycloak-js made no token request').toBeDefined();
    expect(req!.method).toBe('POST');
    expect(req!.body).toContain('grant_type=refresh_token');
    const [h, p, s] = req!.dpop!.split('.') as [string, string, string];
    const header = JSON.parse(new TextDecoder().decode(base64urlDecode(h)));
    const payload = JSON.parse(new TextDecoder().decode(base64urlDecode(p)));
    expect(header).toEqual({ typ: 'dpop+jwt', alg: 'ES256', jwk: k.publicJwk });
    expect(payload).toMatchObject({ htm: 'POST', htu: ENDPOINT });
    expect(payload).not.toHaveProperty('ath');
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, k.publicKey, base64urlDecode(s), new TextEncoder().encode(`${h}.${p}`))).toBe(true);
    // what keycloak-js now holds is the bound token the (stand-in) server issued for the proof
    expect(kc.tokenParsed?.typ).toBe('DPoP');

    // a second refresh: a new proof (Keycloak refuses a jti twice)
    await kc.updateToken(-1);
    const proofs = seen.filter((x) => x.url === ENDPOINT).map((x) => x.dpop);
    expect(proofs).toHaveLength(2);
    expect(proofs[0]).not.toBe(proofs[1]);
  });

  it('other requests, and other methods on the endpoint, go untouched', async () => {
    const k = await key();
    uninstall = installTokenEndpointProofs(ENDPOINT, { proofKey: async () => k });
    await fetch('http://kc.test:8180/realms/jicha/protocol/openid-connect/userinfo', { method: 'POST' });
    await fetch(ENDPOINT, { method: 'GET' });
    await fetch('http://localhost:3000/mobile/v1/me');
    expect(seen.map((s) => s.dpop)).toEqual([null, null, null]);
  });

  it('without a device key (no WebCrypto) the request goes as it was: tokens stay bearer', async () => {
    uninstall = installTokenEndpointProofs(ENDPOINT, { proofKey: async () => null });
    await fetch(ENDPOINT, { method: 'POST', body: 'grant_type=refresh_token' });
    expect(seen[0]!.dpop).toBeNull();
  });

  it('installing twice wraps once; uninstalling restores fetch', async () => {
    const before = globalThis.fetch;
    const k = await key();
    installTokenEndpointProofs(ENDPOINT, { proofKey: async () => k });
    uninstall = installTokenEndpointProofs(ENDPOINT, { proofKey: async () => k });
    await fetch(ENDPOINT, { method: 'POST' });
    expect(seen).toHaveLength(1);
    uninstall();
    expect(globalThis.fetch).toBe(before);
  });
});
