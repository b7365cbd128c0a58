// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { AdminContext, memoryStore, ResourceDefinitionContextProvider, type DataProvider } from 'react-admin';
import { i18nProvider } from '../i18n/i18nProvider';
import { canAccess } from '../auth/permissions';
import { fakeAuthProvider } from '../test/renderWithAdmin';
import { AppMenu } from './AppMenu';

// The menu entries of the catalogues every role reads (电价目录, 四必查项目), in the order App.tsx registers them.
const definitions = {
  cases: { name: 'cases', hasList: true, hasShow: true, hasEdit: false, hasCreate: true },
  tariffs: { name: 'tariffs', hasList: true, hasShow: false, hasEdit: false, hasCreate: false },
  'must-check-items': { name: 'must-check-items', hasList: true, hasShow: false, hasEdit: false, hasCreate: false },
};

function renderMenu(roles: string[]) {
  const authProvider = { ...fakeAuthProvider(roles), canAccess: async ({ resource, action }: { resource: string; action: string }) => canAccess(roles, resource, action) };
  render(
    <AdminContext i18nProvider={i18nProvider} dataProvider={{} as DataProvider} authProvider={authProvider} store={memoryStore()}>
      <ResourceDefinitionContextProvider definitions={definitions}>
        <AppMenu />
      </ResourceDefinitionContextProvider>
    </AdminContext>,
  );
}

describe('<AppMenu>: 我的待办, 电价目录 and 四必查项目', () => {
  it.each([
    ['inspector', ['我的待办', '稽查工单', '电价目录', '四必查项目']],
    ['supervisor', ['首页', '我的待办', '稽查工单', '电价目录', '四必查项目']],
    ['admin', ['电价目录', '四必查项目']],
  ])('%s sees %j', async (role, expected) => {
    renderMenu([role]);
    await waitFor(() => expect(screen.getAllByRole('menuitem').map((m) => m.textContent)).toEqual(expected));
  });
});
