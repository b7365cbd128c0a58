// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HttpError } from 'ra-core';
import { createHttpClient } from './httpClient';
import { createDataProvider } from './dataProvider';
import { xhrFetchJson, type UploadProgress } from './xhrFetchJson';

/** A scripted XMLHttpRequest: records what was sent, then plays upload progress and a response. */
class FakeXhr {
  static last: FakeXhr;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  statusText = '';
  responseText = '';
  responseHeaders = '';
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  getAllResponseHeaders() {
    return this.responseHeaders;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.onabort?.();
  }
  respond(status: number, body: unknown, headers = 'content-type: application/json\r\n') {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.responseHeaders = headers;
    this.onload?.();
  }
}

afterEach(() => vi.unstubAllGlobals());

describe('xhrFetchJson', () => {
  it('reports upload progress and resolves like fetchJson', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const seen: UploadProgress[] = [];
    const done = xhrFetchJson('/api/imports/payments', { method: 'POST', body: 'a,b\n', headers: new Headers({ 'Content-Type': 'text/csv' }), onUploadProgress: (p) => seen.push(p) });
    const xhr = FakeXhr.last;
    xhr.upload.onprogress?.({ loaded: 2, total: 4, lengthComputable: true });
    xhr.upload.onprogress?.({ loaded: 4, total: 0, lengthComputable: false });
    xhr.respond(200, { importId: 'i-1' }, 'content-type: application/json\r\nx-request-id: r1\r\n');
    const res = await done;
    expect(seen).toEqual([{ loaded: 2, total: 4 }, { loaded: 4, total: null }]);
    expect(res.json).toEqual({ importId: 'i-1' });
    expect(res.headers.get('x-request-id')).toBe('r1');
    expect(xhr.method).toBe('POST');
    expect(xhr.headers['content-type']).toBe('text/csv');
    expect(xhr.body).toBe('a,b\n');
  });

  it('rejects a non-2xx answer with HttpError carrying the body', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const done = xhrFetchJson('/api/imports/payments', { method: 'POST', body: 'x' });
    FakeXhr.last.respond(415, { title: 'Unsupported media type', detail: 'Send text/csv' });
    await expect(done).rejects.toMatchObject({ status: 415, body: { detail: 'Send text/csv' } });
  });
});

describe('dataProvider.upload and request', () => {
  const keycloak = { token: 'tok-9', updateToken: vi.fn(async () => true) };

  it('uploads through the XHR client with the bearer token and maps a problem to its detail', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const provider = createDataProvider(createHttpClient(keycloak), createHttpClient(keycloak, xhrFetchJson));
    const seen: UploadProgress[] = [];
    const file = new Blob(['a,b\n1,2\n'], { type: 'text/csv' });
    const done = provider.upload('/imports/customers', file, 'text/csv', (p) => seen.push(p));
    await vi.waitFor(() => expect(FakeXhr.last?.url).toBe('/api/imports/customers'));
    expect(FakeXhr.last.headers.authorization).toBe('Bearer tok-9');
    FakeXhr.last.upload.onprogress?.({ loaded: 8, total: 8, lengthComputable: true });
    FakeXhr.last.respond(400, { type: 'about:blank', title: 'Invalid request', status: 400, detail: 'The CSV header does not match.', errors: [{ path: 'header.x', message: 'unknown column' }] });
    const error = await done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 400, message: 'The CSV header does not match.', body: { errors: { 'header.x': 'unknown column' } } });
    expect(seen).toEqual([{ loaded: 8, total: 8 }]);
  });

  it('request GETs or POSTs JSON under /api and reads the list total', async () => {
    const fetchJson = vi.fn(async () => ({ status: 200, headers: new Headers({ 'Content-Range': 'cases 0-0/42' }), body: '[]', json: [] }));
    const provider = createDataProvider(createHttpClient(keycloak, fetchJson as never));
    await expect(provider.request('/customers/4210000001/cases')).resolves.toEqual({ json: [], total: 42 });
    await provider.request('/campaigns/preview', { body: { name: 'x' } });
    const [url, options] = fetchJson.mock.calls[1] as unknown as [string, RequestInit];
    expect(url).toBe('/api/campaigns/preview');
    expect(options.method).toBe('POST');
    expect(options.body).toBe('{"name":"x"}');
    expect((options.headers as Headers).get('Content-Type')).toBe('application/json');
  });

  it('lists campaigns and imports without a sort parameter (their endpoints refuse one)', async () => {
    const fetchJson = vi.fn(async () => ({ status: 200, headers: new Headers({ 'Content-Range': 'campaigns 0-0/1' }), body: '[]', json: [{ id: 'c1' }] }));
    const provider = createDataProvider(createHttpClient(keycloak, fetchJson as never));
    const res = await provider.getList('campaigns', { pagination: { page: 2, perPage: 10 }, sort: { field: 'id', order: 'ASC' }, filter: { status: ['running'] } });
    expect(res).toEqual({ data: [{ id: 'c1' }], total: 1 });
    const url = new URL(String((fetchJson.mock.calls[0] as unknown as [string])[0]), 'http://x');
    expect(url.pathname).toBe('/api/campaigns');
    expect(url.searchParams.get('sort')).toBeNull();
    expect(url.searchParams.get('range')).toBe('[10,19]');
    expect(url.searchParams.get('filter')).toBe('{"status":["running"]}');
    await provider.getList('imports', { pagination: { page: 1, perPage: 25 }, sort: { field: 'id', order: 'ASC' }, filter: { q: 'x' } });
    const importsUrl = new URL(String((fetchJson.mock.calls[1] as unknown as [string])[0]), 'http://x');
    expect([...importsUrl.searchParams.keys()]).toEqual(['range']);
  });
});
