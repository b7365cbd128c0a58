import type { ApiBody, ApiItem, ApiPathParams } from '../../data/api';
import { valuesOf } from '../../data/enumValues';

/**
 * The enum values of the back-office content resources (announcements, regulations, feedback, consultations,
 * terminals) in the UI's order, checked against the generated API types; labels live in i18n under
 * resources.<resource>.enums.<field>.<value>. Which status moves are legal the API says per record (`actions`,
 * 409 when a move is refused); here the lists only decide labels and button order.
 */
type Feedback = ApiItem<'/api/feedback'>;
type Consultation = ApiItem<'/api/consultations'>;
export type FeedbackStatus = Feedback['status'];
export type FeedbackAction = ApiPathParams<'/api/feedback/{id}/{action}', 'post'>['action'];
export type ConsultationStatus = Consultation['status'];
/** POST /api/consultations/:id/answer and /close. */
export type ConsultationAction = 'answer' | 'close';

export const FEEDBACK_STATUSES = valuesOf<FeedbackStatus>()(['open', 'in_progress', 'answered', 'closed']);
export const FEEDBACK_CATEGORIES = valuesOf<Feedback['category']>()(['bug', 'suggestion', 'question', 'data_error', 'other']);
export const FEEDBACK_ACTIONS = valuesOf<FeedbackAction>()(['start', 'answer', 'close', 'reopen']);
export const CONSULTATION_STATUSES = valuesOf<ConsultationStatus>()(['open', 'answered', 'closed']);
export const CONSULTATION_TOPICS = valuesOf<Consultation['topic']>()(['tariff', 'penalty', 'theft', 'metering', 'business_expansion', 'procedure', 'system', 'other']);
export const CONSULTATION_ACTIONS = valuesOf<ConsultationAction>()(['answer', 'close']);
export const ANNOUNCEMENT_STATES = valuesOf<ApiItem<'/api/announcements'>['state']>()(['scheduled', 'current', 'expired']);
export const REGULATION_KINDS = valuesOf<ApiItem<'/api/regulations'>['kind']>()(['regulation', 'notice']);
export const TERMINAL_PLATFORMS = valuesOf<ApiBody<'/api/terminals'>['platform']>()(['android', 'ios', 'pda', 'simulator', 'other']);

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
