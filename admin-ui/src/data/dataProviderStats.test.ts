import { describe, expect, it, vi } from 'vitest';
import { HttpError } from 'ra-core';
import { createHttpClient, type HttpClient } from './httpClient';
import { createDataProvider } from './dataProvider';

// The dashboard's and the case page's custom reads (stats, evidence with presigned URLs, GPS track).
type FetchJsonArgs = Parameters<HttpClient>;

const okResponse = (json: unknown) => ({ status: 200, headers: new Headers(), body: JSON.stringify(json), json });
const keycloak = { token: 'tok-2', updateToken: vi.fn(async () => true) };
const CASE_ID = '00000000-0000-4000-8000-000000000002';

function providerWith(fetchJson: (...args: FetchJsonArgs) => Promise<ReturnType<typeof okResponse>>) {
  const spy = vi.fn(fetchJson);
  return { provider: createDataProvider(createHttpClient(keycloak, spy as unknown as HttpClient)), spy };
}

describe('getDashboardStats', () => {
  it('sends only the given period and unit as query parameters, with the bearer token', async () => {
    const stats = { unit: { id: 'HB.XN.XA' }, figures: { suspected: 3 } };
    const { provider, spy } = providerWith(async () => okResponse(stats));
    await expect(provider.getDashboardStats({ from: '2026-01', to: '2026-06', unit: 'HB.XN.XA' })).resolves.toEqual(stats);
    const [url, options] = spy.mock.calls[0]!;
    expect(url).toBe('/api/dashboard/stats?from=2026-01&to=2026-06&unit=HB.XN.XA');
    expect((options!.headers as Headers).get('Authorization')).toBe('Bearer tok-2');
  });

  it('without a query asks for the server defaults (caller\'s unit, last 6 months)', async () => {
    const { provider, spy } = providerWith(async () => okResponse({}));
    await provider.getDashboardStats({ unit: '' });
    expect(spy.mock.calls[0]![0]).toBe('/api/dashboard/stats');
  });

  it('a unit outside the caller\'s is refused with the server\'s reason', async () => {
    const detail = 'Org unit HB is outside your org unit HB.XN.';
    const { provider } = providerWith(async () => {
      throw new HttpError('Forbidden', 403, { title: 'Forbidden', status: 403, detail });
    });
    await expect(provider.getDashboardStats({ unit: 'HB' })).rejects.toMatchObject({ status: 403, message: detail });
  });
});

describe('case evidence and track', () => {
  it('getCaseEvidence GETs /api/cases/:id/evidence and returns the items', async () => {
    const items = [{ evidenceId: 'e1', kind: 'photo', url: 'http://s3/x?X-Amz-Expires=300', verified: true }];
    const { provider, spy } = providerWith(async () => okResponse(items));
    await expect(provider.getCaseEvidence(CASE_ID)).resolves.toEqual(items);
    expect(spy.mock.calls[0]![0]).toBe(`/api/cases/${CASE_ID}/evidence`);
  });

  it('getCaseEvidence answers an empty list for a body that is not a list', async () => {
    const { provider } = providerWith(async () => okResponse(null));
    await expect(provider.getCaseEvidence(CASE_ID)).resolves.toEqual([]);
  });

  it('getCaseTrack GETs /api/cases/:id/track', async () => {
    const replay = { caseId: CASE_ID, toleranceM: 5, tracks: [] };
    const { provider, spy } = providerWith(async () => okResponse(replay));
    await expect(provider.getCaseTrack(CASE_ID)).resolves.toEqual(replay);
    expect(spy.mock.calls[0]![0]).toBe(`/api/cases/${CASE_ID}/track`);
  });
});
