import express from 'express';
import { z } from 'zod';
import type { Config } from '../../config/env';
import type pg from 'pg';
import { defineRoute, type RouteDef } from '../../http/route';
import { codedProblem, detailLanguage } from '../../http/problem';
import { createLogoutTokenVerifier, LogoutTokenRejected } from '../../http/logoutToken';
import { sessionRevocations } from '../../services/access/sessionRevocations';

const LogoutForm = z.object({ logout_token: z.string().min(1).max(16_384) });

/**
 * How long an ended session is remembered: longer than any access token of it can live (the realm's access tokens
 * live 5 minutes; a token refreshed just before the sign-out is the last one).
 */
const REMEMBER_MS = 24 * 3600_000;

/**
 * OpenID Connect Back-Channel Logout (#18): Keycloak calls this when a session of the back office or the terminal app
 * ends (the clients' `backchannel.logout.url` in docker/keycloak/jicha-realm.json), and from then on every API instance
 * refuses that session's access tokens (within the few seconds each caches a session's state), instead of letting
 * them run until they expire.
 */
export function backchannelLogoutRoutes(deps: { config: Config; pool: pg.Pool }): RouteDef[] {
  const verifyLogoutToken = createLogoutTokenVerifier({ issuer: deps.config.oidcIssuer, clients: deps.config.oidcClients });
  const revocations = sessionRevocations(deps.pool);
  return [
    defineRoute({
      method: 'post',
      path: '/auth/backchannel-logout',
      summary: 'Back-channel logout (OpenID Connect Back-Channel Logout 1.0): Keycloak reports an ended session; its access tokens are refused from then on',
      tag: 'auth',
      policy: { public: true, reason: 'called by Keycloak without a user; the signed logout token (realm keys, iss, aud, events, sid) is the credential' },
      bodyParser: express.urlencoded({ extended: false, limit: '20kb' }),
      requestBody: { description: 'The logout token, form-encoded (`logout_token`)', content: { 'application/x-www-form-urlencoded': LogoutForm } },
      response: { status: 200, schema: z.object({}), description: 'The session is recorded as ended' },
      async handler({ req, res }) {
        const lang = detailLanguage(req);
        const form = LogoutForm.safeParse(req.body);
        if (!form.success) throw codedProblem(400, 'Invalid logout request', 'auth.invalid-logout-token', { reason: 'the form has no logout_token' }, lang);
        let claims;
        try {
          claims = await verifyLogoutToken(form.data.logout_token);
        } catch (e) {
          if (e instanceof LogoutTokenRejected) throw codedProblem(400, 'Invalid logout request', 'auth.invalid-logout-token', { reason: e.message }, lang);
          throw e;
        }
        await revocations.revoke({ sid: claims.sid, sub: claims.sub, expiresAt: new Date(Date.now() + REMEMBER_MS) });
        req.log?.info({ sid: claims.sid }, 'session signed out (back-channel logout)');
        res.set('Cache-Control', 'no-store').json({});
      },
    }),
  ];
}
