import type { dashboardMessagesZh } from './dashboardMessagesZh';

/** Dashboard strings in English. */
export const dashboardMessagesEn: typeof dashboardMessagesZh = {
  title: 'Audit statistics',
  asOf: 'As of %{time}; overdue steps, open escalations and visits awaiting review are current',
  notForRole: 'Audit statistics are for station leads, audit supervisors and marketing managers; open the cases from the menu.',
  loadError: 'Could not load the statistics',
  empty: 'No cases in the selected period and unit.',
  filters: {
    find: 'Find a unit',
    from: 'From month',
    to: 'To month',
    unit: 'Unit',
    subUnit: 'Sub-unit',
    allSubUnits: '(all)',
    invalidPeriod: 'The start month must not be after the end month',
    up: 'Up to the parent unit',
  },
  figures: {
    suspected: 'Suspected',
    checkedOnSite: 'Checked on site',
    confirmed: 'Confirmed',
    confirmationRate: 'Confirmation rate',
    recovered: 'Back-billing and penalties recovered',
    backBilling: 'Back-billing %{amount}',
    penalty: 'Penalties %{amount}',
    overdueSteps: 'Overdue steps',
    openEscalations: 'Open escalations',
    tier: 'Tier %{tier}',
    noRate: '—',
    presenceReview: 'Suspected fake visits (awaiting review)',
    presenceFlagged: '%{count} flagged in the period',
    presenceOpen: 'Review queue',
  },
  trend: {
    title: 'Monthly trend',
    recoveredTitle: 'Recovered per month',
    ariaLabel: 'Monthly trend: suspected, checked on site, confirmed',
  },
  units: {
    title: 'Sub-units compared',
    empty: 'This unit has no sub-units.',
    open: 'Open the statistics of %{name}',
    ariaLabel: 'Suspected, checked on site and confirmed per sub-unit',
  },
};
