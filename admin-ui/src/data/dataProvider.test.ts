import { describe, expect, it, vi } from 'vitest';
import { HttpError } from 'ra-core';
import { createHttpClient, type HttpClient } from './httpClient';
import { createDataProvider, escalationFilter } from './dataProvider';

type FetchJsonArgs = Parameters<HttpClient>;

function okResponse(json: unknown, headers: Record<string, string> = {}) {
  return { status: 200, headers: new Headers(headers), body: JSON.stringify(json), json };
}

const keycloak = { token: 'tok-1', updateToken: vi.fn(async () => true) };

function providerWith(fetchJson: (...args: FetchJsonArgs) => Promise<ReturnType<typeof okResponse>>) {
  const spy = vi.fn(fetchJson);
  return { provider: createDataProvider(createHttpClient(keycloak, spy as unknown as HttpClient)), spy };
}

const CASE_ID = '00000000-0000-4000-8000-000000000001';

describe('dataProvider custom methods', () => {
  it('getLive GETs /api/cases/:id/live with the bearer token', async () => {
    const { provider, spy } = providerWith(async () => okResponse({ caseId: CASE_ID, stage: 'field_evidence' }));
    await expect(provider.getLive(CASE_ID)).resolves.toEqual({ caseId: CASE_ID, stage: 'field_evidence' });
    const [url, options] = spy.mock.calls[0]!;
    expect(url).toBe(`/api/cases/${CASE_ID}/live`);
    expect(options?.method ?? 'GET').toBe('GET');
    expect((options!.headers as Headers).get('Authorization')).toBe('Bearer tok-1');
  });

  it('getEvents GETs /api/cases/:id/events and returns the rows', async () => {
    const rows = [{ seq: 1, type: 'opened', stage: 'judgement', actor: 'supervisor', payload: {}, occurredAt: 't', hash: 'h' }];
    const { provider, spy } = providerWith(async () => okResponse(rows));
    await expect(provider.getEvents(CASE_ID)).resolves.toEqual(rows);
    expect(spy.mock.calls[0]![0]).toBe(`/api/cases/${CASE_ID}/events`);
  });

  it('caseAction POSTs the JSON body to /actions/:action and returns the new live state', async () => {
    const { provider, spy } = providerWith(async () => okResponse({ caseId: CASE_ID, stage: 'assessment' }));
    const state = await provider.caseAction(CASE_ID, 'verify', { outcome: 'pass' });
    expect(state.stage).toBe('assessment');
    const [url, options] = spy.mock.calls[0]!;
    expect(url).toBe(`/api/cases/${CASE_ID}/actions/verify`);
    expect(options?.method).toBe('POST');
    expect(JSON.parse(String(options?.body))).toEqual({ outcome: 'pass' });
    expect((options!.headers as Headers).get('Content-Type')).toBe('application/json');
    expect((options!.headers as Headers).get('Authorization')).toBe('Bearer tok-1');
  });

  it.each([
    [409, 'urn:jicha:case-step:WrongStage', 'Verification is not possible while the case is at rectification (督办整改); it needs verification (复核).'],
    [403, 'urn:jicha:case-step:WrongActor', 'Dismissal needs one of the roles supervisor.'],
    [422, 'urn:jicha:case-step:IncompleteStep', 'A rejected verification needs a reason.'],
  ])('caseAction surfaces a %i refusal with the validator reason as message', async (status, type, detail) => {
    const { provider } = providerWith(async () => {
      throw new HttpError('Conflict', status, { type, title: 'Step refused', status, detail });
    });
    const promise = provider.caseAction(CASE_ID, 'verify', { outcome: 'reject' });
    await expect(promise).rejects.toBeInstanceOf(HttpError);
    await expect(promise).rejects.toMatchObject({ status, message: detail, body: { title: 'Step refused', type } });
  });

  it('caseAction keeps the field errors of a 400 for the dialog', async () => {
    const { provider } = providerWith(async () => {
      throw new HttpError('Bad Request', 400, {
        title: 'Invalid request',
        status: 400,
        detail: 'The note step has invalid fields.',
        errors: [{ path: 'text', message: 'Too small: expected string to have >=1 characters' }],
      });
    });
    await expect(provider.caseAction(CASE_ID, 'note', { text: '' })).rejects.toMatchObject({
      status: 400,
      message: 'The note step has invalid fields.',
      body: { errors: { text: 'Too small: expected string to have >=1 characters' } },
    });
  });

  it('getNotifications GETs the inbox', async () => {
    const { provider, spy } = providerWith(async () => okResponse([{ id: '1', caseId: CASE_ID, kind: 'reminder' }]));
    await expect(provider.getNotifications()).resolves.toHaveLength(1);
    expect(spy.mock.calls[0]![0]).toBe('/api/notifications');
  });
});

describe('escalations list', () => {
  it('asks with range and filter only (the endpoint refuses `sort`) and reads Content-Range', async () => {
    const { provider, spy } = providerWith(async () =>
      okResponse([{ id: 'a:rectification:1:2', tier: 2 }], { 'Content-Range': 'escalations 0-0/7' }),
    );
    const result = await provider.getList('escalations', {
      pagination: { page: 1, perPage: 500 },
      sort: { field: 'id', order: 'ASC' },
      filter: { open: true, tier: '2' },
    });
    expect(result).toEqual({ data: [{ id: 'a:rectification:1:2', tier: 2 }], total: 7 });
    const url = new URL(String(spy.mock.calls[0]![0]), 'http://x');
    expect(url.pathname).toBe('/api/escalations');
    expect([...url.searchParams.keys()].sort()).toEqual(['filter', 'range']);
    expect(JSON.parse(url.searchParams.get('range')!)).toEqual([0, 499]);
    expect(JSON.parse(url.searchParams.get('filter')!)).toEqual({ open: true, tier: 2 });
  });

  it('keeps only the filter keys the endpoint knows, typed as it wants them', () => {
    expect(escalationFilter({ tier: ['1', 3, 'x'], open: 'false', q: 'x' })).toEqual({ tier: [1, 3], open: false });
    expect(escalationFilter(undefined)).toEqual({});
  });

  it('leaves other resources to simple-rest', async () => {
    const { provider, spy } = providerWith(async () => okResponse([], { 'Content-Range': 'cases 0-0/0' }));
    await provider.getList('cases', { pagination: { page: 1, perPage: 25 }, sort: { field: 'createdAt', order: 'DESC' }, filter: {} });
    const url = new URL(String(spy.mock.calls[0]![0]), 'http://x');
    expect(url.searchParams.get('sort')).toBe('["createdAt","DESC"]');
  });
});
