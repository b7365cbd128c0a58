import { Admin, CustomRoutes, Resource, type AuthProvider, type DataProvider } from 'react-admin';
import { Route } from 'react-router-dom';
import { MyTasksPage, MY_TASKS_PATH } from './resources/myTasks';
import type { PublicConfig } from './boot/publicConfig';
import { PublicConfigContext } from './boot/PublicConfigContext';
import { KeycloakLoginPage } from './auth/KeycloakLoginPage';
import { i18nProvider } from './i18n/i18nProvider';
import { AppLayout } from './layout/AppLayout';
import { AppTitle } from './layout/AppTitle';
import { Dashboard } from './dashboard/Dashboard';
import cases, { CASES_RESOURCE } from './resources/cases';
import escalations, { ESCALATIONS_RESOURCE } from './resources/escalations';
import presenceReviews, { PRESENCE_REVIEWS_RESOURCE } from './resources/presenceReviews';
import announcements, { ANNOUNCEMENTS_RESOURCE } from './resources/announcements';
import regulations, { REGULATIONS_RESOURCE } from './resources/regulations';
import feedback, { FEEDBACK_RESOURCE } from './resources/feedback';
import consultations, { CONSULTATIONS_RESOURCE } from './resources/consultations';
import terminals, { personnel, PERSONNEL_RESOURCE, TERMINALS_RESOURCE } from './resources/terminals';
import customers, { CUSTOMERS_RESOURCE } from './resources/customers';
import campaigns, { CAMPAIGNS_RESOURCE } from './resources/campaigns';
import imports, { IMPORTS_RESOURCE } from './resources/imports';
import calendar, { CALENDAR_RESOURCE } from './resources/calendar';
import tariffs, { TARIFFS_RESOURCE } from './resources/tariffs';
import mustCheckItems, { MUST_CHECK_ITEMS_RESOURCE } from './resources/mustCheckItems';
import {
  judgementRuleSets,
  penaltyRuleSets,
  ruleVersions,
  JUDGEMENT_RULE_SETS_RESOURCE,
  PENALTY_RULE_SETS_RESOURCE,
  RULE_VERSIONS_RESOURCE,
} from './resources/rules';
import casePolicies, { CASE_POLICIES_RESOURCE } from './resources/casePolicies';
import { assessmentRankings, assessmentRuleSets, ASSESSMENT_RANKINGS_RESOURCE, ASSESSMENT_RULE_SETS_RESOURCE } from './resources/assessment';

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
        <Resource name={PRESENCE_REVIEWS_RESOURCE} {...presenceReviews} recordRepresentation="caseNo" />
        <Resource name={CUSTOMERS_RESOURCE} {...customers} recordRepresentation="name" />
        <Resource name={CAMPAIGNS_RESOURCE} {...campaigns} recordRepresentation="name" />
        <Resource name={IMPORTS_RESOURCE} {...imports} recordRepresentation="kind" />
        <Resource name={JUDGEMENT_RULE_SETS_RESOURCE} {...judgementRuleSets} recordRepresentation="version" />
        <Resource name={PENALTY_RULE_SETS_RESOURCE} {...penaltyRuleSets} recordRepresentation="version" />
        <Resource name={RULE_VERSIONS_RESOURCE} {...ruleVersions} />
        <Resource name={CASE_POLICIES_RESOURCE} {...casePolicies} recordRepresentation="version" />
        <Resource name={ASSESSMENT_RULE_SETS_RESOURCE} {...assessmentRuleSets} recordRepresentation="version" />
        <Resource name={ASSESSMENT_RANKINGS_RESOURCE} {...assessmentRankings} recordRepresentation="name" />
        <Resource name={CALENDAR_RESOURCE} {...calendar} />
        <Resource name={TARIFFS_RESOURCE} {...tariffs} />
        <Resource name={MUST_CHECK_ITEMS_RESOURCE} {...mustCheckItems} />
        <Resource name={ANNOUNCEMENTS_RESOURCE} {...announcements} recordRepresentation="title" />
        <Resource name={REGULATIONS_RESOURCE} {...regulations} recordRepresentation="title" />
        <Resource name={FEEDBACK_RESOURCE} {...feedback} />
        <Resource name={CONSULTATIONS_RESOURCE} {...consultations} recordRepresentation="subject" />
        <Resource name={TERMINALS_RESOURCE} {...terminals} recordRepresentation="label" />
        <Resource name={PERSONNEL_RESOURCE} {...personnel} recordRepresentation="displayName" />
        <CustomRoutes>
          <Route path={MY_TASKS_PATH} element={<MyTasksPage />} />
        </CustomRoutes>
      </Admin>
    </PublicConfigContext.Provider>
  );
}
