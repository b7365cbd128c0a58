import { describe, expect, it, vi } from 'vitest';
import { createHttpClient, type HttpClient } from './httpClient';
import { createDataProvider } from './dataProvider';
import { fakeApi, jsonResponse } from '../test/fakeApi';

// The dashboard's and the case page's custom reads (stats, evidence with presigned URLs, GPS track).
const keycloak = { token: 'tok-2', updateToken: vi.fn(async () => true) };
const CASE_ID = '00000000-0000-4000-8000-000000000002';

function providerWith(routes: Parameters<typeof fakeApi>[0]) {
  const fake = fakeApi(routes, 'tok-2');
  return { provider: createDataProvider(createHttpClient(keycloak, vi.fn() as unknown as HttpClient), fake.api), requests: fake.requests };
}

describe('getDashboardStats', () => {
  it('sends only the given period and unit as query parameters, with the bearer token', async () => {
    const stats = { unit: { id: 'HB.XN.XA' }, figures: { suspected: 3 } };
    const { provider, requests } = providerWith({ 'GET /api/dashboard/stats': stats });
    await expect(provider.getDashboardStats({ from: '2026-01', to: '2026-06', unit: 'HB.XN.XA' })).resolves.toEqual(stats);
    expect(requests[0]!.url).toBe('http://jicha.test/api/dashboard/stats?from=2026-01&to=2026-06&unit=HB.XN.XA');
    expect(requests[0]!.headers.get('Authorization')).toBe('Bearer tok-2');
  });

  it('without a query asks for the server defaults (caller\'s unit, last 6 months)', async () => {
    const { provider, requests } = providerWith({ 'GET /api/dashboard/stats': {} });
    await provider.getDashboardStats({ unit: '' });
    expect(requests[0]!.url).toBe('http://jicha.test/api/dashboard/stats');
  });

  it('a unit outside the caller\'s is refused with the server\'s reason', async () => {
    const detail = 'Org unit HB is outside your org unit HB.XN.';
    const { provider } = providerWith({ 'GET /api/dashboard/stats': () => jsonResponse(403, { title: 'Forbidden', status: 403, detail }) });
    await expect(provider.getDashboardStats({ unit: 'HB' })).rejects.toMatchObject({ status: 403, message: detail });
  });
});

describe('case evidence and track', () => {
  it('getCaseEvidence GETs /api/cases/:id/evidence and returns the items', async () => {
    const items = [{ evidenceId: 'e1', kind: 'photo', url: 'http://s3/x?X-Amz-Expires=300', verified: true }];
    const { provider } = providerWith({ [`GET /api/cases/${CASE_ID}/evidence`]: items });
    await expect(provider.getCaseEvidence(CASE_ID)).resolves.toEqual(items);
  });

  it('getCaseEvidence answers an empty list for a body that is not a list', async () => {
    const { provider } = providerWith({ [`GET /api/cases/${CASE_ID}/evidence`]: null });
    await expect(provider.getCaseEvidence(CASE_ID)).resolves.toEqual([]);
  });

  it('getCaseTrack GETs /api/cases/:id/track', async () => {
    const replay = { caseId: CASE_ID, toleranceM: 5, tracks: [] };
    const { provider } = providerWith({ [`GET /api/cases/${CASE_ID}/track`]: replay });
    await expect(provider.getCaseTrack(CASE_ID)).resolves.toEqual(replay);
  });
});
