import { createApiClient, type ApiClient } from '../../../client';
import { freshToken, type TokenSource } from './httpClient';
import { httpErrorFrom } from './problemDetails';
import { storedLocale } from '../i18n/codedMessages';

// The generated API client (../client, built from the server's OpenAPI document by `npm run gen:client`) as the admin
// UI uses it: a fresh Keycloak token on every call, and every refusal thrown as react-admin's HttpError (message = the
// problem's detail, body.errors = field errors for forms).
export type { ApiBody, ApiClient, ApiItem, ApiMethod, ApiPath, ApiPathParams, ApiQuery, ApiResponse, components, paths, Problem } from '../../../client';
export { contentRangeTotal, ok } from '../../../client';

export interface AdminApiOptions {
  /** Origin of the API; the page's own by default (the API serves the admin UI). */
  baseUrl?: string;
  /** fetch over which requests go (tests answer them here). */
  fetch?: (request: Request) => Promise<Response>;
}

/** Every request asks for the API's human texts (`detail`) in the language the user chose. */
function inUserLanguage(next: (request: Request) => Promise<Response> = (r) => fetch(r)): (request: Request) => Promise<Response> {
  return (request) => {
    request.headers.set('Accept-Language', storedLocale() === 'en' ? 'en' : 'zh-CN, zh;q=0.9');
    return next(request);
  };
}

export function createAdminApi(keycloak: TokenSource, o: AdminApiOptions = {}): ApiClient {
  return createApiClient({
    baseUrl: o.baseUrl ?? window.location.origin,
    token: () => freshToken(keycloak),
    fetch: inUserLanguage(o.fetch),
    toError: (e) => httpErrorFrom(e.status, e.body, e.response?.statusText || `HTTP ${e.status}`),
  });
}
