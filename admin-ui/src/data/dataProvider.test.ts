import { describe, expect, it, vi } from 'vitest';
import { HttpError } from 'ra-core';
import { createHttpClient, type HttpClient } from './httpClient';
import { createDataProvider, escalationFilter } from './dataProvider';
import { createAdminApi } from './api';
import { fakeApi, jsonResponse } from '../test/fakeApi';

// The custom methods go through the generated client (data/api.ts); simple-rest's CRUD calls through the httpClient.
const keycloak = { token: 'tok-1', updateToken: vi.fn(async () => true) };

function providerWith(routes: Parameters<typeof fakeApi>[0], fetchJson: HttpClient = vi.fn() as unknown as HttpClient) {
  const fake = fakeApi(routes, 'tok-1');
  return { provider: createDataProvider(createHttpClient(keycloak, fetchJson), fake.api), requests: fake.requests };
}

const CASE_ID = '00000000-0000-4000-8000-000000000001';

describe('dataProvider custom methods', () => {
  it('getTariffs GETs /api/tariffs with the day; addTariffPrice POSTs the version; 409 keeps its code and field', async () => {
    const entry = { province: 'HB', code: 'residential', nameZh: '居民生活用电', nameEn: 'Residential', twoPart: false, price: null };
    const problem = { title: 'Conflict', status: 409, detail: 'exists', code: 'tariff.price-exists', errors: [{ path: 'effectiveFrom', code: 'tariff.price-exists', message: 'exists' }] };
    const { provider, requests } = providerWith({ 'GET /api/tariffs': [entry], 'POST /api/tariffs/prices': jsonResponse(409, problem) });
    await expect(provider.getTariffs({ on: '2026-12-04', province: 'HB' })).resolves.toEqual([entry]);
    expect(new URL(requests[0]!.url).searchParams.get('on')).toBe('2026-12-04');
    expect(new URL(requests[0]!.url).searchParams.get('province')).toBe('HB');
    const body = { province: 'HB', code: 'residential', effectiveFrom: '2027-01-01', priceYuanPerKwh: 0.57, source: '鄂发改价管〔2026〕1号' };
    const refused = await provider.addTariffPrice(body).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HttpError);
    expect((refused as HttpError).body).toMatchObject({ code: 'tariff.price-exists', problemErrors: problem.errors });
    expect(await requests[1]!.json()).toEqual(body);
  });

  it('putMustCheckItems PUTs { items } to the problem type\'s path', async () => {
    const items = [{ code: 'METER_SEAL', textZh: '表计封印', textEn: 'Meter seals' }];
    const { provider, requests } = providerWith({
      'PUT /api/must-check-items/theft': { problemType: 'theft', items, updatedBy: 'manager', updatedAt: '2026-12-04T02:00:00Z' },
      'GET /api/must-check-items': [],
    });
    await expect(provider.putMustCheckItems('theft', items)).resolves.toMatchObject({ problemType: 'theft', items });
    expect(requests[0]!.method).toBe('PUT');
    expect(await requests[0]!.json()).toEqual({ items });
    await expect(provider.getMustCheckItems()).resolves.toEqual([]);
  });

  it('getLive GETs /api/cases/:id/live with the bearer token', async () => {
    const { provider, requests } = providerWith({ [`GET /api/cases/${CASE_ID}/live`]: { caseId: CASE_ID, stage: 'field_evidence' } });
    await expect(provider.getLive(CASE_ID)).resolves.toEqual({ caseId: CASE_ID, stage: 'field_evidence' });
    expect(requests[0]!.method).toBe('GET');
    expect(requests[0]!.headers.get('Authorization')).toBe('Bearer tok-1');
    expect(requests[0]!.headers.get('Accept')).toContain('application/problem+json');
  });

  it('getEvents GETs /api/cases/:id/events and returns the rows', async () => {
    const rows = [{ seq: 1, type: 'opened', stage: 'judgement', actor: 'supervisor', payload: {}, occurredAt: 't', hash: 'h' }];
    const { provider } = providerWith({ [`GET /api/cases/${CASE_ID}/events`]: rows });
    await expect(provider.getEvents(CASE_ID)).resolves.toEqual(rows);
  });

  it('caseAction POSTs the JSON body to the step\'s own path and returns the new live state', async () => {
    const { provider, requests } = providerWith({ [`POST /api/cases/${CASE_ID}/actions/verify`]: { caseId: CASE_ID, stage: 'assessment' } });
    await expect(provider.caseAction(CASE_ID, 'verify', { outcome: 'pass' })).resolves.toEqual({ caseId: CASE_ID, stage: 'assessment' });
    const request = requests[0]!;
    expect(request.method).toBe('POST');
    expect(await request.json()).toEqual({ outcome: 'pass' });
    expect(request.headers.get('Content-Type')).toBe('application/json');
    expect(request.headers.get('Authorization')).toBe('Bearer tok-1');
  });

  it.each([
    ['assign', { inspector: 'inspector' }],
    ['reassign', { to: 'inspector2' }],
    ['dismiss', { reason: '误报' }],
    ['cancel', { reason: '重复工单' }],
    ['note', { text: '已电话联系' }],
    ['accept', {}],
    ['decline', { reason: '不在辖区' }],
    ['rectification-report', { summary: '已改类' }],
  ] as const)('caseAction %s POSTs to /actions/%s', async (action, body) => {
    const { provider, requests } = providerWith({ [`POST /api/cases/${CASE_ID}/actions/${action}`]: { caseId: CASE_ID, stage: 'field_evidence' } });
    await expect(provider.caseAction(CASE_ID, action, body)).resolves.toMatchObject({ caseId: CASE_ID });
    expect(new URL(requests[0]!.url).pathname).toBe(`/api/cases/${CASE_ID}/actions/${action}`);
    expect(await requests[0]!.json()).toEqual(body);
  });

  it('caseAction check-in answers the recorded check-in', async () => {
    const checkIn = { lat: 29.84, lon: 114.32, accuracyM: 8, deviceTime: '2026-04-02T01:15:00Z', at: '2026-04-02T01:15:02Z', distanceM: 35, insideGeofence: true };
    const { provider } = providerWith({ [`POST /api/cases/${CASE_ID}/actions/check-in`]: checkIn });
    const answer = await provider.caseAction(CASE_ID, 'check-in', { lat: 29.84, lon: 114.32, accuracyM: 8, deviceTime: '2026-04-02T01:15:00Z' });
    expect(answer.insideGeofence).toBe(true);
  });

  it('types each step\'s body and answer from its own operation', () => {
    const { provider } = providerWith({});
    const typed = async () => {
      // @ts-expect-error a note takes `text`, not a verification's outcome
      await provider.caseAction(CASE_ID, 'note', { outcome: 'pass' });
      // @ts-expect-error a rejection's outcome is 'pass' or 'reject'
      await provider.caseAction(CASE_ID, 'verify', { outcome: 'maybe' });
      // @ts-expect-error the generic route is gone: only the document's steps
      await provider.caseAction(CASE_ID, 'close', {});
      const live = await provider.caseAction(CASE_ID, 'dismiss', { reason: 'x' });
      // @ts-expect-error a step other than check-in answers the live state, not a check-in
      void live.insideGeofence;
      void live.recordingFailed?.code;
    };
    expect(typed).toBeTypeOf('function');
  });

  it.each([
    [409, 'urn:jicha:case-step:WrongStage', 'Verification is not possible while the case is at rectification (督办整改); it needs verification (复核).'],
    [403, 'urn:jicha:case-step:WrongActor', 'Dismissal needs one of the roles supervisor.'],
    [422, 'urn:jicha:case-step:IncompleteStep', 'A rejected verification needs a reason.'],
  ])('caseAction surfaces a %i refusal with the validator reason as message', async (status, type, detail) => {
    const { provider } = providerWith({ [`POST /api/cases/${CASE_ID}/actions/verify`]: () => jsonResponse(status, { type, title: 'Step refused', status, detail }) });
    const promise = provider.caseAction(CASE_ID, 'verify', { outcome: 'reject' });
    await expect(promise).rejects.toBeInstanceOf(HttpError);
    await expect(promise).rejects.toMatchObject({ status, message: detail, body: { title: 'Step refused', type } });
  });

  it('caseAction keeps the field errors of a 400 for the dialog', async () => {
    const { provider } = providerWith({
      [`POST /api/cases/${CASE_ID}/actions/note`]: () =>
        jsonResponse(400, {
          title: 'Invalid request',
          status: 400,
          detail: 'The note step has invalid fields.',
          errors: [{ path: 'text', message: 'Too small: expected string to have >=1 characters' }],
        }),
    });
    await expect(provider.caseAction(CASE_ID, 'note', { text: '' })).rejects.toMatchObject({
      status: 400,
      message: 'The note step has invalid fields.',
      body: { errors: { text: 'Too small: expected string to have >=1 characters' } },
    });
  });

  it('a refusal without problem details still rejects with HttpError and its status', async () => {
    const { provider } = providerWith({ 'GET /api/notifications': () => new Response('upstream down', { status: 502, statusText: 'Bad Gateway' }) });
    await expect(provider.getNotifications()).rejects.toMatchObject({ status: 502, message: 'Bad Gateway' });
  });

  it('a token that cannot be refreshed is a 401 before anything is sent', async () => {
    const fetch = vi.fn(async () => jsonResponse(200, []));
    const api = createAdminApi({ token: 'old', updateToken: vi.fn(async () => Promise.reject(new Error('expired'))) }, { baseUrl: 'http://jicha.test', fetch });
    const provider = createDataProvider(createHttpClient(keycloak, vi.fn() as unknown as HttpClient), api);
    await expect(provider.getNotifications()).rejects.toMatchObject({ status: 401, message: 'ra.notification.logged_out' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('getNotifications GETs the inbox', async () => {
    const { provider } = providerWith({ 'GET /api/notifications': [{ id: '1', caseId: CASE_ID, kind: 'reminder' }] });
    await expect(provider.getNotifications()).resolves.toHaveLength(1);
  });

  it('callApi reaches any operation, typed from the document', async () => {
    const { provider, requests } = providerWith({ 'POST /api/campaigns/preview': { matched: 3 } });
    const { data } = await provider.callApi('post', '/api/campaigns/preview', { body: { name: 'x', scope: ['HB'], caseCap: 1 } });
    expect(data).toEqual({ matched: 3 });
    expect(await requests[0]!.json()).toEqual({ name: 'x', scope: ['HB'], caseCap: 1 });
  });
});

describe('lists with their own rules', () => {
  it('escalations: asks with range and filter only (the endpoint refuses `sort`) and reads Content-Range', async () => {
    const { provider, requests } = providerWith({
      'GET /api/escalations': () => jsonResponse(200, [{ id: 'a:rectification:1:2', tier: 2 }], { 'Content-Range': 'escalations 0-0/7' }),
    });
    const result = await provider.getList('escalations', {
      pagination: { page: 1, perPage: 500 },
      sort: { field: 'id', order: 'ASC' },
      filter: { open: true, tier: '2' },
    });
    expect(result).toEqual({ data: [{ id: 'a:rectification:1:2', tier: 2 }], total: 7 });
    const url = new URL(requests[0]!.url);
    expect([...url.searchParams.keys()].sort()).toEqual(['filter', 'range']);
    expect(JSON.parse(url.searchParams.get('range')!)).toEqual([0, 499]);
    expect(JSON.parse(url.searchParams.get('filter')!)).toEqual({ open: true, tier: 2 });
    expect(requests[0]!.headers.get('Range')).toBe('escalations=0-499');
  });

  it('keeps only the escalation filter keys the endpoint knows, typed as it wants them', () => {
    expect(escalationFilter({ tier: ['1', 3, 'x'], open: 'false', q: 'x' })).toEqual({ tier: [1, 3], open: false });
    expect(escalationFilter(undefined)).toEqual({});
  });

  it('lists campaigns and imports without a sort parameter (their endpoints refuse one)', async () => {
    const { provider, requests } = providerWith({
      'GET /api/campaigns': () => jsonResponse(200, [{ id: 'c1' }], { 'Content-Range': 'campaigns 0-0/1' }),
      'GET /api/imports': [],
    });
    const res = await provider.getList('campaigns', { pagination: { page: 2, perPage: 10 }, sort: { field: 'id', order: 'ASC' }, filter: { status: ['running'] } });
    expect(res).toEqual({ data: [{ id: 'c1' }], total: 1 });
    const url = new URL(requests[0]!.url);
    expect(url.searchParams.get('sort')).toBeNull();
    expect(url.searchParams.get('range')).toBe('[10,19]');
    expect(url.searchParams.get('filter')).toBe('{"status":["running"]}');
    await expect(provider.getList('imports', { pagination: { page: 1, perPage: 25 }, sort: { field: 'id', order: 'ASC' }, filter: { q: 'x' } })).resolves.toEqual({ data: [], total: 0 });
    expect([...new URL(requests[1]!.url).searchParams.keys()]).toEqual(['range']);
  });

  it('leaves other resources to simple-rest', async () => {
    const fetchJson = vi.fn(async () => ({ status: 200, headers: new Headers({ 'Content-Range': 'cases 0-0/0' }), body: '[]', json: [] }));
    const { provider, requests } = providerWith({}, fetchJson as unknown as HttpClient);
    await provider.getList('cases', { pagination: { page: 1, perPage: 25 }, sort: { field: 'createdAt', order: 'DESC' }, filter: {} });
    const url = new URL(String((fetchJson.mock.calls[0] as unknown as [string])[0]), 'http://x');
    expect(url.searchParams.get('sort')).toBe('["createdAt","DESC"]');
    expect(requests).toHaveLength(0);
  });
});

describe('dataProvider working-day calendar', () => {
  it('reads the years and one year, and publishes a year with PUT and the days as body, all with the token', async () => {
    const answers: Record<string, unknown> = {
      '/api/calendar/years': { items: [], coverage: { knownThrough: null, coversNext90Days: false, provisionalOpenCases: 0 } },
      '/api/calendar/years/2026': { year: 2026, days: [] },
      '/api/calendar/years/2027': { year: 2027, days: [], recomputedCases: 2 },
    };
    const fetchJson = vi.fn(async (url: string) => ({ status: 200, headers: new Headers(), body: '', json: answers[url] }));
    const { provider } = providerWith({}, fetchJson as unknown as HttpClient);
    await expect(provider.getCalendarYears()).resolves.toEqual(answers['/api/calendar/years']);
    await expect(provider.getCalendarYear(2026)).resolves.toEqual({ year: 2026, days: [] });
    const days = [{ date: '2027-01-01', kind: 'holiday' as const, name: '元旦' }];
    await expect(provider.putCalendarYear(2027, days)).resolves.toMatchObject({ recomputedCases: 2 });
    const [url, init] = fetchJson.mock.calls[2] as unknown as [string, RequestInit];
    expect(url).toBe('/api/calendar/years/2027');
    expect(init.method).toBe('PUT');
    expect(JSON.parse(String(init.body))).toEqual({ days });
    expect(new Headers(init.headers).get('Authorization')).toBe('Bearer tok-1');
  });

  it('turns a 422 problem into an HttpError carrying the field errors with their codes', async () => {
    const problem = { title: 'Unprocessable', status: 422, detail: 'invalid', errors: [{ path: 'days.0.date', code: 'calendar.date-outside-year', message: 'outside' }] };
    const fetchJson = vi.fn(async () => {
      throw new HttpError('invalid', 422, problem);
    });
    const { provider } = providerWith({}, fetchJson as unknown as HttpClient);
    const error = await provider.putCalendarYear(2027, []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).body.problemErrors).toEqual(problem.errors);
  });
});
