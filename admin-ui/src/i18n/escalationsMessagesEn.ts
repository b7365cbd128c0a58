import type { EscalationsMessages } from './escalationsMessagesZh';

/** Strings of the escalation board in English. */
export const escalationsMessagesEn: EscalationsMessages = {
  name: 'Escalation |||| Escalations',
  fields: {
    tier: 'Tier',
    stage: 'Stage',
    raisedAt: 'Raised at',
  },
  filter: {
    label: 'Status',
    open: 'Open',
    resolved: 'Resolved',
  },
  total: '1 in all |||| %{smart_count} in all',
  truncated: 'Showing the oldest %{shown} of %{total}.',
  emptyOpen: 'No open escalation',
  emptyResolved: 'No resolved escalation',
  card: {
    age: 'Escalated %{duration} ago',
    overdue: 'Overdue by %{duration}',
    pending: 'Waiting for: %{who}',
    raised: 'Raised %{time} · %{unit}',
    resolved: 'Resolved %{time}',
  },
};
