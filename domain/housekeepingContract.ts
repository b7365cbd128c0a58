// Daily housekeeping of the terminal API's leftovers: imported by the workflow, the activities, the worker and tests.

export const HOUSEKEEPING_WORKFLOW = 'housekeeping';

/** The daily schedule; created or updated at worker start. */
export const HOUSEKEEPING_SCHEDULE_ID = 'housekeeping-daily';

export interface HousekeepingInput {
  /** Uploads whose presigned PUT expired longer ago than this are abandoned (objects deleted, rows rejected). */
  uploadGraceMinutes?: number;
  /** Terminal idempotency keys are kept this long (terminals retry within hours, offline sync within days). */
  idempotencyRetentionDays?: number;
}

export interface HousekeepingResult {
  abandonedUploadsSwept: number;
  idempotencyKeysPurged: number;
}

export const HOUSEKEEPING_DEFAULTS = { uploadGraceMinutes: 60, idempotencyRetentionDays: 30 } as const;
