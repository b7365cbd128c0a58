import { jwtVerify, errors as joseErrors } from 'jose';
import { discoveredKeySet } from './tokenVerifier';

// Logout tokens of OpenID Connect Back-Channel Logout 1.0 (§2.4, checked as §2.6 says): Keycloak POSTs one to the
// API when a session ends (sign-out in either app, an admin ending it, an idle or maximum session timeout is not
// reported). Signed by the realm's keys; `aud` the client the session had signed in to; `events` names the logout
// event; `sid` the session (Keycloak always sends it when the client asks for it: backchannel.logout.session.required).

export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

export class LogoutTokenRejected extends Error {}

export interface LogoutClaims {
  sid: string;
  sub: string | null;
}

export function createLogoutTokenVerifier(opts: { issuer: string; clients: readonly string[]; now?: () => Date }) {
  const keySet = discoveredKeySet(opts.issuer);
  return async function verifyLogoutToken(token: string): Promise<LogoutClaims> {
    let payload: Record<string, unknown>;
    try {
      const r = await jwtVerify(token, await keySet(), {
        issuer: opts.issuer,
        audience: [...opts.clients],
        algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384'],
        requiredClaims: ['iat'],
        currentDate: opts.now?.(),
        clockTolerance: 30,
        // a logout token may be valid for a while; a replay only ends an ended session again
        maxTokenAge: '10 minutes',
      });
      payload = r.payload as Record<string, unknown>;
    } catch (e) {
      if (e instanceof joseErrors.JOSEError) throw new LogoutTokenRejected(`not a valid logout token of this realm (${e.code})`);
      throw e;
    }
    const events = payload.events as Record<string, unknown> | undefined;
    if (!events || typeof events !== 'object' || typeof events[BACKCHANNEL_LOGOUT_EVENT] !== 'object') throw new LogoutTokenRejected('the token has no back-channel logout event');
    // §2.4: a logout token must not carry a nonce (so that an ID token can never pass as one)
    if ('nonce' in payload) throw new LogoutTokenRejected('a logout token carries no nonce');
    const sid = typeof payload.sid === 'string' && payload.sid.length > 0 && payload.sid.length <= 255 ? payload.sid : null;
    // The spec allows sub alone (all the user's sessions); Keycloak sends sid, and only a session is refused here.
    if (!sid) throw new LogoutTokenRejected('the token names no session (sid)');
    return { sid, sub: typeof payload.sub === 'string' ? payload.sub.slice(0, 255) : null };
  };
}

export type LogoutTokenVerifier = ReturnType<typeof createLogoutTokenVerifier>;
