import { fetchUtils, HttpError } from 'ra-core';
import type { KeycloakSession } from '../auth/authProvider';
import { TOKEN_MIN_VALIDITY_SECONDS } from '../auth/authProvider';
import { toHttpError } from './problemDetails';

export type HttpClient = typeof fetchUtils.fetchJson;
type TokenSource = Pick<KeycloakSession, 'token' | 'updateToken'>;

/**
 * fetchJson with a fresh bearer token on every call, and problem+json errors
 * mapped to HttpError (see problemDetails.ts). A token that cannot be refreshed
 * surfaces as HTTP 401 so authProvider.checkError sends the user to log in again.
 */
export function createHttpClient(
  keycloak: TokenSource,
  fetchJson: HttpClient = fetchUtils.fetchJson,
): HttpClient {
  return async (url, options = {}) => {
    try {
      await keycloak.updateToken(TOKEN_MIN_VALIDITY_SECONDS);
    } catch {
      throw new HttpError('ra.notification.logged_out', 401, null);
    }
    if (!keycloak.token) {
      throw new HttpError('ra.notification.logged_out', 401, null);
    }
    const headers = new Headers(options.headers ?? undefined);
    if (!headers.has('Accept')) {
      headers.set('Accept', 'application/json, application/problem+json');
    }
    headers.set('Authorization', `Bearer ${keycloak.token}`);
    try {
      return await fetchJson(url, { ...options, headers });
    } catch (error) {
      throw toHttpError(error);
    }
  };
}
