import type { AppMessages } from './appMessagesZh';
import { casesMessagesEn } from './casesMessagesEn';
import { cockpitMessagesEn } from './cockpitMessagesEn';
import { escalationsMessagesEn } from './escalationsMessagesEn';
import { contentMessagesEn } from './contentMessagesEn';
import { customersMessagesEn } from './customersMessagesEn';
import { campaignsMessagesEn } from './campaignsMessagesEn';
import { importsMessagesEn } from './importsMessagesEn';
import { rulesMessagesEn } from './rulesMessagesEn';
import { dashboardMessagesEn } from './dashboardMessagesEn';
import { assessmentMessagesEn } from './assessmentMessagesEn';
import { casePoliciesMessagesEn } from './casePoliciesMessagesEn';
import { calendarMessagesEn } from './calendarMessagesEn';
import { tariffsMessagesEn } from './tariffsMessagesEn';
import { mustCheckMessagesEn } from './mustCheckMessagesEn';
import { orgPickerMessagesEn } from './orgPickerMessagesEn';
import { flagsMessagesEn } from './flagsMessagesEn';
import { peopleMessagesEn } from './peopleMessagesEn';
import { caseStepsMessagesEn } from './caseStepsMessagesEn';
import { presenceMessagesEn, presenceReviewsMessagesEn } from './presenceMessagesEn';
import { caseMapMessagesEn, evidenceViewerMessagesEn } from './caseMapMessagesEn';

/** App strings in English; typed against the Chinese file so no key can be missed. */
export const appMessagesEn: AppMessages = {
  app: {
    title: 'jicha',
    auth: {
      redirecting: 'Redirecting to single sign-on…',
    },
    user: {
      orgUnit: 'Org unit',
      roles: 'Roles',
      noOrgUnit: 'No org unit assigned',
      noRoles: 'No role in this application',
    },
    dashboard: {
      title: 'Home',
      welcome: 'Welcome, %{name}',
      intro:
        'Marketing audit loop: monitoring & analysis → on-site verification → supervised rectification → benchmark assessment.',
      version: 'Version %{version}',
    },
    changes: { added: 'added', removed: 'removed' },
    states: {
      loadError: 'Could not load',
      retry: 'Retry',
    },
    inbox: {
      title: 'Inbox',
      button: 'Inbox (1 unread) |||| Inbox (%{smart_count} unread)',
      empty: 'No messages',
      kinds: {
        reminder: 'Reminder',
        escalation_tier1: 'Tier 1 escalation',
        escalation_tier2: 'Tier 2 escalation',
        escalation_tier3: 'Tier 3 escalation',
        recording_failed: 'Recording failed',
        evidence_integrity: 'Evidence integrity alert',
      },
    },
    problems: {
      caseStep: {
        WrongStage: 'The case is not at a stage that allows this (someone may have acted already); reload the case.',
        WrongActor: 'This step is not yours: it belongs to the case\'s current holder or another role.',
        IncompleteStep: 'Something is missing.',
        InvalidStep: 'This does not fit the case as it stands.',
        StepInProgress: 'Another step of the case is being processed; try again in a moment.',
        PresenceWeak: 'The visit\'s proof of presence is weak: give a justification.',
        UnderReview: 'The field visit is under review (suspected fake visit): the supervisor decides first.',
        refused: 'The case workflow refused the step.',
      },
      caseEnded: 'The case has ended; no further steps are possible.',
      caseImported: 'This case was imported from the previous system and is archived: it has no workflow, so no step can be taken.',
      caseNotVisible: 'No such case among the cases you may see.',
      workflowUnavailable: 'The case workflow is not answering; the step may still take effect. Reload the case before trying again.',
      databaseUnavailable: 'The database is not reachable right now; nothing was changed. Try again in a few seconds.',
      presenceReviewNone: 'This case\'s field visit was never put on review.',
      // a list request (#19): a stale or damaged page cursor
      list: {
        'bad-cursor': 'The page position is invalid; go back to the first page and search again.',
        'cursor-with-range': 'A page position and a row range cannot be used together.',
      },
      // money on a rectification order (#17): the problem's detail carries the figures
      money: {
        rectification: {
          'unknown-tariff': 'The tariff category is not in the province\'s tariff catalogue; pick one from the catalogue',
          'amount-typed': 'The recovered amount cannot be typed: report the amount collected and the receipt number',
          'no-money-actions': 'This order has no back-billing or penalty; no amount can be reported',
          'collected-required': 'Report the amount collected',
          'collected-above-computed': 'The amount collected exceeds the computed total',
          'receipt-required': 'A receipt number is required when an amount was collected',
        },
        penalty: {
          'no-tariff-price': 'The tariff category has no price in force on the detection day',
          'prices-or-categories': 'Give both prices, or both tariff categories (applied and correct)',
          'prices-missing': 'Prices are missing: give the prices or the tariff categories',
          'multiplier-above-ceiling': 'The chosen multiple (rate) exceeds the ceiling',
          'justification-required': 'The chosen multiple (rate) differs from the default: give a justification (2–200 characters)',
          'no-rule-set': 'No penalty rule set is in force on the detection day',
          rule: {
            'default-above-ceiling': 'The default must not exceed the ceiling',
          },
        },
        verification: {
          'collected-unconfirmed': 'The amount collected differs from the computed total: confirm it to pass',
        },
        tariff: {
          'unknown-category': 'The catalogue has no such tariff category',
          'price-exists': 'A price from that day already exists (price versions are never edited)',
        },
      },
    },
    roles: {
      inspector: 'Inspector',
      station_lead: 'Station lead',
      supervisor: 'Audit supervisor',
      manager: 'Marketing manager',
      admin: 'Administrator',
    },
  },
  resources: {
    cases: casesMessagesEn,
    escalations: escalationsMessagesEn,
    ...contentMessagesEn,
    customers: customersMessagesEn,
    campaigns: campaignsMessagesEn,
    imports: importsMessagesEn,
    ...rulesMessagesEn,
    ...assessmentMessagesEn,
    ...casePoliciesMessagesEn,
    'presence-reviews': presenceReviewsMessagesEn,
    calendar: calendarMessagesEn,
    tariffs: tariffsMessagesEn,
    'must-check-items': mustCheckMessagesEn,
  },
  dashboard: dashboardMessagesEn,
  presence: presenceMessagesEn,
  caseMap: caseMapMessagesEn,
  evidenceViewer: evidenceViewerMessagesEn,
  orgPicker: orgPickerMessagesEn,
  flags: flagsMessagesEn,
  people: peopleMessagesEn,
  caseSteps: caseStepsMessagesEn,
  cockpit: cockpitMessagesEn,
};
