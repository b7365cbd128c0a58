import { describe, expect, it, vi } from 'vitest';
import { HttpError } from 'ra-core';
import { createHttpClient, type HttpClient } from './httpClient';
import { createDataProvider } from './dataProvider';
import { fakeApi } from '../test/fakeApi';

type FetchJsonArgs = Parameters<HttpClient>;

function okResponse(json: unknown, headers: Record<string, string> = {}) {
  return { status: 200, headers: new Headers(headers), body: JSON.stringify(json), json };
}

function fakeKeycloak(token = 'tok-1') {
  return { token, updateToken: vi.fn(async () => true) };
}

describe('httpClient', () => {
  it('refreshes the token and sends it as a bearer token', async () => {
    const kc = fakeKeycloak();
    const fetchJson = vi.fn(async (..._args: FetchJsonArgs) => okResponse({}));
    await createHttpClient(kc, fetchJson)('/api/cases/1');
    expect(kc.updateToken).toHaveBeenCalledWith(30);
    const headers = fetchJson.mock.calls[0]![1]!.headers as Headers;
    expect(headers.get('Authorization')).toBe('Bearer tok-1');
    expect(headers.get('Accept')).toContain('application/json');
  });

  it('keeps caller headers (e.g. Range from simple-rest)', async () => {
    const fetchJson = vi.fn(async (..._args: FetchJsonArgs) => okResponse([]));
    await createHttpClient(fakeKeycloak(), fetchJson)('/api/cases', {
      headers: new Headers({ Range: 'cases=0-24' }),
    });
    const headers = fetchJson.mock.calls[0]![1]!.headers as Headers;
    expect(headers.get('Range')).toBe('cases=0-24');
    expect(headers.get('Authorization')).toBe('Bearer tok-1');
  });

  it('turns a failed token refresh into a 401 without calling the API', async () => {
    const kc = { token: 'old', updateToken: vi.fn(async () => Promise.reject(new Error('expired'))) };
    const fetchJson = vi.fn();
    const promise = createHttpClient(kc, fetchJson as unknown as HttpClient)('/api/cases');
    await expect(promise).rejects.toBeInstanceOf(HttpError);
    await expect(promise).rejects.toMatchObject({ status: 401 });
    expect(fetchJson).not.toHaveBeenCalled();
  });

  it('maps problem+json errors', async () => {
    const fetchJson = vi.fn(async () => {
      throw new HttpError('Unprocessable Entity', 422, {
        title: 'Validation failed',
        status: 422,
        detail: '请求参数有误',
        errors: [{ path: 'customerAccountNo', message: '户号须为 10 位数字' }],
      });
    });
    await expect(
      createHttpClient(fakeKeycloak(), fetchJson as unknown as HttpClient)('/api/cases', {
        method: 'POST',
      }),
    ).rejects.toMatchObject({
      message: '请求参数有误',
      status: 422,
      body: { errors: { customerAccountNo: '户号须为 10 位数字' } },
    });
  });
});

describe('dataProvider over the httpClient', () => {
  it('getList asks /api/cases with sort, range and filter, and reads Content-Range', async () => {
    const fetchJson = vi.fn(async (..._args: FetchJsonArgs) =>
      okResponse([{ id: 'a' }], { 'Content-Range': 'cases 0-24/123' }),
    );
    const provider = createDataProvider(createHttpClient(fakeKeycloak(), fetchJson), fakeApi({}).api);
    const result = await provider.getList('cases', {
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'createdAt', order: 'DESC' },
      filter: { q: '咸宁', stage: 'judgement' },
    });
    expect(result).toEqual({ data: [{ id: 'a' }], total: 123, meta: { totalCapped: false } });
    const url = new URL(String(fetchJson.mock.calls[0]![0]), 'http://x');
    expect(url.pathname).toBe('/api/cases');
    expect(JSON.parse(url.searchParams.get('sort')!)).toEqual(['createdAt', 'DESC']);
    expect(JSON.parse(url.searchParams.get('range')!)).toEqual([0, 24]);
    expect(JSON.parse(url.searchParams.get('filter')!)).toEqual({ q: '咸宁', stage: 'judgement' });
  });

  it('getList of cases says when the total is the server\'s cap (X-Total-Capped: "10000+")', async () => {
    const fetchJson = vi.fn(async (..._args: FetchJsonArgs) =>
      okResponse([{ id: 'a' }], { 'Content-Range': 'cases 0-24/10000', 'X-Total-Capped': 'true' }),
    );
    const provider = createDataProvider(createHttpClient(fakeKeycloak(), fetchJson), fakeApi({}).api);
    const result = await provider.getList('cases', { pagination: { page: 1, perPage: 25 }, sort: { field: 'createdAt', order: 'DESC' }, filter: { view: 'overdue' } });
    expect(result).toMatchObject({ total: 10_000, meta: { totalCapped: true } });
    expect(JSON.parse(new URL(String(fetchJson.mock.calls[0]![0]), 'http://x').searchParams.get('filter')!)).toEqual({ view: 'overdue' });
  });

  it('create POSTs the body and returns the server record', async () => {
    const fetchJson = vi.fn(async (..._args: FetchJsonArgs) =>
      okResponse({ id: 'uuid-1', caseNo: 'JC-2026-000001' }),
    );
    const provider = createDataProvider(createHttpClient(fakeKeycloak(), fetchJson), fakeApi({}).api);
    const result = await provider.create('cases', {
      data: { customerAccountNo: '4200000001', origin: 'custom' },
    });
    expect(result.data).toMatchObject({ id: 'uuid-1', caseNo: 'JC-2026-000001' });
    const [url, options] = fetchJson.mock.calls[0]!;
    expect(url).toBe('/api/cases');
    expect(options?.method).toBe('POST');
    expect(JSON.parse(String(options?.body))).toEqual({
      customerAccountNo: '4200000001',
      origin: 'custom',
    });
  });
});
