import type pg from 'pg';
import type { Config } from '../../config/env';
import { defineRoute, type RouteDef } from '../../http/route';
import { TerminalPublicConfig } from '../../domain/terminalSchemas';
import { casePolicyInForce } from '../../services/cases/casePolicyInForce';
import { TERMINAL_CLIENT } from '../terminalRoute';

export function publicConfigRoutes(deps: { pool: pg.Pool; config: Config; version: string }): RouteDef[] {
  const { pool, config, version } = deps;
  return [
    defineRoute({
      method: 'get',
      path: '/public-config',
      summary: 'What the terminal app needs before login: Keycloak realm and client, the map\'s tile source, the check-in geofence',
      tag: 'mobile',
      policy: { public: true, reason: 'read before login (and cached for offline starts); holds no secret' },
      response: { status: 200, schema: TerminalPublicConfig, description: 'Public settings of the terminal app' },
      async handler({ res }) {
        // Cached a minute in the service: a public route cannot make the server query the database at will.
        const policy = await casePolicyInForce(pool);
        const body: TerminalPublicConfig = {
          keycloak: { url: config.KEYCLOAK_URL, realm: config.KEYCLOAK_REALM, clientId: TERMINAL_CLIENT },
          map: { tiles: config.mapTiles, geofenceM: policy.evidence.geofenceRadiusM },
          version,
        };
        res.set('Cache-Control', 'no-cache').json(body);
      },
    }),
  ];
}
