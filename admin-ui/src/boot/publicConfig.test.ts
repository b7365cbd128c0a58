import { describe, expect, it, vi } from 'vitest';
import { fetchPublicConfig, parsePublicConfig } from './publicConfig';
import { describeBootError } from './describeBootError';

const contract = {
  keycloak: { url: 'http://localhost:8180', realm: 'jicha', clientId: 'jicha-admin' },
  temporalUiUrl: 'http://localhost:8233',
  version: '0.1.0',
  map: { tiles: { kind: 'wmts', url: 'https://t{s}.tiles.example.cn/vec_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}', subdomains: ['0', '1'], maxZoom: 18 } },
};
const parsed = { keycloak: contract.keycloak, temporalUiUrl: contract.temporalUiUrl, version: contract.version, mapTiles: contract.map.tiles };

describe('public config', () => {
  it('parses the documented contract', () => {
    expect(parsePublicConfig(contract)).toEqual(parsed);
  });

  it('treats temporalUiUrl, version and the basemap as optional', () => {
    expect(parsePublicConfig({ keycloak: contract.keycloak })).toEqual({
      keycloak: contract.keycloak,
      temporalUiUrl: undefined,
      version: undefined,
      mapTiles: null,
    });
    // A tile source without a URL or of an unknown kind is no basemap: the map draws its vector fallback.
    expect(parsePublicConfig({ ...contract, map: { tiles: { kind: 'tms', url: 'https://x/{z}/{x}/{y}' } } }).mapTiles).toBeNull();
    expect(parsePublicConfig({ ...contract, map: { tiles: null } }).mapTiles).toBeNull();
  });

  it('names the missing keycloak field', () => {
    expect(() => parsePublicConfig({})).toThrow('"keycloak"');
    expect(() =>
      parsePublicConfig({ keycloak: { url: 'http://kc', realm: 'jicha', clientId: '' } }),
    ).toThrow('keycloak.clientId');
    expect(() => parsePublicConfig(null)).toThrow();
  });

  it('fetches GET /api/public-config without credentials of its own', async () => {
    const fetchImpl = vi.fn(async (_r: Request) => new Response(JSON.stringify(contract), { status: 200 }));
    await expect(fetchPublicConfig({ baseUrl: 'http://jicha.test', fetch: fetchImpl })).resolves.toEqual(parsed);
    const [request] = fetchImpl.mock.calls[0]!;
    expect(request.url).toBe('http://jicha.test/api/public-config');
    expect(request.headers.has('Authorization')).toBe(false);
  });

  it('reports HTTP errors and non-JSON bodies', async () => {
    const notFound = vi.fn(async () => new Response('nope', { status: 404 }));
    await expect(fetchPublicConfig({ baseUrl: 'http://jicha.test', fetch: notFound })).rejects.toThrow('404');
    const html = vi.fn(async () => new Response('<html>', { status: 200 }));
    await expect(fetchPublicConfig({ baseUrl: 'http://jicha.test', fetch: html })).rejects.toThrow('JSON');
  });
});

describe('describeBootError', () => {
  it('describes Errors and keycloak-js OAuth error objects', () => {
    expect(describeBootError(new Error('boom'))).toBe('boom');
    expect(describeBootError({ error: 'access_denied', error_description: 'nope' })).toBe(
      'access_denied: nope',
    );
    expect(describeBootError({ error: 'invalid_request' })).toBe('invalid_request');
    expect(describeBootError('x')).toBe('x');
  });
});
