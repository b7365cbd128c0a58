import { loadConfig, ConfigError, trustProxySetting } from '../../config/env';
import { assertPolicies, type RouteDef } from '../../http/route';

test('configuration defaults to the local stack and derives the issuer', () => {
  const c = loadConfig({});
  expect(c.oidcIssuer).toBe('http://localhost:8180/realms/jicha');
  expect(c.oidcClients).toEqual(['jicha-admin', 'jicha-terminal']);
});

test('a bad variable stops boot with a sentence naming it', () => {
  expect(() => loadConfig({ PORT: 'eighty', S3_ENDPOINT: 'not a url' })).toThrow(ConfigError);
  try {
    loadConfig({ PORT: 'eighty' });
  } catch (e) {
    expect((e as Error).message).toMatch(/PORT/);
  }
});

test('production refuses the local development secrets', () => {
  expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/S3_SECRET_KEY.*DATABASE_URL password|DATABASE_URL password/);
  expect(() => loadConfig({ NODE_ENV: 'production', S3_SECRET_KEY: 'a-real-secret', DATABASE_URL: 'postgres://u:strong@db/jicha', LOG_ANCHOR_KEY: 'c'.repeat(64) })).not.toThrow();
  // the logs' anchors are only as good as their key: not the local stack's, not short
  expect(() => loadConfig({ NODE_ENV: 'production', S3_SECRET_KEY: 'a-real-secret', DATABASE_URL: 'postgres://u:strong@db/jicha' })).toThrow(/LOG_ANCHOR_KEY still hold/);
  expect(() => loadConfig({ NODE_ENV: 'production', S3_SECRET_KEY: 'a-real-secret', DATABASE_URL: 'postgres://u:strong@db/jicha', LOG_ANCHOR_KEY: 'short-but-16-chars' })).toThrow(/LOG_ANCHOR_KEY: at least 32/);
});

test('the server refuses a route without an access policy', () => {
  const handler = async () => undefined;
  const ok = { method: 'get', path: '/x', summary: '', tag: 't', policy: { roles: ['manager'], scope: 'org' }, handler } as RouteDef;
  expect(() => assertPolicies([ok])).not.toThrow();
  expect(() => assertPolicies([{ ...ok, policy: undefined } as unknown as RouteDef])).toThrow(/GET \/x has no access policy/);
  expect(() => assertPolicies([{ ...ok, policy: { roles: [], scope: 'org' } }])).toThrow(/empty access policy/);
});

test('TRUST_PROXY: the peers whose X-Forwarded-For the API believes, or a hop count; "true" (everyone) is refused', () => {
  expect(trustProxySetting(loadConfig({}).TRUST_PROXY)).toEqual(['loopback']);
  expect(trustProxySetting(loadConfig({ TRUST_PROXY: 'loopback, uniquelocal,10.1.0.0/16,fd00::1' }).TRUST_PROXY)).toEqual(['loopback', 'uniquelocal', '10.1.0.0/16', 'fd00::1']);
  expect(trustProxySetting(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY)).toBe(1);
  for (const bad of ['true', 'everyone', '10.0.0.0/33', '300.1.1.1', ',']) expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
});
