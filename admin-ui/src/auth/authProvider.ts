import type { AuthProvider } from 'ra-core';
import type Keycloak from 'keycloak-js';
import { canAccess } from './permissions';
import { extractIdentity, extractRoles, type JichaTokenClaims } from './tokenClaims';

/** Minimum seconds of validity a token must keep before it is used (else refreshed). */
export const TOKEN_MIN_VALIDITY_SECONDS = 30;

/** The subset of a keycloak-js instance the auth provider uses (lets tests pass a fake). */
export type KeycloakSession = Pick<
  Keycloak,
  'authenticated' | 'token' | 'tokenParsed' | 'updateToken' | 'login' | 'createLogoutUrl'
>;

export interface AuthProviderOptions {
  /** Absolute URL of the app root; Keycloak sends the browser back there. */
  appBaseUrl: string;
}

const claimsOf = (keycloak: KeycloakSession) =>
  keycloak.tokenParsed as JichaTokenClaims | undefined;

const statusOf = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null && 'status' in error
    ? Number((error as { status: unknown }).status)
    : undefined;

export function createAuthProvider(
  keycloak: KeycloakSession,
  { appBaseUrl }: AuthProviderOptions,
): AuthProvider {
  const refresh = async (): Promise<boolean> => {
    if (!keycloak.authenticated || !keycloak.token) return false;
    try {
      await keycloak.updateToken(TOKEN_MIN_VALIDITY_SECONDS);
      return true;
    } catch {
      return false;
    }
  };

  return {
    // Reached through the /login route (see KeycloakLoginPage).
    async login() {
      if (await refresh()) return; // already logged in: react-admin navigates to the app
      await keycloak.login({ redirectUri: appBaseUrl });
    },

    // Returning an absolute URL makes react-admin clear its store and navigate there:
    // Keycloak ends the SSO session and sends the browser back to the app root.
    async logout() {
      return keycloak.createLogoutUrl({ redirectUri: appBaseUrl });
    },

    async checkAuth() {
      if (!(await refresh())) {
        throw new Error('ra.auth.auth_check_error');
      }
    },

    async checkError(error: unknown) {
      if (statusOf(error) === 401) {
        // Token rejected by the API: end the session so the user logs in again.
        throw new Error('ra.notification.logged_out');
      }
      // 403 and everything else: stay logged in; the caller shows the error.
    },

    async getIdentity() {
      return extractIdentity(claimsOf(keycloak));
    },

    async getPermissions() {
      return extractRoles(claimsOf(keycloak));
    },

    async canAccess({ resource, action }) {
      return canAccess(extractRoles(claimsOf(keycloak)), resource, action);
    },
  };
}
