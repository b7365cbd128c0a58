import { fetchUtils, HttpError } from 'ra-core';
import type { KeycloakSession } from '../auth/authProvider';
import { TOKEN_MIN_VALIDITY_SECONDS } from '../auth/authProvider';
import { toHttpError } from './problemDetails';

export type HttpClient = typeof fetchUtils.fetchJson;
export type TokenSource = Pick<KeycloakSession, 'token' | 'updateToken'>;

/**
 * A bearer token valid for a while yet (refreshed when needed). A token that cannot be refreshed surfaces as HTTP 401
 * so authProvider.checkError sends the user to log in again.
 */
export async function freshToken(keycloak: TokenSource): Promise<string> {
  try {
    await keycloak.updateToken(TOKEN_MIN_VALIDITY_SECONDS);
  } catch {
    throw new HttpError('ra.notification.logged_out', 401, null);
  }
  if (!keycloak.token) {
    throw new HttpError('ra.notification.logged_out', 401, null);
  }
  return keycloak.token;
}

/**
 * fetchJson with a fresh bearer token on every call, and problem+json errors mapped to HttpError (see
 * problemDetails.ts): the transport of ra-data-simple-rest's CRUD calls. Everything else goes through the generated
 * client (data/api.ts).
 */
export function createHttpClient(
  keycloak: TokenSource,
  fetchJson: HttpClient = fetchUtils.fetchJson,
): HttpClient {
  return async (url, options = {}) => {
    const token = await freshToken(keycloak);
    const headers = new Headers(options.headers ?? undefined);
    if (!headers.has('Accept')) {
      headers.set('Accept', 'application/json, application/problem+json');
    }
    headers.set('Authorization', `Bearer ${token}`);
    try {
      return await fetchJson(url, { ...options, headers });
    } catch (error) {
      throw toHttpError(error);
    }
  };
}
