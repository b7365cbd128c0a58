import type pg from 'pg';
import type { Config } from '../../config/env';
import { defineRoute, type RouteDef } from '../../http/route';
import { TerminalPublicConfig } from '../../domain/terminalSchemas';
import { casePolicyInForce } from '../../services/cases/casePolicyInForce';
import { TERMINAL_CLIENT } from '../terminalRoute';

/** The geofence is read at most this often (the route is public: no caller can make it query the database at will). */
const POLICY_CACHE_MS = 60_000;

export function publicConfigRoutes(deps: { pool: pg.Pool; config: Config; version: string }): RouteDef[] {
  const { pool, config, version } = deps;
  let geofence: { m: number; until: number } | null = null;
  return [
    defineRoute({
      method: 'get',
      path: '/public-config',
      summary: 'What the terminal app needs before login: Keycloak realm and client, the map\'s tile source, the check-in geofence',
      tag: 'mobile',
      policy: { public: true, reason: 'read before login (and cached for offline starts); holds no secret' },
      response: { status: 200, schema: TerminalPublicConfig, description: 'Public settings of the terminal app' },
      async handler({ res }) {
        const now = Date.now();
        if (!geofence || geofence.until <= now) {
          geofence = { m: (await casePolicyInForce(pool)).evidence.geofenceRadiusM, until: now + POLICY_CACHE_MS };
        }
        const body: TerminalPublicConfig = {
          keycloak: { url: config.KEYCLOAK_URL, realm: config.KEYCLOAK_REALM, clientId: TERMINAL_CLIENT },
          map: { tiles: config.mapTiles, geofenceM: geofence.m },
          version,
        };
        res.set('Cache-Control', 'no-cache').json(body);
      },
    }),
  ];
}
