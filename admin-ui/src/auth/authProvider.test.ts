import { describe, expect, it, vi } from 'vitest';
import { HttpError } from 'ra-core';
import { createAuthProvider, type KeycloakSession } from './authProvider';

const APP = 'http://localhost:3000/';

function fakeKeycloak(overrides: Partial<KeycloakSession> = {}) {
  const kc = {
    authenticated: true,
    token: 'access-token',
    tokenParsed: {
      sub: 'user-1',
      name: '王五',
      preferred_username: 'wangwu',
      realm_access: { roles: ['default-roles-jicha', 'station_lead'] },
      org_unit: 'ou-9',
      org_unit_name: '咸安供电所',
    },
    updateToken: vi.fn(async () => true),
    login: vi.fn(async () => undefined),
    createLogoutUrl: vi.fn(
      (options?: { redirectUri?: string }) =>
        `http://kc/realms/jicha/protocol/openid-connect/logout?post_logout_redirect_uri=${options?.redirectUri}`,
    ),
    ...overrides,
  };
  return kc as unknown as KeycloakSession & {
    updateToken: ReturnType<typeof vi.fn>;
    login: ReturnType<typeof vi.fn>;
    createLogoutUrl: ReturnType<typeof vi.fn>;
  };
}

const access = (resource: string, action: string) => ({ resource, action, signal: undefined as never });

describe('authProvider with a fake keycloak', () => {
  it('getPermissions returns the realm roles the app knows', async () => {
    const provider = createAuthProvider(fakeKeycloak(), { appBaseUrl: APP });
    await expect(provider.getPermissions!({})).resolves.toEqual(['station_lead']);
  });

  it('getIdentity maps sub / name / org unit', async () => {
    const provider = createAuthProvider(fakeKeycloak(), { appBaseUrl: APP });
    await expect(provider.getIdentity!()).resolves.toMatchObject({
      id: 'user-1',
      fullName: '王五',
      orgUnit: 'ou-9',
      orgUnitName: '咸安供电所',
      roles: ['station_lead'],
    });
  });

  it('canAccess follows the roles in the token', async () => {
    const lead = createAuthProvider(fakeKeycloak(), { appBaseUrl: APP });
    await expect(lead.canAccess!(access('cases', 'list'))).resolves.toBe(true);
    await expect(lead.canAccess!(access('cases', 'create'))).resolves.toBe(false);

    const manager = createAuthProvider(
      fakeKeycloak({ tokenParsed: { sub: 'm', realm_access: { roles: ['manager'] } } }),
      { appBaseUrl: APP },
    );
    await expect(manager.canAccess!(access('cases', 'create'))).resolves.toBe(true);
    await expect(manager.canAccess!(access('cases', 'delete'))).resolves.toBe(false);
  });

  it('checkAuth refreshes the token with a 30 s margin', async () => {
    const kc = fakeKeycloak();
    const provider = createAuthProvider(kc, { appBaseUrl: APP });
    await expect(provider.checkAuth({})).resolves.toBeUndefined();
    expect(kc.updateToken).toHaveBeenCalledWith(30);
  });

  it('checkAuth rejects when the refresh fails or the user is not authenticated', async () => {
    const expired = fakeKeycloak({ updateToken: vi.fn(async () => Promise.reject(new Error('x'))) });
    await expect(createAuthProvider(expired, { appBaseUrl: APP }).checkAuth({})).rejects.toThrow();
    const anonymous = fakeKeycloak({ authenticated: false, token: undefined });
    await expect(createAuthProvider(anonymous, { appBaseUrl: APP }).checkAuth({})).rejects.toThrow();
    expect(anonymous.updateToken).not.toHaveBeenCalled();
  });

  it('checkError logs out on 401 only', async () => {
    const provider = createAuthProvider(fakeKeycloak(), { appBaseUrl: APP });
    await expect(provider.checkError(new HttpError('Unauthorized', 401))).rejects.toThrow();
    await expect(provider.checkError(new HttpError('Forbidden', 403))).resolves.toBeUndefined();
    await expect(provider.checkError(new HttpError('Bad', 422))).resolves.toBeUndefined();
    await expect(provider.checkError(new Error('network'))).resolves.toBeUndefined();
  });

  it('logout returns the Keycloak end-session URL that comes back to the app root', async () => {
    const kc = fakeKeycloak();
    const url = await createAuthProvider(kc, { appBaseUrl: APP }).logout({});
    expect(kc.createLogoutUrl).toHaveBeenCalledWith({ redirectUri: APP });
    expect(url).toMatch(/^http:\/\/kc\/.*post_logout_redirect_uri=http:\/\/localhost:3000\/$/);
  });

  it('login redirects to Keycloak unless the session is still valid', async () => {
    const loggedIn = fakeKeycloak();
    await createAuthProvider(loggedIn, { appBaseUrl: APP }).login({});
    expect(loggedIn.login).not.toHaveBeenCalled();

    const expired = fakeKeycloak({ updateToken: vi.fn(async () => Promise.reject(new Error('x'))) });
    await createAuthProvider(expired, { appBaseUrl: APP }).login({});
    expect(expired.login).toHaveBeenCalledWith({ redirectUri: APP });
  });
});
