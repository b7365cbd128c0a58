import { StrictMode, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { BootError } from './boot/BootError';
import { appBaseUrl } from './boot/appBaseUrl';
import { fetchPublicConfig } from './boot/publicConfig';
import { createAuthProvider } from './auth/authProvider';
import { createKeycloak, initKeycloak } from './auth/keycloakClient';
import { createAdminApi } from './data/api';
import { createDataProvider } from './data/dataProvider';
import { createHttpClient } from './data/httpClient';

/**
 * Boot: GET /api/public-config → keycloak-js login (redirects away when not logged in)
 * → render react-admin. Any failure before rendering shows BootError instead.
 */
async function boot(): Promise<ReactElement> {
  const config = await fetchPublicConfig();
  const keycloak = createKeycloak(config.keycloak);
  await initKeycloak(keycloak);
  const authProvider = createAuthProvider(keycloak, { appBaseUrl: appBaseUrl() });
  const dataProvider = createDataProvider(createHttpClient(keycloak), createAdminApi(keycloak));
  return <App config={config} authProvider={authProvider} dataProvider={dataProvider} />;
}

const root = createRoot(document.getElementById('root')!);

boot()
  .then((app) => root.render(<StrictMode>{app}</StrictMode>))
  .catch((error: unknown) => {
    console.error('jicha admin UI failed to start', error);
    root.render(<BootError error={error} />);
  });
