// DPoP proofs (RFC 9449) for the jicha API, with WebCrypto only, so the same code runs in Node (the terminal
// simulator, tests, benchmarks) and in a browser (the terminal app may use it, its key non-extractable).
//
// The wire contract (mobile-api/README.md, "Device-bound tokens"): every terminal request carries
//   DPoP: <compact JWS>   header {typ: "dpop+jwt", alg: "ES256", jwk: <the device's P-256 public key>}
//                         payload {jti: <new random>, htm: <method>, htu: <origin + path, no query>, iat: <seconds>,
//                                  ath: base64url(SHA-256(access token))}
// and `Authorization: DPoP <token>` when the token is DPoP-bound (Keycloak's token_type "DPoP"), else `Bearer`.
import type { Middleware } from 'openapi-fetch';

/** The members of an EC P-256 public key that identify it (RFC 7638's required members). */
export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

/** WebCrypto's key type, named the same way under Node's types and the DOM's. */
export type SigningKey = Parameters<typeof crypto.subtle.sign>[1];
export interface SigningKeyPair {
  publicKey: SigningKey;
  privateKey: SigningKey;
}

/** A device key: the private key signs (it may be non-extractable), the public JWK goes into every proof's header. */
export interface DpopKey {
  privateKey: SigningKey;
  publicJwk: PublicJwk;
}

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
const utf8 = (s: string) => new TextEncoder().encode(s);
const sha256 = async (s: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(s)));

/** The public half of a WebCrypto ECDSA P-256 key pair, as a DpopKey. */
export async function dpopKeyOf(pair: SigningKeyPair): Promise<DpopKey> {
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) throw new Error('a DPoP key must be ECDSA P-256');
  return { privateKey: pair.privateKey, publicJwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y } };
}

/** A new ECDSA P-256 key pair; `extractable` only for keys kept on disk (the simulator's), never in the browser. */
export async function newDpopKey(extractable = false): Promise<{ key: DpopKey; pair: SigningKeyPair }> {
  const pair = await crypto.subtle.generateKey(ECDSA, extractable, ['sign', 'verify']);
  return { key: await dpopKeyOf(pair), pair };
}

/** RFC 7638 thumbprint of the key (what the API stores as the device's key and Keycloak puts in `cnf.jkt`). */
export async function jwkThumbprint(jwk: PublicJwk): Promise<string> {
  return base64url(await sha256(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y })));
}

/** `htu`: the request URL without query and fragment. */
export function htuOf(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

export interface ProofInput {
  method: string;
  url: string;
  /** The access token the request carries (its hash becomes `ath`); absent for a token request to Keycloak. */
  accessToken?: string;
  /** Seconds since the epoch; default now (a device whose clock is off can pass the server's Date-derived time). */
  iat?: number;
  jti?: string;
}

/** One proof, for one request: a new `jti` each time, so a retry needs a new proof. */
export async function signDpopProof(key: DpopKey, p: ProofInput): Promise<string> {
  const header = { typ: 'dpop+jwt', alg: 'ES256', jwk: key.publicJwk };
  const payload: Record<string, unknown> = {
    jti: p.jti ?? crypto.randomUUID(),
    htm: p.method.toUpperCase(),
    htu: htuOf(p.url),
    iat: p.iat ?? Math.floor(Date.now() / 1000),
  };
  if (p.accessToken) payload.ath = base64url(await sha256(p.accessToken));
  const input = `${base64url(utf8(JSON.stringify(header)))}.${base64url(utf8(JSON.stringify(payload)))}`;
  // WebCrypto's ECDSA signature is r‖s (IEEE P1363), which is what JWS ES256 wants.
  const signature = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key.privateKey, utf8(input)));
  return `${input}.${base64url(signature)}`;
}

/**
 * Signs `request` in place: a new DPoP proof for its method and URL, bound to the access token of its Authorization
 * header, whose scheme becomes `DPoP` when `boundToken` (a token Keycloak issued against this key). Call it again
 * for every attempt: the server refuses a proof it has seen.
 */
export async function addDpopProof(request: Request, key: DpopKey, o: { boundToken?: boolean; iat?: () => number } = {}): Promise<void> {
  const m = /^(?:Bearer|DPoP)\s+(\S+)$/i.exec(request.headers.get('Authorization') ?? '');
  const accessToken = m?.[1];
  if (accessToken && o.boundToken) request.headers.set('Authorization', `DPoP ${accessToken}`);
  request.headers.set('DPoP', await signDpopProof(key, { method: request.method, url: request.url, accessToken, iat: o.iat?.() }));
}

/**
 * openapi-fetch middleware: every request of the client gets a proof of `key`. Register it after the client's own
 * (createApiClient sets Authorization first). A retry below the middleware (a custom `fetch`) must call
 * addDpopProof again on its copy of the request.
 */
export function dpopMiddleware(key: DpopKey, o: { boundToken?: boolean; iat?: () => number } = {}): Middleware {
  return {
    async onRequest({ request }) {
      await addDpopProof(request, key, o);
      return request;
    },
  };
}
