import { createRemoteJWKSet, jwtVerify, errors as joseErrors, type JWTPayload } from 'jose';
import { ORG_CODE, Role, type Principal } from '../domain/roles';

export interface VerifierOptions {
  issuer: string;
  audience: string;
  clients: string[];
  /** Tests move the clock to prove expiry is enforced on real tokens. */
  now?: () => Date;
  /**
   * Whether the token's session (`sid`) was signed out (Keycloak's back-channel logout; services/access/
   * sessionRevocations.ts). Asked on every request, cached or not, so a cached token stops working too.
   */
  revoked?: (sid: string) => Promise<boolean>;
}

export class TokenRejected extends Error {}

const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384'];
/** An RFC 7638 SHA-256 thumbprint: 32 bytes, base64url without padding. */
const JKT = /^[A-Za-z0-9_-]{43}$/;

/** The realm's signing keys, found by OIDC discovery on first use (then cached and refreshed by jose). */
export function discoveredKeySet(issuer: string) {
  let jwks: ReturnType<typeof createRemoteJWKSet> | null = null;
  return async function keySet() {
    if (jwks) return jwks;
    const res = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`OIDC discovery at ${issuer} answered ${res.status}`);
    const doc = (await res.json()) as { issuer?: string; jwks_uri?: string };
    if (doc.issuer !== issuer) throw new Error(`OIDC discovery issuer ${doc.issuer} differs from the configured ${issuer}`);
    if (!doc.jwks_uri) throw new Error('OIDC discovery has no jwks_uri');
    jwks = createRemoteJWKSet(new URL(doc.jwks_uri), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
    return jwks;
  };
}

export const SESSION_ENDED = 'the session was signed out';

/** Verifies Keycloak access tokens against the realm's discovered JWKS (cached and refreshed by jose). */
export function createTokenVerifier(opts: VerifierOptions) {
  const keySet = discoveredKeySet(opts.issuer);

  // Verified tokens are remembered until they expire (bounded): the signature check is most of a cheap request's CPU.
  const cache = new Map<string, { principal: Principal; exp: number; sid: string | null }>();
  const CACHE_MAX = 10_000;
  const refuseEnded = async (sid: string | null) => {
    if (sid && opts.revoked && (await opts.revoked(sid))) throw new TokenRejected(SESSION_ENDED);
  };

  return async function verify(token: string): Promise<Principal> {
    const nowMs = (opts.now?.() ?? new Date()).getTime();
    const hit = cache.get(token);
    if (hit && hit.exp * 1000 > nowMs) {
      await refuseEnded(hit.sid);
      return hit.principal;
    }
    if (hit) cache.delete(token);
    let payload: JWTPayload;
    try {
      const result = await jwtVerify(token, await keySet(), {
        issuer: opts.issuer,
        algorithms: ALGORITHMS,
        currentDate: opts.now?.(),
        clockTolerance: 5,
      });
      payload = result.payload;
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) throw new TokenRejected('the token has expired');
      if (e instanceof joseErrors.JWTClaimValidationFailed) throw new TokenRejected(`the token's ${e.claim} claim is not accepted`);
      if (e instanceof joseErrors.JOSEError) throw new TokenRejected('the token is not a valid signed token of this realm');
      throw e;
    }
    const azp = typeof payload.azp === 'string' ? payload.azp : '';
    const aud = Array.isArray(payload.aud) ? payload.aud : payload.aud ? [payload.aud] : [];
    if (!aud.includes(opts.audience)) throw new TokenRejected(`the token is not issued for audience ${opts.audience}`);
    if (!opts.clients.includes(azp)) throw new TokenRejected(`the token's client ${azp || '(none)'} is not accepted`);
    // Keycloak marks an access token `Bearer`, or `DPoP` when it was issued against a DPoP proof (RFC 9449): then
    // `cnf.jkt` names the key, and route.ts accepts the token only with a proof of that key.
    if (payload.typ !== undefined && payload.typ !== 'Bearer' && payload.typ !== 'DPoP') throw new TokenRejected('only access tokens are accepted');
    const cnf = payload.cnf as { jkt?: unknown } | undefined;
    const cnfJkt = cnf && typeof cnf === 'object' ? cnf.jkt : undefined;
    if (cnfJkt !== undefined && (typeof cnfJkt !== 'string' || !JKT.test(cnfJkt))) throw new TokenRejected('the token\'s cnf.jkt claim is not a key thumbprint');
    if (payload.typ === 'DPoP' && cnfJkt === undefined) throw new TokenRejected('a DPoP token without cnf.jkt is not accepted');
    const realmAccess = payload.realm_access as { roles?: unknown } | undefined;
    const roles = (Array.isArray(realmAccess?.roles) ? realmAccess.roles : []).filter((r): r is Role => Role.safeParse(r).success);
    const orgUnit = typeof payload.org_unit === 'string' ? payload.org_unit : '';
    if (!orgUnit) throw new TokenRejected('the token carries no org_unit claim');
    // the claim becomes an SQL pattern prefix and a path in the org tree: only an org code may pass
    if (!ORG_CODE.test(orgUnit)) throw new TokenRejected('the token\'s org_unit claim is not an org unit code');
    const principal: Principal = {
      sub: String(payload.sub ?? ''),
      username: String(payload.preferred_username ?? payload.sub ?? ''),
      name: String(payload.name ?? payload.preferred_username ?? ''),
      roles,
      orgUnit,
      clientId: azp,
      ...(typeof cnfJkt === 'string' ? { cnfJkt } : {}),
    };
    const sid = typeof payload.sid === 'string' && payload.sid ? payload.sid : null;
    await refuseEnded(sid);
    if (typeof payload.exp === 'number') {
      if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
      cache.set(token, { principal, exp: payload.exp, sid });
    }
    return principal;
  };
}

export type TokenVerifier = ReturnType<typeof createTokenVerifier>;
