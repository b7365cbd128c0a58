// The daily judgement run (#21): imported by the workflow (types only), the activities, the API, the worker and tests.

export const JUDGEMENT_RUN_WORKFLOW = 'judgementRun';

/** The daily schedule; created or updated at worker start. */
export const JUDGEMENT_RUN_SCHEDULE_ID = 'judgement-run-daily';

/** An admin's manual run: one at a time. */
export const JUDGEMENT_RUN_MANUAL_ID = 'judgement-run-manual';

export interface JudgementRunInput {
  /** Who asked; 'schedule' for scheduled runs. */
  requestedBy: string;
  /** YYYY-MM; absent: the latest closed billing month. */
  asOfMonth?: string;
  /** A stored version (a draft, to see what it would flag); absent: the version in force. */
  ruleSetVersion?: string;
}

export interface JudgementRunResult {
  runId: number;
  ruleSetVersion: string;
  asOfMonth: string;
  customers: number | null;
  flagged: number | null;
}
