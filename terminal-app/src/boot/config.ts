// What the terminal needs before login, from GET /mobile/v1/public-config (no token): the Keycloak realm and client,
// the map's tile source (none: the map draws without a basemap) and the check-in geofence. Kept in localStorage so
// that the app also starts offline.

import type { ApiResponse } from '../../../client';
import { serverClock } from '../auth/dpop';
import { offlineCopy } from '../pwa/offlineCopy';

/** The answer of GET /mobile/v1/public-config, as the generated client types it (the server's zod schema). */
type PublicConfig = ApiResponse<'/mobile/v1/public-config'>;
export type TileSource = NonNullable<PublicConfig['map']['tiles']>;

/** The same shape, with `version` optional: a cached config of an older build may lack it. */
export interface TerminalConfig {
  keycloak: PublicConfig['keycloak'];
  map: PublicConfig['map'];
  version?: string;
}

const CACHE_KEY = 'jicha.terminal.config';

const str = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

export function parseConfig(json: unknown): TerminalConfig {
  const b = (json ?? {}) as Record<string, unknown>;
  const kc = (b.keycloak ?? {}) as Record<string, unknown>;
  for (const k of ['url', 'realm', 'clientId'] as const) if (!str(kc[k])) throw new Error(`public-config: missing keycloak.${k}`);
  const map = (b.map ?? {}) as Record<string, unknown>;
  const t = map.tiles as Record<string, unknown> | null | undefined;
  const tiles: TileSource | null = t && str(t.url) && (t.kind === 'xyz' || t.kind === 'wmts')
    ? {
      kind: t.kind,
      url: t.url,
      subdomains: Array.isArray(t.subdomains) ? t.subdomains.filter(str) : undefined,
      attribution: str(t.attribution) ? t.attribution : undefined,
      maxZoom: typeof t.maxZoom === 'number' ? t.maxZoom : undefined,
    }
    : null;
  return {
    keycloak: { url: kc.url as string, realm: kc.realm as string, clientId: kc.clientId as string },
    map: { tiles, geofenceM: typeof map.geofenceM === 'number' ? map.geofenceM : 200 },
    version: str(b.version) ? b.version : undefined,
  };
}

export async function loadConfig(origin = window.location.origin): Promise<TerminalConfig> {
  try {
    const r = await fetch(`${origin}/mobile/v1/public-config`, { cache: 'no-store', headers: { Accept: 'application/json' } });
    if (!r.ok) throw new Error(`GET /mobile/v1/public-config → HTTP ${r.status}`);
    // The first answer of a start: its Date sets the clock of the login's DPoP proofs (a phone's clock may be off).
    if (!offlineCopy(r)) serverClock.note(r.headers.get('Date'));
    const config = parseConfig(await r.json());
    try {
      localStorage.setItem(CACHE_KEY, JSON.stringify(config));
    } catch {
      /* storage full or blocked: the next offline start has no config */
    }
    return config;
  } catch (e) {
    const cached = localStorage.getItem(CACHE_KEY);
    if (cached) return parseConfig(JSON.parse(cached));
    throw e;
  }
}
