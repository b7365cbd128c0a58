// The monthly assessment period close (对标考核月结): imported by the workflow, the activities, the API, the worker and tests.
// The workflow imports types only (`import type`), so the zod schema stays out of its bundle.
import { z } from 'zod';

export const PERIOD_CLOSE_WORKFLOW = 'periodClose';

/** The monthly schedule that closes the month before; created or updated at worker start. */
export const PERIOD_CLOSE_SCHEDULE_ID = 'assessment-period-close-monthly';

/** One workflow id per month: closing a month on demand twice finds the same run (or re-runs it harmlessly). */
export function periodCloseWorkflowId(period: string): string {
  return `assessment-period-close-${period}`;
}

export interface PeriodCloseInput {
  /** YYYY-MM; absent on scheduled runs, which close the month before the run's start (China time). */
  period?: string;
  /** Who asked; 'schedule' for scheduled runs. */
  requestedBy: string;
}

export const PeriodCloseResult = z.object({
  period: z.string(),
  ruleSetVersion: z.string(),
  caseCount: z.number().int(),
  closedAt: z.string(),
  closedNow: z.boolean().describe('False when the period had already been closed: the run changed nothing'),
});
export type PeriodCloseResult = z.infer<typeof PeriodCloseResult>;
