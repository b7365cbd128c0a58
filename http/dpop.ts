import crypto from 'node:crypto';
import { calculateJwkThumbprint, compactVerify, decodeProtectedHeader } from 'jose';
import type { Lang } from '../domain/text';

// DPoP proofs (RFC 9449 §4.3): a terminal signs every request with its device key, so that a token or a password
// taken from it is useless without the device. This module checks one proof against one request; route.ts decides
// when a proof is needed and mobile-api/terminalRoute.ts whose key it must be.

/** Why a proof was refused; each has a zh-CN/en text (the `detail` of 401 `dpop.invalid-proof`). */
export type DpopRefusal =
  | 'malformed' | 'typ' | 'alg' | 'jwk' | 'signature' | 'claims' | 'htm' | 'htu' | 'iat' | 'ath' | 'replayed' | 'token-key';

export class DpopRefused extends Error {
  constructor(readonly reason: DpopRefusal) {
    super(`DPoP proof refused: ${reason}`);
  }
}

const REASONS: Record<DpopRefusal, Record<Lang, string>> = {
  malformed: { 'zh-CN': '证明不是一个紧凑格式的 JWS', en: 'the proof is not one compact JWS' },
  typ: { 'zh-CN': '证明头的 typ 必须是 dpop+jwt', en: 'the proof header\'s typ must be dpop+jwt' },
  alg: { 'zh-CN': '证明只接受 ES256 签名', en: 'only ES256 proofs are accepted' },
  jwk: { 'zh-CN': '证明头的 jwk 必须是 P-256 公钥（不含私钥成员）', en: 'the proof header\'s jwk must be a P-256 public key (no private members)' },
  signature: { 'zh-CN': '证明签名无效', en: 'the proof\'s signature is invalid' },
  claims: { 'zh-CN': '证明缺少 jti、htm、htu 或 iat', en: 'the proof lacks jti, htm, htu or iat' },
  htm: { 'zh-CN': '证明的 htm 与请求方法不符', en: 'the proof\'s htm is not the request\'s method' },
  htu: { 'zh-CN': '证明的 htu 与请求地址不符', en: 'the proof\'s htu is not the request\'s URL' },
  iat: { 'zh-CN': '证明的签发时间（iat）与服务器时间相差过大，请校准终端时钟', en: 'the proof\'s iat is too far from the server\'s time; check the terminal\'s clock' },
  ath: { 'zh-CN': '证明的 ath 与访问令牌不符', en: 'the proof\'s ath does not match the access token' },
  replayed: { 'zh-CN': '该证明已使用过，每个请求须使用新的证明', en: 'the proof was used before; every request needs a new one' },
  'token-key': { 'zh-CN': '访问令牌绑定的是另一把密钥', en: 'the access token is bound to another key' },
};

export const dpopRefusalText = (reason: DpopRefusal, lang: Lang) => REASONS[reason][lang];

/** What a valid proof shows: the key that signed it (RFC 7638 thumbprint). */
export interface VerifiedProof {
  jkt: string;
  jti: string;
  iat: number;
}

