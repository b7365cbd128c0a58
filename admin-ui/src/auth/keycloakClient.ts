import Keycloak, { type KeycloakInitOptions } from 'keycloak-js';
import type { KeycloakPublicConfig } from '../boot/publicConfig';

/** Standard flow (authorization code) with PKCE S256; the login page is forced at boot. */
export const KEYCLOAK_INIT_OPTIONS: KeycloakInitOptions = {
  onLoad: 'login-required',
  flow: 'standard',
  pkceMethod: 'S256',
  checkLoginIframe: false,
};

export function createKeycloak(config: KeycloakPublicConfig): Keycloak {
  return new Keycloak({ url: config.url, realm: config.realm, clientId: config.clientId });
}

/**
 * Resolves once the user is authenticated. When not logged in, keycloak-js redirects the
 * browser to the Keycloak login page and this promise never settles.
 */
export async function initKeycloak(keycloak: Keycloak): Promise<void> {
  const authenticated = await keycloak.init(KEYCLOAK_INIT_OPTIONS);
  if (!authenticated) {
    await keycloak.login();
  }
}
