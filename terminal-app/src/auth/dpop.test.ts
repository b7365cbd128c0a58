import { afterEach, describe, expect, it } from 'vitest';
import { accessTokenHash, authorizationFor, base64url, base64urlDecode, boundKeyOf, htuOf, jwkThumbprint, makeProof, publicJwkOf, serverClock, type ProofKey } from './dpop';

const sha256url = async (text: string) => base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));

// The proofs as a server checks them (RFC 9449 §4.3): the header's key verifies the signature (WebCrypto, the JWS
// signing input as the bytes), the claims name the request, `htu` has no query, `ath` hashes the token.

async function deviceKey(): Promise<ProofKey & { publicKey: CryptoKey }> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const publicJwk = publicJwkOf(await crypto.subtle.exportKey('jwk', pair.publicKey))!;
  return { privateKey: pair.privateKey, publicJwk, publicKey: pair.publicKey };
}

const json = (part: string) => JSON.parse(new TextDecoder().decode(base64urlDecode(part))) as Record<string, unknown>;

/** What a server does: the key from the header, the signature over `header.payload`. */
async function verify(proof: string): Promise<{ header: Record<string, unknown>; payload: Record<string, unknown>; valid: boolean }> {
  const [h, p, s] = proof.split('.') as [string, string, string];
  const header = json(h);
  const key = await crypto.subtle.importKey('jwk', header.jwk as JsonWebKey, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  const valid = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, base64urlDecode(s), new TextEncoder().encode(`${h}.${p}`));
  return { header, payload: json(p), valid };
}

const jwt = (claims: Record<string, unknown>) => `${base64url(new TextEncoder().encode('{"alg":"RS256"}'))}.${base64url(new TextEncoder().encode(JSON.stringify(claims)))}.sig`;

afterEach(() => {
  serverClock.offsetMs = 0;
});

describe('DPoP proofs', () => {
  it('verify with the registered public key and name the request: method, URL without query, time, token hash', async () => {
    const key = await deviceKey();
    const token = jwt({ sub: 'inspector', cnf: { jkt: 'abc' } });
    const now = Date.UTC(2026, 2, 10, 2, 0, 0);
    const proof = await makeProof(key, { method: 'post', url: 'https://jicha.example/mobile/v1/sync?x=1#frag', accessToken: token, nowMs: now });
    const { header, payload, valid } = await verify(proof);
    expect(valid).toBe(true);
    expect(header).toEqual({ typ: 'dpop+jwt', alg: 'ES256', jwk: key.publicJwk });
    expect(Object.keys(header.jwk as object).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    expect(payload).toEqual({
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      htm: 'POST',
      htu: 'https://jicha.example/mobile/v1/sync',
      iat: now / 1000,
      ath: await sha256url(token),
    });
    // r‖s, 64 bytes, as JWS ES256 wants it (not DER)
    expect(base64urlDecode(proof.split('.')[2]!)).toHaveLength(64);
  });

  it('a signature of other bytes does not verify (the check above can fail)', async () => {
    const key = await deviceKey();
    const proof = await makeProof(key, { method: 'GET', url: 'https://jicha.example/mobile/v1/me' });
    const [h, , s] = proof.split('.');
    const forged = `${h}.${base64url(new TextEncoder().encode(JSON.stringify({ htm: 'POST', htu: 'https://jicha.example/mobile/v1/sync', iat: 1, jti: 'x' })))}.${s}`;
    expect((await verify(forged)).valid).toBe(false);
    // and another key's proof does not verify with this key
    const other = await deviceKey();
    const theirs = await makeProof(other, { method: 'GET', url: 'https://jicha.example/mobile/v1/me' });
    const [, p2, s2] = theirs.split('.');
    expect((await verify(`${h}.${p2}.${s2}`)).valid).toBe(false);
  });

  it('a new jti every time, and no ath without a token (token requests)', async () => {
    const key = await deviceKey();
    const a = (await verify(await makeProof(key, { method: 'POST', url: 'http://kc/realms/jicha/protocol/openid-connect/token' }))).payload;
    const b = (await verify(await makeProof(key, { method: 'POST', url: 'http://kc/realms/jicha/protocol/openid-connect/token' }))).payload;
    expect(a.jti).not.toBe(b.jti);
    expect(a).not.toHaveProperty('ath');
  });

  it('htu drops query and fragment only', () => {
    expect(htuOf('https://jicha.example:8443/mobile/v1/tasks/abc?range=[0,24]#x')).toBe('https://jicha.example:8443/mobile/v1/tasks/abc');
    expect(htuOf('http://localhost:3000/mobile/v1/me')).toBe('http://localhost:3000/mobile/v1/me');
  });

  it('ath is base64url(SHA-256(token))', async () => {
    expect(await accessTokenHash('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0'); // FIPS 180-2's "abc" vector
  });

  it('the thumbprint is RFC 7638: SHA-256 of the required members, sorted, without whitespace', async () => {
    const key = await deviceKey();
    const canonical = JSON.stringify({ crv: 'P-256', kty: 'EC', x: key.publicJwk.x, y: key.publicJwk.y });
    expect(await jwkThumbprint(key.publicJwk)).toBe(await sha256url(canonical));
  });
});

describe('the iat follows the server clock', () => {
  it('learns a skew from Date, ignores the header\'s resolution', () => {
    const local = Date.UTC(2026, 2, 10, 2, 0, 0);
    serverClock.note(new Date(local + 2_000).toUTCString(), local);
    expect(serverClock.offsetMs).toBe(0);
    serverClock.note(new Date(local + 120_000).toUTCString(), local);
    expect(serverClock.offsetMs).toBe(120_500);
    serverClock.note('not a date', local);
    expect(serverClock.offsetMs).toBe(120_500);
    serverClock.note(new Date(local).toUTCString(), local);
    expect(serverClock.offsetMs).toBe(0);
  });

  it('a proof made on a device 3 minutes slow carries the server\'s time', async () => {
    const key = await deviceKey();
    serverClock.note(new Date(Date.now() + 180_000).toUTCString());
    const { payload } = await verify(await makeProof(key, { method: 'GET', url: 'https://jicha.example/mobile/v1/me' }));
    expect(Math.abs((payload.iat as number) - (Date.now() + 180_000) / 1000)).toBeLessThan(3);
  });
});

describe('tokens', () => {
  it('a token bound to a key goes as DPoP, any other as Bearer', () => {
    const bound = jwt({ sub: 'u', typ: 'DPoP', cnf: { jkt: 'kkk' } });
    const bearer = jwt({ sub: 'u', typ: 'Bearer' });
    expect(authorizationFor(bound)).toBe(`DPoP ${bound}`);
    expect(authorizationFor(bearer)).toBe(`Bearer ${bearer}`);
    expect(authorizationFor('not-a-jwt')).toBe('Bearer not-a-jwt');
    expect(boundKeyOf(bound)).toBe('kkk');
    expect(boundKeyOf(bearer)).toBeNull();
  });
});
