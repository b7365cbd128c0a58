import type { AppMessages } from './appMessagesZh';

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
    roles: {
      inspector: 'Inspector',
      station_lead: 'Station lead',
      supervisor: 'Audit supervisor',
      manager: 'Marketing manager',
      admin: 'Administrator',
    },
  },
  resources: {
    cases: {
      name: 'Audit case |||| Audit cases',
      fields: {
        id: 'ID',
        caseNo: 'Case no.',
        customerAccountNo: 'Customer account no.',
        customerName: 'Customer name',
        origin: 'Origin',
        stage: 'Stage',
        priority: 'Priority',
        orgUnitName: 'Org unit',
        createdAt: 'Created at',
        updatedAt: 'Updated at',
        workflowId: 'Workflow ID',
        note: 'Note',
        q: 'Search',
      },
      enums: {
        origin: {
          routine: 'Routine audit',
          special: 'Special audit',
          custom: 'Custom audit',
        },
        stage: {
          judgement: 'Initial judgement',
          field_evidence: 'Field evidence',
          rectification: 'Rectification',
          verification: 'Verification',
          assessment: 'Assessment',
          closed: 'Closed',
          dismissed: 'Dismissed',
          cancelled: 'Cancelled',
        },
        priority: {
          low: 'Low',
          normal: 'Normal',
          high: 'High',
          urgent: 'Urgent',
        },
      },
      actions: {
        openInTemporal: 'Open in Temporal',
      },
      helpers: {
        customerAccountNo: '10-digit customer account number',
        note: 'At most 500 characters',
      },
      validation: {
        customerAccountNo: 'The account number must be exactly 10 digits',
      },
      notifications: {
        created: 'Audit case created',
      },
    },
  },
};
