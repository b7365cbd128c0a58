/**
 * Runtime configuration served by the API (no auth) at GET /api/public-config.
 * Nothing here is hard-coded: the same bundle runs against any Keycloak / Temporal.
 */
export interface KeycloakPublicConfig {
  url: string;
  realm: string;
  clientId: string;
}

export interface PublicConfig {
  keycloak: KeycloakPublicConfig;
  /** Base URL of the Temporal Web UI; absent → the "open in Temporal" link is hidden. */
  temporalUiUrl?: string;
  version?: string;
}

export const PUBLIC_CONFIG_PATH = '/api/public-config';

const nonEmptyString = (value: unknown): value is string =>
  typeof value === 'string' && value.trim().length > 0;

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
  };
}

export async function fetchPublicConfig(
  fetchImpl: typeof fetch = fetch,
): Promise<PublicConfig> {
  const response = await fetchImpl(PUBLIC_CONFIG_PATH, {
    headers: { Accept: 'application/json' },
    credentials: 'same-origin',
    cache: 'no-store',
  });
  if (!response.ok) {
    throw new Error(`GET ${PUBLIC_CONFIG_PATH} → HTTP ${response.status}`);
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new Error(`GET ${PUBLIC_CONFIG_PATH} did not return JSON`);
  }
  return parsePublicConfig(json);
}
