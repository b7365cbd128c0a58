// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HttpError } from 'ra-core';
import { createHttpClient, type HttpClient } from './httpClient';
import { createDataProvider } from './dataProvider';
import { createAdminApi } from './api';
import { xhrFetch, type UploadProgress } from './xhrFetch';

/** A scripted XMLHttpRequest: records what was sent, then plays upload progress and a response. */
class FakeXhr {
  static last: FakeXhr | undefined;
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

beforeEach(() => {
  FakeXhr.last = undefined;
});
afterEach(() => vi.unstubAllGlobals());

describe('xhrFetch', () => {
  it('reports upload progress and answers a Response like fetch', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const seen: UploadProgress[] = [];
    const request = new Request('http://jicha.test/api/imports/payments', { method: 'POST', body: 'a,b\n', headers: { 'Content-Type': 'text/csv' } });
    const done = xhrFetch((p) => seen.push(p))(request);
    await vi.waitFor(() => expect(FakeXhr.last?.url).toBe('http://jicha.test/api/imports/payments'));
    const xhr = FakeXhr.last!;
    xhr.upload.onprogress?.({ loaded: 2, total: 4, lengthComputable: true });
    xhr.upload.onprogress?.({ loaded: 4, total: 0, lengthComputable: false });
    xhr.respond(200, { importId: 'i-1' }, 'content-type: application/json\r\nx-request-id: r1\r\n');
    const res = await done;
    expect(seen).toEqual([{ loaded: 2, total: 4 }, { loaded: 4, total: null }]);
    expect(await res.json()).toEqual({ importId: 'i-1' });
    expect(res.headers.get('x-request-id')).toBe('r1');
    expect(xhr.method).toBe('POST');
    expect(xhr.headers['content-type']).toBe('text/csv');
    expect(await new Response(xhr.body as Blob).text()).toBe('a,b\n');
  });

  it('answers a non-2xx status as a Response too (the client maps it)', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const done = xhrFetch()(new Request('http://jicha.test/api/imports/payments', { method: 'POST', body: 'x' }));
    await vi.waitFor(() => expect(FakeXhr.last?.url).toBe('http://jicha.test/api/imports/payments'));
    FakeXhr.last!.respond(415, { title: 'Unsupported media type', detail: 'Send text/csv' });
    const res = await done;
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ title: 'Unsupported media type', detail: 'Send text/csv' });
  });

  it('rejects like fetch when the network fails', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const done = xhrFetch()(new Request('http://jicha.test/api/imports/payments', { method: 'POST', body: 'x' }));
    await vi.waitFor(() => expect(FakeXhr.last?.url).toBe('http://jicha.test/api/imports/payments'));
    FakeXhr.last!.onerror?.();
    await expect(done).rejects.toBeInstanceOf(TypeError);
  });
});

describe('dataProvider.upload', () => {
  const keycloak = { token: 'tok-9', updateToken: vi.fn(async () => true) };
  const provider = () => createDataProvider(createHttpClient(keycloak, vi.fn() as unknown as HttpClient), createAdminApi(keycloak, { baseUrl: 'http://jicha.test' }));

  it('uploads through XHR with the bearer token and the file\'s type, and maps a problem to its detail', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const seen: UploadProgress[] = [];
    const done = provider().upload('customers', new Blob(['a,b\n1,2\n']), 'text/csv', (p) => seen.push(p));
    await vi.waitFor(() => expect(FakeXhr.last?.url).toBe('http://jicha.test/api/imports/customers'));
    expect(FakeXhr.last!.headers.authorization).toBe('Bearer tok-9');
    expect(FakeXhr.last!.headers['content-type']).toBe('text/csv');
    FakeXhr.last!.upload.onprogress?.({ loaded: 8, total: 8, lengthComputable: true });
    FakeXhr.last!.respond(400, { type: 'about:blank', title: 'Invalid request', status: 400, detail: 'The CSV header does not match.', errors: [{ path: 'header.x', message: 'unknown column' }] }, 'content-type: application/problem+json\r\n');
    const error = await done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 400, message: 'The CSV header does not match.', body: { errors: { 'header.x': 'unknown column' } } });
    expect(seen).toEqual([{ loaded: 8, total: 8 }]);
  });

  it('sends routine work orders to their own route and answers the report', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const done = provider().upload('routine-work-orders', new Blob(['x']), 'text/csv');
    await vi.waitFor(() => expect(FakeXhr.last?.url).toBe('http://jicha.test/api/imports/routine-work-orders'));
    const report = { importId: 'i-2', kind: 'routine-work-orders', rows: 0, opened: [], duplicates: [], rejected: [] };
    FakeXhr.last!.respond(200, report);
    await expect(done).resolves.toEqual(report);
  });
});
