import { Admin, Resource, type AuthProvider, type DataProvider } from 'react-admin';
import type { PublicConfig } from './boot/publicConfig';
import { PublicConfigContext } from './boot/PublicConfigContext';
import { KeycloakLoginPage } from './auth/KeycloakLoginPage';
import { i18nProvider } from './i18n/i18nProvider';
import { AppLayout } from './layout/AppLayout';
import { AppTitle } from './layout/AppTitle';
import { Dashboard } from './dashboard/Dashboard';
import cases, { CASES_RESOURCE } from './resources/cases';
import escalations, { ESCALATIONS_RESOURCE } from './resources/escalations';

export interface AppProps {
  config: PublicConfig;
  authProvider: AuthProvider;
  dataProvider: DataProvider;
}

export function App({ config, authProvider, dataProvider }: AppProps) {
  return (
    <PublicConfigContext.Provider value={config}>
      <Admin
        title={<AppTitle />}
        authProvider={authProvider}
        dataProvider={dataProvider}
        i18nProvider={i18nProvider}
        loginPage={KeycloakLoginPage}
        layout={AppLayout}
        dashboard={Dashboard}
        requireAuth
        disableTelemetry
      >
        <Resource name={CASES_RESOURCE} {...cases} recordRepresentation="caseNo" />
        <Resource name={ESCALATIONS_RESOURCE} {...escalations} recordRepresentation="caseNo" />
      </Admin>
    </PublicConfigContext.Provider>
  );
}
