// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { AdminContext, memoryStore, RecordContextProvider, useGetIdentity, type DataProvider } from 'react-admin';
import { i18nProvider } from '../../i18n/i18nProvider';
import { fakeAuthProvider } from '../../test/renderWithAdmin';
import { PublicConfigContext } from '../../boot/PublicConfigContext';
import type { PublicConfig } from '../../boot/publicConfig';
import { OpenInTemporalButton } from './OpenInTemporalButton';

const CONFIG = { keycloak: { url: 'http://kc', realm: 'jicha', clientId: 'admin-ui' }, temporalUiUrl: 'http://temporal.test:8233' } as PublicConfig;

/** Shows the roles once the identity is read: the same read the button waits for. */
function IdentityProbe() {
  const { identity } = useGetIdentity();
  return identity ? <span data-testid="identity-read">{String(identity.roles)}</span> : null;
}

function renderAs(roles: string[]) {
  const authProvider = { ...fakeAuthProvider(roles), getIdentity: async () => ({ id: 'u1', fullName: 'U', roles }) };
  render(
    <AdminContext i18nProvider={i18nProvider} dataProvider={{} as DataProvider} authProvider={authProvider} store={memoryStore()}>
      <PublicConfigContext.Provider value={CONFIG}>
        <RecordContextProvider value={{ id: 'c-1', workflowId: 'inspectionCase-c-1' }}>
          <OpenInTemporalButton />
          <IdentityProbe />
        </RecordContextProvider>
      </PublicConfigContext.Provider>
    </AdminContext>,
  );
}

describe('<OpenInTemporalButton>: engine details for admins only', () => {
  it('links an admin to the workflow in the Temporal Web UI', async () => {
    renderAs(['admin']);
    const link = await screen.findByTestId('open-in-temporal');
    expect(link.getAttribute('href')).toBe('http://temporal.test:8233/namespaces/default/workflows/inspectionCase-c-1');
  });

  it('shows a supervisor nothing of it', async () => {
    renderAs(['supervisor']);
    expect((await screen.findByTestId('identity-read')).textContent).toBe('supervisor');
    expect(screen.queryByTestId('open-in-temporal')).toBeNull();
    expect(document.body.textContent).not.toContain('Temporal');
  });
});
