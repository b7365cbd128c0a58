import { ensureDeviceIdentity } from '../device/identity';

// DPoP (RFC 9449): every request this terminal makes carries a proof, signed with the device's own key (the ECDSA
// P-256 pair made at first run and registered with the server; its private half cannot be read, only used), that this
// request — this method, this URL, this access token, now — comes from the holder of that key. A stolen password or
// token is then of no use from another device: the server checks the proof against the key it registered for the
// device, and Keycloak binds the tokens it issues to the same key (their `cnf.jkt`), so that they are sent as
// `Authorization: DPoP <token>` and refused without a proof from that key.
//
// A proof is made when a request is sent, never when it is queued: the outbox replays work hours later, and a proof
// is good for seconds (`iat`) and once (`jti`).

/** The public key as registered (POST /mobile/v1/devices) and as each proof's header names it: these members, exactly. */
export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

export interface ProofKey {
  privateKey: CryptoKey;
  publicJwk: PublicJwk;
}

/** The members that identify a P-256 public key (no `ext`, `key_ops`): what the server stores and compares. */
export function publicJwkOf(jwk: JsonWebKey | null | undefined): PublicJwk | null {
  if (!jwk || jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) return null;
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

// ---------------------------------------------------------------- encoding

export function base64url(bytes: ArrayBuffer | Uint8Array): string {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function base64urlDecode(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const jsonPart = (v: unknown) => base64url(utf8(JSON.stringify(v)));

/** `htu`: the request's absolute URL without its query and fragment (RFC 9449 §4.2). */
export function htuOf(url: string | URL): string {
  const u = new URL(String(url));
  u.search = '';
  u.hash = '';
  return u.href;
}

/** `ath`: base64url(SHA-256(the access token's ASCII bytes)). */
export async function accessTokenHash(token: string): Promise<string> {
  return base64url(await crypto.subtle.digest('SHA-256', utf8(token)));
}

/** The key's RFC 7638 thumbprint: what Keycloak writes into a bound token's `cnf.jkt`. */
export async function jwkThumbprint(jwk: PublicJwk): Promise<string> {
  // Required members only, in lexicographic order, no whitespace.
  const canonical = `{"crv":"${jwk.crv}","kty":"${jwk.kty}","x":"${jwk.x}","y":"${jwk.y}"}`;
  return base64url(await crypto.subtle.digest('SHA-256', utf8(canonical)));
}

// ---------------------------------------------------------------- the server's clock

/**
 * Servers accept a proof only if its `iat` is within seconds of their own clock (Keycloak: about ±15 s). A phone
 * whose clock is minutes off would have every token request and API call refused, so `iat` follows the server's
 * clock, learnt from the `Date` of the API's fresh answers. Only the proofs use it: the device time a check-in
 * reports stays the device's own (the server compares the two — a skewed clock is a presence finding, not an outage).
 */
export const serverClock = {
  /** Server time − device time, ms; 0 until an answer showed a difference worth correcting. */
  offsetMs: 0,
  /** A difference below this is the Date header's one-second resolution and the network's delay, not a wrong clock. */
  minSkewMs: 5_000,
  /** Learns the offset from an answer's `Date` header (not from a copy a cache kept: its date is old). */
  note(date: string | null | undefined, receivedAt: number = Date.now()): void {
    const server = date ? Date.parse(date) : NaN;
    if (!Number.isFinite(server)) return;
    // Date is truncated to the second: the server's clock was somewhere in [server, server + 1 s).
    const offset = server + 500 - receivedAt;
    this.offsetMs = Math.abs(offset) >= this.minSkewMs ? offset : 0;
  },
  now(): number {
    return Date.now() + this.offsetMs;
  },
};

// ---------------------------------------------------------------- proofs

export interface ProofInput {
  method: string;
  url: string | URL;
  /** The access token the request carries (its hash becomes `ath`); none for a token request. */
  accessToken?: string | null;
  /** A nonce the server asked for (DPoP-Nonce). */
  nonce?: string;
  /** Milliseconds since the epoch, as the server counts them (default serverClock.now()). */
  nowMs?: number;
}

/** A DPoP proof: a compact JWS (ES256) whose header carries the public key and whose payload names the request. */
export async function makeProof(key: ProofKey, p: ProofInput): Promise<string> {
  const header = { typ: 'dpop+jwt', alg: 'ES256', jwk: { kty: key.publicJwk.kty, crv: key.publicJwk.crv, x: key.publicJwk.x, y: key.publicJwk.y } };
  const payload = {
    jti: crypto.randomUUID(),
    htm: p.method.toUpperCase(),
    htu: htuOf(p.url),
    iat: Math.floor((p.nowMs ?? serverClock.now()) / 1000),
    ...(p.accessToken ? { ath: await accessTokenHash(p.accessToken) } : {}),
    ...(p.nonce ? { nonce: p.nonce } : {}),
  };
  const input = `${jsonPart(header)}.${jsonPart(payload)}`;
  // WebCrypto's ECDSA signature is r‖s (IEEE P1363, 64 bytes for P-256): exactly what JWS ES256 takes (RFC 7518 §3.4),
  // no DER to unwrap.
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key.privateKey, utf8(input));
  return `${input}.${base64url(signature)}`;
}

let deviceKey: Promise<ProofKey | null> | null = null;

/**
 * The device's key for proofs, read once from IndexedDB (a new identity reloads the app); null where the terminal has
 * none (no WebCrypto: a page served over plain http from another host than localhost).
 */
export function deviceProofKey(): Promise<ProofKey | null> {
  deviceKey ??= ensureDeviceIdentity().then((id) => {
    const publicJwk = publicJwkOf(id.publicKeyJwk);
    return id.privateKey && publicJwk ? { privateKey: id.privateKey, publicJwk } : null;
  });
  return deviceKey;
}

// ---------------------------------------------------------------- tokens

/** A JWT's claims without checking anything (the app only reads its own tokens, which the server checks). */
export function jwtClaims(token: string): Record<string, unknown> | null {
  try {
    const part = token.split('.')[1];
    if (!part) return null;
    const claims: unknown = JSON.parse(new TextDecoder().decode(base64urlDecode(part)));
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The thumbprint a DPoP-bound token is bound to (`cnf.jkt`); null for a bearer token. */
export function boundKeyOf(token: string): string | null {
  const c = jwtClaims(token);
  const jkt = (c?.cnf as { jkt?: unknown } | undefined)?.jkt;
  if (typeof jkt === 'string' && jkt) return jkt;
  return null;
}

/**
 * The Authorization header for a token: `DPoP` for a token bound to a key (Keycloak marks it with `cnf.jkt` and
 * `typ: DPoP`, and answers `token_type: DPoP`), `Bearer` otherwise (a token issued before the terminal had a key, or
 * on a browser without WebCrypto; the server takes those with a proof too, unless configured not to).
 */
export function authorizationFor(token: string): string {
  const c = jwtClaims(token);
  const bound = boundKeyOf(token) !== null || c?.typ === 'DPoP';
  return `${bound ? 'DPoP' : 'Bearer'} ${token}`;
}
