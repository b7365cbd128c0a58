import { z } from 'zod';

// Status workflows of usage feedback (意见反馈) and consultations (咨询管理): which action moves a row from which
// statuses to which. The back office and the API read the same table, so a button is offered only when legal.

export const FEEDBACK_STATUSES = ['open', 'in_progress', 'answered', 'closed'] as const;
export const FeedbackStatus = z.enum(FEEDBACK_STATUSES);
export type FeedbackStatus = z.infer<typeof FeedbackStatus>;

export const FEEDBACK_CATEGORIES = ['bug', 'suggestion', 'question', 'data_error', 'other'] as const;

export interface Transition<S extends string> {
  from: readonly S[];
  to: S;
  /** Whether the action carries text (reply or answer): required, optional, or none. */
  text: 'required' | 'optional' | 'none';
}

export const FEEDBACK_ACTIONS = {
  start: { from: ['open'], to: 'in_progress', text: 'none' },
  answer: { from: ['open', 'in_progress'], to: 'answered', text: 'required' },
  close: { from: ['open', 'in_progress', 'answered'], to: 'closed', text: 'optional' },
  reopen: { from: ['answered', 'closed'], to: 'in_progress', text: 'none' },
} as const satisfies Record<string, Transition<FeedbackStatus>>;
export type FeedbackAction = keyof typeof FEEDBACK_ACTIONS;

export const CONSULTATION_STATUSES = ['open', 'answered', 'closed'] as const;
export const ConsultationStatus = z.enum(CONSULTATION_STATUSES);
export type ConsultationStatus = z.infer<typeof ConsultationStatus>;

export const CONSULTATION_TOPICS = ['tariff', 'penalty', 'theft', 'metering', 'business_expansion', 'procedure', 'system', 'other'] as const;

export const CONSULTATION_ACTIONS = {
  answer: { from: ['open'], to: 'answered', text: 'required' },
  close: { from: ['open', 'answered'], to: 'closed', text: 'none' },
} as const satisfies Record<string, Transition<ConsultationStatus>>;
export type ConsultationAction = keyof typeof CONSULTATION_ACTIONS;

/** The actions legal from a status, in table order. */
export function actionsFrom<S extends string, A extends string>(table: Record<A, Transition<S>>, status: S): A[] {
  return (Object.keys(table) as A[]).filter((a) => (table[a].from as readonly S[]).includes(status));
}
