import { loadConfig } from '../../config/env';
import { tileOrigins, terminalCspDirectives } from '../../server/terminalApp';
import { backOfficeCspDirectives } from '../../server/backOfficeCsp';

// The terminal map's tile source (config/env.ts MAP_TILE_*) and the CSP origins derived from it (server/terminalApp.ts).
describe('tile origins and configuration', () => {
  test('one origin per subdomain; none without tiles', () => {
    expect(tileOrigins(null)).toEqual([]);
    expect(tileOrigins({ kind: 'wmts', url: 'http://t{s}.tianditu.gov.cn/vec_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}', subdomains: ['0', '7'] }))
      .toEqual(['http://t0.tianditu.gov.cn', 'http://t7.tianditu.gov.cn']);
    const csp = terminalCspDirectives(loadConfig({}));
    expect(csp['connect-src']).toEqual(["'self'", 'http://localhost:8180', 'http://127.0.0.1:8333']);
  });

  test('a tile URL without {z}/{x}/{y}, or with {s} but no subdomains, stops boot', () => {
    expect(() => loadConfig({ MAP_TILE_URL: 'https://tiles.example.cn/a.png' })).toThrow(/MAP_TILE_URL/);
    expect(() => loadConfig({ MAP_TILE_URL: 'ftp://tiles.example.cn/{z}/{x}/{y}' })).toThrow(/MAP_TILE_URL/);
    expect(() => loadConfig({ MAP_TILE_URL: 'https://t{s}.example.cn/{z}/{x}/{y}.png' })).toThrow(/MAP_TILE_SUBDOMAINS/);
    expect(loadConfig({ MAP_TILE_URL: '', MAP_TILE_MAX_ZOOM: '' }).mapTiles).toBeNull();
    expect(loadConfig({ MAP_TILE_URL: 'https://tiles.example.cn/{z}/{x}/{y}.png', MAP_TILE_MAX_ZOOM: '18' }).mapTiles)
      .toEqual({ kind: 'xyz', url: 'https://tiles.example.cn/{z}/{x}/{y}.png', maxZoom: 18 });
  });

  test('the back office may load the case map\'s tiles and worker, and still may not PUT to S3', () => {
    const config = loadConfig({ MAP_TILE_URL: 'https://t{s}.tiles.example.cn/{z}/{x}/{y}.png', MAP_TILE_SUBDOMAINS: '0,1' });
    const csp = backOfficeCspDirectives(config);
    expect(csp['img-src']).toEqual(expect.arrayContaining(['https://t0.tiles.example.cn', 'https://t1.tiles.example.cn', config.S3_ENDPOINT]));
    expect(csp['connect-src']).toEqual(["'self'", config.KEYCLOAK_URL, 'https://t0.tiles.example.cn', 'https://t1.tiles.example.cn']);
    expect(csp['worker-src']).toEqual(["'self'", 'blob:']);
    expect(backOfficeCspDirectives(loadConfig({}))['connect-src']).toEqual(["'self'", 'http://localhost:8180']);
  });
});
