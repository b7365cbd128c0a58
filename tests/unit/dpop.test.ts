import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { createDpopVerifier, DpopRefused, dpopRefusalText, type DpopRefusal, type ProofRequest } from '../../http/dpop';
import { TokenRejected, createTokenVerifier } from '../../http/tokenVerifier';
import { jwkThumbprint, newDpopKey, signDpopProof, type DpopKey } from '../../client/dpop';

// RFC 9449 §4.3's checks of a DPoP proof, one test per refusal, against proofs signed as the simulator and the
// terminal app sign them (client/dpop.ts) and proofs forged by hand.

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const athOf = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');

const T0 = 1_767_000_000_000; // a fixed "now" (ms)
const TOKEN = 'eyJ.access.token';
const URL_TASKS = 'http://localhost:3000/mobile/v1/tasks';
const REQ: ProofRequest = { method: 'GET', url: '/mobile/v1/tasks?pageSize=20', accessToken: TOKEN };

let key: DpopKey;
let nodeKey: crypto.KeyObject; // the same key's private half for hand-made proofs
beforeAll(async () => {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  nodeKey = privateKey;
  const jwk = publicKey.export({ format: 'jwk' }) as { x: string; y: string };
  key = {
    privateKey: await crypto.webcrypto.subtle.importKey('jwk', privateKey.export({ format: 'jwk' }), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']),
    publicJwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
  };
});

const verifier = (o: { now?: number; publicUrl?: string; origins?: string[]; loopback?: boolean; size?: number } = {}) =>
  createDpopVerifier({ publicUrl: o.publicUrl ?? 'http://localhost:3000', origins: o.origins, loopback: o.loopback ?? false, maxSkewS: 300, replayCacheSize: o.size, now: () => o.now ?? T0 });

const proof = (p: Partial<{ method: string; url: string; accessToken: string; iat: number; jti: string }> = {}) =>
  signDpopProof(key, { method: 'GET', url: URL_TASKS, accessToken: TOKEN, iat: T0 / 1000, ...p });

/** A proof assembled by hand: any header and payload, signed by `signWith` (default the test key). */
function forged(header: Record<string, unknown>, payload: Record<string, unknown>, signWith: crypto.KeyObject = nodeKey): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${crypto.sign('sha256', Buffer.from(input), { key: signWith, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
}
const goodHeader = () => ({ typ: 'dpop+jwt', alg: 'ES256', jwk: key.publicJwk });
const goodPayload = () => ({ jti: crypto.randomUUID(), htm: 'GET', htu: URL_TASKS, iat: T0 / 1000, ath: athOf(TOKEN) });

async function refusal(p: Promise<unknown>): Promise<DpopRefusal | 'accepted'> {
  try {
    await p;
    return 'accepted';
  } catch (e) {
    if (e instanceof DpopRefused) return e.reason;
    throw e;
  }
}

test('a proof signed by the client helper is accepted; it shows the key\'s RFC 7638 thumbprint', async () => {
  const v = verifier();
  const r = await v.verify(await proof(), REQ);
  expect(r.jkt).toBe(await jwkThumbprint(key.publicJwk));
  // RFC 7638's own example key and thumbprint (§3.1), through the client's computation
  expect(await jwkThumbprint({ kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' }))
    .toBe(crypto.createHash('sha256').update('{"crv":"P-256","kty":"EC","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}').digest('base64url'));
});

test('malformed: not one compact JWS', async () => {
  const v = verifier();
  for (const bad of ['', 'abc', 'a.b', 'a.b.c.d', `${await proof()}, ${await proof()}`, 'a'.repeat(5000) + '.b.c', 'ä.b.c']) {
    expect(await refusal(v.verify(bad, REQ))).toBe('malformed');
  }
  expect(await refusal(v.verify(`${b64('not json')}.${b64(goodPayload())}.AAAA`, REQ))).toBe('malformed');
});

test('typ must be dpop+jwt', async () => {
  for (const typ of [undefined, 'JWT', 'at+jwt', 'DPOP+JWT']) {
    expect(await refusal(verifier().verify(forged({ ...goodHeader(), typ }, goodPayload()), REQ))).toBe('typ');
  }
});

test('alg must be ES256 (none, HS256, ES384, RS256 refused)', async () => {
  for (const alg of ['none', 'HS256', 'ES384', 'RS256', 'es256']) {
    expect(await refusal(verifier().verify(forged({ ...goodHeader(), alg }, goodPayload()), REQ))).toBe('alg');
  }
});

test('jwk must be a public EC P-256 key: missing, private members, other curves, off-curve points refused', async () => {
  const priv = nodeKey.export({ format: 'jwk' }) as Record<string, string>;
  const other = crypto.generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'jwk' });
  const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
  const cases: unknown[] = [
    undefined,
    'a string',
    priv, // with d
    { ...key.publicJwk, d: priv.d },
    other,
    rsa,
    { ...key.publicJwk, crv: 'P-384' },
    { ...key.publicJwk, y: key.publicJwk.x }, // not on the curve
    { ...key.publicJwk, x: 'short' },
  ];
  for (const jwk of cases) expect(await refusal(verifier().verify(forged({ ...goodHeader(), jwk }, goodPayload()), REQ))).toBe('jwk');
});

test('signature: by another key than the header names, or bytes changed', async () => {
  const otherKey = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  expect(await refusal(verifier().verify(forged(goodHeader(), goodPayload(), otherKey), REQ))).toBe('signature');
  const p = await proof();
  const [h, , s] = p.split('.');
  expect(await refusal(verifier().verify(`${h}.${b64({ ...goodPayload(), htm: 'POST' })}.${s}`, REQ))).toBe('signature');
  // a DER-encoded signature (what node's default sign gives) is not JWS's r‖s
  const input = `${b64(goodHeader())}.${b64(goodPayload())}`;
  expect(await refusal(verifier().verify(`${input}.${crypto.sign('sha256', Buffer.from(input), nodeKey).toString('base64url')}`, REQ))).toBe('signature');
});

test('claims: jti, htm, htu and iat are required, of the right types', async () => {
  for (const drop of ['jti', 'htm', 'htu', 'iat'] as const) {
    const payload: Record<string, unknown> = goodPayload();
    delete payload[drop];
    expect(await refusal(verifier().verify(forged(goodHeader(), payload), REQ))).toBe('claims');
  }
  expect(await refusal(verifier().verify(forged(goodHeader(), { ...goodPayload(), iat: String(T0 / 1000) }), REQ))).toBe('claims');
  expect(await refusal(verifier().verify(forged(goodHeader(), { ...goodPayload(), jti: 'short' }), REQ))).toBe('claims');
  expect(await refusal(verifier().verify(forged(goodHeader(), [1, 2] as unknown as Record<string, unknown>), REQ))).toBe('claims');
});

test('htm must be the request\'s method', async () => {
  expect(await refusal(verifier().verify(await proof({ method: 'POST' }), REQ))).toBe('htm');
  expect(await refusal(verifier().verify(forged(goodHeader(), { ...goodPayload(), htm: 'get' }), REQ))).toBe('htm');
});

test('htu: the same path (query and fragment ignored), from an origin the terminal is configured to use', async () => {
  const v = verifier({ origins: ['http://localhost:5174'] });
  expect(await refusal(v.verify(await proof({ url: 'http://localhost:3000/mobile/v1/tasks?page=2#x' }), REQ))).toBe('accepted');
  expect(await refusal(v.verify(await proof({ url: 'http://localhost:5174/mobile/v1/tasks' }), REQ))).toBe('accepted'); // the dev server's proxy
  expect(await refusal(v.verify(await proof({ url: 'http://localhost:3000/mobile/v1/tasks/other' }), REQ))).toBe('htu');
  expect(await refusal(v.verify(await proof({ url: 'http://localhost:3000/mobile/v1/Tasks' }), REQ))).toBe('htu');
  expect(await refusal(v.verify(await proof({ url: 'https://evil.example/mobile/v1/tasks' }), REQ))).toBe('htu');
  expect(await refusal(v.verify(await proof({ url: 'http://127.0.0.1:3000/mobile/v1/tasks' }), REQ))).toBe('htu'); // loopback only outside production
  expect(await refusal(v.verify(forged(goodHeader(), { ...goodPayload(), htu: '/mobile/v1/tasks' }), REQ))).toBe('htu'); // not absolute
  expect(await refusal(v.verify(forged(goodHeader(), { ...goodPayload(), htu: 'ftp://localhost:3000/mobile/v1/tasks' }), REQ))).toBe('htu');
  // outside production: any loopback origin (the harness on a random port)
  expect(await refusal(verifier({ loopback: true }).verify(await proof({ url: 'http://127.0.0.1:41234/mobile/v1/tasks' }), REQ))).toBe('accepted');
  // PUBLIC_URL under a path: the proof names the public path
  const behindProxy = verifier({ publicUrl: 'https://jicha.example.org/audit/' });
  expect(await refusal(behindProxy.verify(await proof({ url: 'https://jicha.example.org/audit/mobile/v1/tasks' }), REQ))).toBe('accepted');
  expect(await refusal(behindProxy.verify(await proof({ url: 'https://jicha.example.org/mobile/v1/tasks' }), REQ))).toBe('accepted');
  expect(await refusal(behindProxy.verify(await proof({ url: 'https://jicha.example.org/other/mobile/v1/tasks' }), REQ))).toBe('htu');
});

test('iat: within ±300 s of the server\'s clock', async () => {
  const s = T0 / 1000;
  for (const iat of [s - 300, s + 300, s - 10]) expect(await refusal(verifier().verify(await proof({ iat }), REQ))).toBe('accepted');
  for (const iat of [s - 301, s + 301, 0]) expect(await refusal(verifier().verify(await proof({ iat }), REQ))).toBe('iat');
});

test('ath: required, and the hash of this request\'s access token', async () => {
  expect(await refusal(verifier().verify(await signDpopProof(key, { method: 'GET', url: URL_TASKS, iat: T0 / 1000 }), REQ))).toBe('ath');
  expect(await refusal(verifier().verify(await proof({ accessToken: 'another.access.token' }), REQ))).toBe('ath');
  expect(await refusal(verifier().verify(forged(goodHeader(), { ...goodPayload(), ath: 42 }), REQ))).toBe('ath');
});

test('replayed: a jti is accepted once per key within the window; after the window the iat check refuses it', async () => {
  let now = T0;
  const v = createDpopVerifier({ publicUrl: 'http://localhost:3000', maxSkewS: 300, now: () => now });
  const p = await proof({ jti: 'same-jti-0001' });
  expect(await refusal(v.verify(p, REQ))).toBe('accepted');
  expect(await refusal(v.verify(p, REQ))).toBe('replayed');
  // the same jti from another key is another proof
  const other = (await newDpopKey()).key;
  expect(await refusal(v.verify(await signDpopProof(other, { method: 'GET', url: URL_TASKS, accessToken: TOKEN, iat: T0 / 1000, jti: 'same-jti-0001' }), REQ))).toBe('accepted');
  now = T0 + 301_000;
  expect(await refusal(v.verify(p, REQ))).toBe('iat');
  // a refused proof takes no place in the cache: signed again, valid, it passes once
  const late = await proof({ jti: 'late-jti-0001', iat: now / 1000 + 400 });
  expect(await refusal(v.verify(late, REQ))).toBe('iat');
  expect(v.replayCacheSize()).toBe(2);
});

test('the replay cache stays within its bound, forgetting expired proofs first', async () => {
  let now = T0;
  const v = createDpopVerifier({ publicUrl: 'http://localhost:3000', maxSkewS: 300, replayCacheSize: 10, now: () => now });
  for (let i = 0; i < 10; i += 1) await v.verify(await proof({ jti: `early-${i}-xxxx` }), REQ);
  expect(v.replayCacheSize()).toBe(10);
  now = T0 + 200_000; // the early ones live until T0 + 300 s
  const fresh = await proof({ iat: now / 1000, jti: 'fresh-0-xxxx' });
  await v.verify(fresh, REQ);
  expect(v.replayCacheSize()).toBeLessThanOrEqual(10);
  expect(await refusal(v.verify(fresh, REQ))).toBe('replayed'); // the newest is never the one forgotten
  now = T0 + 301_000;
  await v.verify(await proof({ iat: now / 1000, jti: 'fresh-1-xxxx' }), REQ);
  expect(await refusal(v.verify(fresh, REQ))).toBe('replayed');
});

test('every refusal has a zh-CN and an English text', () => {
  const reasons: DpopRefusal[] = ['malformed', 'typ', 'alg', 'jwk', 'signature', 'claims', 'htm', 'htu', 'iat', 'ath', 'replayed', 'token-key'];
  for (const r of reasons) {
    expect(dpopRefusalText(r, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
    expect(dpopRefusalText(r, 'en')).toMatch(/^[\x20-\x7e]+$/);
  }
});

describe('the token verifier and DPoP-bound tokens', () => {
  let server: http.Server;
  let issuer: string;
  let sign: (claims: Record<string, unknown>) => Promise<string>;
  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/realms/t/.well-known/openid-configuration') return void res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/certs` }));
      if (req.url === '/realms/t/certs') return void res.end(JSON.stringify({ keys: [jwk] }));
      res.statusCode = 404;
      res.end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/t`;
    sign = (claims) => new SignJWT({ azp: 'jicha-terminal', aud: 'jicha-api', realm_access: { roles: ['inspector'] }, preferred_username: 'u1', org_unit: 'HB.XN.XA.WQ', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(issuer).setIssuedAt().setExpirationTime('5m').sign(privateKey);
  });
  afterAll(() => new Promise((r) => server.close(r)));

  test('typ DPoP with cnf.jkt (as Keycloak 26 issues it) carries the thumbprint; Bearer carries none', async () => {
    const verify = createTokenVerifier({ issuer, audience: 'jicha-api', clients: ['jicha-terminal'] });
    const jkt = await jwkThumbprint(key.publicJwk);
    expect((await verify(await sign({ typ: 'DPoP', cnf: { jkt, 'kc-jkt-type': 'DPoP' } }))).cnfJkt).toBe(jkt);
    expect((await verify(await sign({ typ: 'Bearer' }))).cnfJkt).toBeUndefined();
  });

  test('refused: typ DPoP without cnf.jkt, a cnf.jkt that is no thumbprint, an ID or refresh token', async () => {
    const verify = createTokenVerifier({ issuer, audience: 'jicha-api', clients: ['jicha-terminal'] });
    await expect(verify(await sign({ typ: 'DPoP' }))).rejects.toThrow('a DPoP token without cnf.jkt');
    await expect(verify(await sign({ typ: 'DPoP', cnf: { jkt: 'x' } }))).rejects.toThrow(TokenRejected);
    await expect(verify(await sign({ cnf: { jkt: 42 } }))).rejects.toThrow('cnf.jkt');
    await expect(verify(await sign({ typ: 'ID' }))).rejects.toThrow('only access tokens');
    await expect(verify(await sign({ typ: 'Refresh' }))).rejects.toThrow('only access tokens');
  });
});
