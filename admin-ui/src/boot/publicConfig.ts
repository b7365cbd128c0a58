import { createApiClient, type ApiResponse } from '../../../client';
import type { TileSource } from '../../../ui-map/tiles';

/**
 * Runtime configuration served by the API (no auth) at GET /api/public-config.
 * Nothing here is hard-coded: the same bundle runs against any Keycloak / Temporal.
 */
export type KeycloakPublicConfig = ApiResponse<'/api/public-config'>['keycloak'];

/** The public config as the app uses it: what is blank is absent. */
export interface PublicConfig {
  keycloak: KeycloakPublicConfig;
  /** Base URL of the Temporal Web UI; absent → the "open in Temporal" link is hidden. */
  temporalUiUrl?: string;
  version?: string;
  /** The case map's basemap (天地图 WMTS or XYZ); null: none configured, the map draws its vector fallback. */
  mapTiles?: TileSource | null;
}

export const PUBLIC_CONFIG_PATH = '/api/public-config' as const;

const nonEmptyString = (value: unknown): value is string =>
  typeof value === 'string' && value.trim().length > 0;

/** The tile source when it is usable (a URL and a known kind); anything else counts as none configured. */
function parseTiles(t: unknown): TileSource | null {
  if (typeof t !== 'object' || t === null) return null;
  const o = t as Record<string, unknown>;
  if (!nonEmptyString(o.url) || (o.kind !== 'xyz' && o.kind !== 'wmts')) return null;
  return {
    kind: o.kind,
    url: o.url,
    ...(Array.isArray(o.subdomains) ? { subdomains: o.subdomains.filter(nonEmptyString) } : {}),
    ...(nonEmptyString(o.attribution) ? { attribution: o.attribution } : {}),
    ...(typeof o.maxZoom === 'number' ? { maxZoom: o.maxZoom } : {}),
  };
}

/** Validates the JSON body; throws an Error naming the first missing field. */
export function parsePublicConfig(json: unknown): PublicConfig {
  if (typeof json !== 'object' || json === null) {
    throw new Error('public-config: body is not a JSON object');
  }
  const body = json as Record<string, unknown>;
  const kc = body.keycloak as Record<string, unknown> | undefined;
  if (typeof kc !== 'object' || kc === null) {
    throw new Error('public-config: missing "keycloak"');
  }
  for (const key of ['url', 'realm', 'clientId'] as const) {
    if (!nonEmptyString(kc[key])) {
      throw new Error(`public-config: missing "keycloak.${key}"`);
    }
  }
  return {
    keycloak: {
      url: kc.url as string,
      realm: kc.realm as string,
      clientId: kc.clientId as string,
    },
    temporalUiUrl: nonEmptyString(body.temporalUiUrl) ? body.temporalUiUrl : undefined,
    version: nonEmptyString(body.version) ? body.version : undefined,
    mapTiles: parseTiles((body.map as Record<string, unknown> | undefined)?.tiles),
  };
}

/** Read before login, through the generated client without a token (the app's client needs Keycloak first). */
export async function fetchPublicConfig(
  o: { baseUrl?: string; fetch?: (request: Request) => Promise<Response> } = {},
): Promise<PublicConfig> {
  const api = createApiClient({ baseUrl: o.baseUrl ?? window.location.origin, fetch: o.fetch });
  const answer = await api.GET(PUBLIC_CONFIG_PATH, { credentials: 'same-origin', cache: 'no-store' }).catch((e: unknown) => {
    throw e instanceof SyntaxError ? new Error(`GET ${PUBLIC_CONFIG_PATH} did not return JSON`) : e;
  });
  if (!answer.response.ok) {
    throw new Error(`GET ${PUBLIC_CONFIG_PATH} → HTTP ${answer.response.status}`);
  }
  return parsePublicConfig(answer.data);
}
