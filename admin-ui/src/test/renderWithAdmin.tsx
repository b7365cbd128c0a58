import type { ReactElement } from 'react';
import { afterEach } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { AdminContext, memoryStore, type AuthProvider, type DataProvider } from 'react-admin';
import { i18nProvider } from '../i18n/i18nProvider';

afterEach(() => cleanup());

/** An auth provider whose user has the given roles (permissions = roles, as in the app). */
export function fakeAuthProvider(roles: string[]): AuthProvider {
  return {
    login: async () => undefined,
    logout: async () => undefined,
    checkAuth: async () => undefined,
    checkError: async () => undefined,
    getPermissions: async () => roles,
    getIdentity: async () => ({ id: 'u1', fullName: 'Test User' }),
  };
}

/** Renders inside react-admin's contexts (i18n zh-CN, theme, react-query, router, store). */
export function renderWithAdmin(
  ui: ReactElement,
  { dataProvider, roles = ['supervisor'] }: { dataProvider?: Partial<DataProvider>; roles?: string[] } = {},
) {
  return render(
    <AdminContext
      i18nProvider={i18nProvider}
      dataProvider={(dataProvider ?? {}) as DataProvider}
      authProvider={fakeAuthProvider(roles)}
      store={memoryStore()}
    >
      {ui}
    </AdminContext>,
  );
}
