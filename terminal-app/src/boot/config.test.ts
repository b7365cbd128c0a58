import { describe, expect, test } from 'vitest';
import type { ApiResponse } from '../../../client';
import { parseConfig } from './config';

// The answer of GET /mobile/v1/public-config, typed by the generated client: a change of the server's schema breaks
// this file's type check before it breaks a terminal.
const served: ApiResponse<'/mobile/v1/public-config'> = {
  keycloak: { url: 'http://localhost:8180', realm: 'jicha', clientId: 'jicha-terminal' },
  map: { tiles: { kind: 'wmts', url: 'https://t{s}.tianditu.gov.cn/vec_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}', subdomains: ['0', '1'], attribution: '天地图', maxZoom: 18 }, geofenceM: 200 },
  version: '0.1.0',
};

describe('parseConfig', () => {
  test('reads the served shape back unchanged', () => {
    expect(parseConfig(served)).toEqual(served);
    const noTiles = { ...served, map: { tiles: null, geofenceM: 150 } };
    expect(parseConfig(noTiles)).toEqual(noTiles);
  });

  test('refuses a config without the Keycloak client; an unknown tile kind means no tiles', () => {
    expect(() => parseConfig({ ...served, keycloak: { url: 'x', realm: 'jicha' } })).toThrow(/keycloak.clientId/);
    expect(parseConfig({ ...served, map: { tiles: { kind: 'mvt', url: 'x' }, geofenceM: 200 } }).map.tiles).toBeNull();
  });
});
