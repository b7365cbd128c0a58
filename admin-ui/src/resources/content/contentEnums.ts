/**
 * Server enum values of the back-office content resources (announcements, regulations, feedback,
 * consultations, terminals); labels live in i18n under resources.<resource>.enums.<field>.<value>.
 * The action tables mirror domain/contentStatus.ts on the server (which answers 409 when a move is
 * illegal); here they only decide which buttons show.
 */
export const FEEDBACK_STATUSES = ['open', 'in_progress', 'answered', 'closed'] as const;
export const FEEDBACK_CATEGORIES = ['bug', 'suggestion', 'question', 'data_error', 'other'] as const;
export const FEEDBACK_ACTIONS = ['start', 'answer', 'close', 'reopen'] as const;
export const CONSULTATION_STATUSES = ['open', 'answered', 'closed'] as const;
export const CONSULTATION_TOPICS = ['tariff', 'penalty', 'theft', 'metering', 'business_expansion', 'procedure', 'system', 'other'] as const;
export const CONSULTATION_ACTIONS = ['answer', 'close'] as const;
export const ANNOUNCEMENT_STATES = ['scheduled', 'current', 'expired'] as const;
export const REGULATION_KINDS = ['regulation', 'notice'] as const;
export const TERMINAL_PLATFORMS = ['android', 'ios', 'pda', 'simulator', 'other'] as const;

export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];
export type FeedbackAction = (typeof FEEDBACK_ACTIONS)[number];
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];
export type ConsultationAction = (typeof CONSULTATION_ACTIONS)[number];

/** Every labelled enum, by resource and field (the messages test checks each value has a label). */
export const CONTENT_ENUMS = {
  announcements: { state: ANNOUNCEMENT_STATES },
  regulations: { kind: REGULATION_KINDS },
  feedback: { status: FEEDBACK_STATUSES, category: FEEDBACK_CATEGORIES, action: FEEDBACK_ACTIONS },
  consultations: { status: CONSULTATION_STATUSES, topic: CONSULTATION_TOPICS, action: CONSULTATION_ACTIONS },
  terminals: { platform: TERMINAL_PLATFORMS },
} as const;

export const contentLabel = (resource: keyof typeof CONTENT_ENUMS, field: string, value: string): string =>
  `resources.${resource}.enums.${field}.${value}`;

/** react-admin choices whose `name` is a translation key (Select* inputs translate them). */
export const contentChoices = (resource: keyof typeof CONTENT_ENUMS, field: string, values: readonly string[]) =>
  values.map((id) => ({ id, name: contentLabel(resource, field, id) }));

/** Chip colours of the status workflows: what needs attention stands out. */
export const STATUS_COLOR: Record<string, 'warning' | 'info' | 'success' | 'default'> = {
  open: 'warning',
  in_progress: 'info',
  answered: 'success',
  closed: 'default',
  scheduled: 'info',
  current: 'success',
  expired: 'default',
};
