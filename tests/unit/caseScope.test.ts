import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { caseScopeOf } from '../../domain/caseScope';
import { ORG_CODE } from '../../domain/roles';
import { scopeClause } from '../../db/cases';
import { subtreeClause, subtreePattern } from '../../db/orgScope';
import { TokenRejected, createTokenVerifier } from '../../http/tokenVerifier';

// The one case-scope rule (domain/caseScope.ts) and the org-subtree SQL it becomes; the token's org_unit claim.

test('an inspector sees their own cases; a lead, supervisor or manager sees the org subtree', () => {
  const p = (roles: string[]) => ({ username: 'u1', orgUnit: 'HB.XN.XA.WQ', roles: roles as never });
  expect(caseScopeOf(p(['inspector']))).toEqual({ orgUnit: 'HB.XN.XA.WQ', ownCasesOf: 'u1' });
  for (const wider of ['station_lead', 'supervisor', 'manager']) {
    expect(caseScopeOf(p([wider]))).toEqual({ orgUnit: 'HB.XN.XA.WQ' });
    expect(caseScopeOf(p(['inspector', wider]))).toEqual({ orgUnit: 'HB.XN.XA.WQ' });
  }
});

test("an inspector's scope is their assigned or pending cases, by name, with no org pattern at all", () => {
  const params: unknown[] = [];
  expect(scopeClause(params, { orgUnit: 'HB.XN.XA.WQ', ownCasesOf: 'u1' })).toBe('(c.assignee = $1 or c.pending_user = $1)');
  expect(params).toEqual(['u1']);
});

test('LIKE wildcards in an org code never widen the subtree', () => {
  expect(subtreePattern('HB.XN')).toBe('HB.XN.%');
  expect(subtreePattern('%')).toBe('\\%.%');
  expect(subtreePattern('HB_XN')).toBe('HB\\_XN.%');
  expect(subtreePattern('a\\b')).toBe('a\\\\b.%');
  const params: unknown[] = ['x'];
  expect(subtreeClause(params, 'c.org_unit_id', '%')).toBe('(c.org_unit_id = $2 or c.org_unit_id like $3)');
  expect(params).toEqual(['x', '%', '\\%.%']);
});

test('org codes: dotted segments of letters, digits and hyphens only', () => {
  for (const ok of ['HB', 'HB.XN.XA.WQ', 'HB.XN.XA.WQ.G01', 'PT-1.A']) expect(ORG_CODE.test(ok)).toBe(true);
  for (const bad of ['%', 'HB.%', 'HB_XN', 'HB.', '.HB', 'HB..XN', 'HB XN', '', 'HB.XN\u0000']) expect(ORG_CODE.test(bad)).toBe(false);
});

describe('the token verifier', () => {
  let server: http.Server;
  let issuer: string;
  let sign: (claims: Record<string, unknown>) => Promise<string>;
  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/realms/t/.well-known/openid-configuration') return void res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/certs` }));
      if (req.url === '/realms/t/certs') return void res.end(JSON.stringify({ keys: [jwk] }));
      res.statusCode = 404;
      res.end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/t`;
    sign = (claims) => new SignJWT({ azp: 'jicha-terminal', aud: 'jicha-api', realm_access: { roles: ['inspector'] }, preferred_username: 'u1', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(issuer).setIssuedAt().setExpirationTime('5m').sign(privateKey);
  });
  afterAll(() => new Promise((r) => server.close(r)));

  test('accepts an org code and refuses a claim that is not one (a % would have matched every case)', async () => {
    const verify = createTokenVerifier({ issuer, audience: 'jicha-api', clients: ['jicha-terminal'] });
    await expect(verify(await sign({ org_unit: 'HB.XN.XA.WQ' }))).resolves.toMatchObject({ username: 'u1', orgUnit: 'HB.XN.XA.WQ' });
    for (const org of ['%', 'HB.%', 'HB_XN', 'HB.XN.XA.WQ.%']) {
      await expect(verify(await sign({ org_unit: org }))).rejects.toThrow(TokenRejected);
      await expect(verify(await sign({ org_unit: org }))).rejects.toThrow('not an org unit code');
    }
  });
});