export interface DpopOptions {
  /** PUBLIC_URL: the origin terminals use in `htu`. */
  publicUrl: string;
  /** Further origins the terminal app is served from (CORS_ORIGINS: its dev server, which proxies /mobile to us). */
  origins?: readonly string[];
  /** Outside production, also http(s)://localhost, 127.0.0.1 and [::1] on any port (tests, the simulator, dev). */
  loopback?: boolean;
  /** How far `iat` may be from the server's clock, seconds (DPOP_MAX_SKEW_S, default 300). */
  maxSkewS?: number;
  /** Proofs remembered for replay detection (per process); see ReplayCache. */
  replayCacheSize?: number;
  now?: () => number;
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const MAX_PROOF_LENGTH = 4096;
const B64URL_32 = /^[A-Za-z0-9_-]{43}$/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const KEY_CACHE_SIZE = 10_000;

/**
 * The `jti`s of the proofs this process accepted, until their `iat` leaves the accepted window (after that the iat
 * check refuses them anyway). Bounded: when full of live entries the oldest are forgotten first, so size it above
 * the proofs one process accepts in 2 × maxSkewS (the default, 200 000, is ~330 requests per second for 10 minutes;
 * roughly 150 bytes an entry).
 *
 * In-process only: with several API replicas, a proof replayed to another replica within the window is not noticed.
 * A multi-instance deployment needs a shared store for this (Redis SET NX with an expiry, or a Postgres table with a
 * unique (jkt, jti) and a sweep), or the server-issued nonces of RFC 9449 §8 — or sticky routing per device, which
 * narrows but does not close the gap.
 */
class ReplayCache {
  private readonly seen = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** False when the key was seen and has not expired; otherwise remembers it until `expiresAt` (ms). */
  add(key: string, expiresAt: number, now: number): boolean {
    const prev = this.seen.get(key);
    if (prev !== undefined && prev > now) return false;
    if (prev !== undefined) this.seen.delete(key);
    if (this.seen.size >= this.max) {
      // Full: drop every expired entry; if more than 90 % remain live, the oldest of them too, down to 90 % — so a
      // sweep (linear) happens at most once per tenth of the capacity.
      for (const [k, exp] of this.seen) if (exp <= now) this.seen.delete(k);
      const keep = Math.floor(this.max * 0.9);
      for (const k of this.seen.keys()) {
        if (this.seen.size <= keep) break;
        this.seen.delete(k);
      }
    }
    this.seen.set(key, expiresAt);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }
}

/** The request a proof is checked against. */
export interface ProofRequest {
  method: string;
  /** The path as received (req.originalUrl); its query is ignored. */
  url: string;
  /** The access token the request carries: the proof's `ath` must be its hash. */
  accessToken: string;
}

export type DpopVerifier = ReturnType<typeof createDpopVerifier>;

export function createDpopVerifier(o: DpopOptions) {
  const maxSkewS = o.maxSkewS ?? 300;
  const now = o.now ?? Date.now;
  const replay = new ReplayCache(o.replayCacheSize ?? 200_000);
  const publicUrl = new URL(o.publicUrl);
  // PUBLIC_URL may sit under a path (a reverse proxy at https://host/jicha/): the proof then names that path.
  const basePath = publicUrl.pathname.replace(/\/+$/, '');
  const origins = new Set([publicUrl.origin, ...(o.origins ?? []).map((x) => new URL(x).origin)]);

  /**
   * htu: the path is compared strictly (after the WHATWG URL parser's normalisation on both sides); the origin must
   * be one the terminal is configured to use. The request's own Host and X-Forwarded-* headers are not consulted:
   * they are the client's to choose and, behind a TLS-terminating proxy, do not say what the terminal saw — so the
   * origin is checked against configuration (PUBLIC_URL, CORS_ORIGINS) rather than echoed. Loopback origins are
   * accepted outside production only, for the test harness on a random port and the dev server.
   */
  function htuMatches(htu: string, requestUrl: string): boolean {
    let u: URL;
    try {
      u = new URL(htu);
    } catch {
      return false;
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return false;
    const originOk = origins.has(u.origin) || (o.loopback === true && LOOPBACK_HOSTS.has(u.hostname));
    if (!originOk) return false;
    const path = new URL(requestUrl, 'http://request.invalid').pathname;
    return u.pathname === path || (basePath !== '' && u.pathname === `${basePath}${path}`);
  }

  // A terminal signs every request with the same key: its import (which checks the point is on the curve) and its
  // thumbprint are remembered, a bounded number of keys, oldest forgotten first.
  const keys = new Map<string, Promise<{ key: crypto.KeyObject; jkt: string }>>();
  function keyOf(x: string, y: string): Promise<{ key: crypto.KeyObject; jkt: string }> {
    const id = `${x}.${y}`;
    const hit = keys.get(id);
    if (hit) return hit;
    const made = (async () => {
      const publicJwk = { kty: 'EC', crv: 'P-256', x, y };
      let key: crypto.KeyObject;
      try {
        key = crypto.createPublicKey({ key: publicJwk, format: 'jwk' }); // refuses a point off the curve
      } catch {
        throw new DpopRefused('jwk');
      }
      return { key, jkt: await calculateJwkThumbprint(publicJwk, 'sha256') };
    })();
    made.catch(() => keys.delete(id)); // a refused key is not remembered
    if (keys.size >= KEY_CACHE_SIZE) keys.delete(keys.keys().next().value as string);
    keys.set(id, made);
    return made;
  }

  async function verify(proof: string, r: ProofRequest): Promise<VerifiedProof> {
    if (proof.length > MAX_PROOF_LENGTH || !COMPACT_JWS.test(proof)) throw new DpopRefused('malformed');
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(proof);
    } catch {
      throw new DpopRefused('malformed');
    }
    if (header.typ !== 'dpop+jwt') throw new DpopRefused('typ');
    if (header.alg !== 'ES256') throw new DpopRefused('alg');
    const jwk = header.jwk as Record<string, unknown> | undefined;
    // only a public P-256 key: members of a private key (d, and RSA's p, q… which a P-256 key cannot have) refused
    if (!jwk || typeof jwk !== 'object' || jwk.kty !== 'EC' || jwk.crv !== 'P-256' || 'd' in jwk
      || typeof jwk.x !== 'string' || typeof jwk.y !== 'string' || !B64URL_32.test(jwk.x) || !B64URL_32.test(jwk.y)) {
      throw new DpopRefused('jwk');
    }
    const { key, jkt } = await keyOf(jwk.x, jwk.y);
    let payload: Record<string, unknown>;
    try {
      const r = await compactVerify(proof, key, { algorithms: ['ES256'] });
      payload = JSON.parse(new TextDecoder().decode(r.payload)) as Record<string, unknown>;
    } catch {
      throw new DpopRefused('signature');
    }
    if (typeof payload !== 'object' || payload === null) throw new DpopRefused('claims');
    const { jti, htm, htu, iat, ath } = payload;
    if (typeof jti !== 'string' || jti.length < 8 || jti.length > 256 || typeof htm !== 'string' || typeof htu !== 'string'
      || typeof iat !== 'number' || !Number.isFinite(iat)) {
      throw new DpopRefused('claims');
    }
    if (htm !== r.method.toUpperCase()) throw new DpopRefused('htm');
    if (!htuMatches(htu, r.url)) throw new DpopRefused('htu');
    const nowMs = now();
    if (Math.abs(nowMs / 1000 - iat) > maxSkewS) throw new DpopRefused('iat');
    const expected = crypto.createHash('sha256').update(r.accessToken).digest('base64url');
    if (typeof ath !== 'string' || ath.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(ath), Buffer.from(expected))) {
      throw new DpopRefused('ath');
    }
    // last, so that only proofs valid in every other way take a place in the cache
    if (!replay.add(`${jkt}.${jti}`, (iat + maxSkewS) * 1000, nowMs)) throw new DpopRefused('replayed');
    return { jkt, jti, iat };
  }

  return { verify, replayCacheSize: () => replay.size };
}
