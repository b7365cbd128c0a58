import { z } from 'zod';
import type { Config } from '../../config/env';
import { defineRoute, type RouteDef } from '../../http/route';
import { TileSource } from '../../domain/terminalSchemas';

const PublicConfig = z.object({
  keycloak: z.object({ url: z.string(), realm: z.string(), clientId: z.string() }),
  temporalUiUrl: z.string(),
  version: z.string(),
  map: z.object({
    tiles: TileSource.nullable().describe('The case map\'s basemap (MAP_TILE_*), the same as the terminal app\'s; null: none configured, the map draws its vector fallback'),
  }),
});

export function publicConfigRoutes(config: Config, version: string): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/public-config',
      summary: 'What the admin UI needs before login (Keycloak realm and client, Temporal Web UI)',
      tag: 'meta',
      policy: { public: true, reason: 'read before login; holds no secret' },
      response: { status: 200, schema: PublicConfig, description: 'Public settings' },
      async handler({ res }) {
        res.json({
          keycloak: { url: config.KEYCLOAK_URL, realm: config.KEYCLOAK_REALM, clientId: 'jicha-admin' },
          temporalUiUrl: config.TEMPORAL_UI_URL,
          version,
          map: { tiles: config.mapTiles },
        });
      },
    }),
  ];
}
