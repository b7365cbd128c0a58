// Daily housekeeping of the terminal API's leftovers and the evidence re-verification sweep: imported by the workflow,
// the activities, the worker and tests.

export const HOUSEKEEPING_WORKFLOW = 'housekeeping';

/** The daily schedule; created or updated at worker start. */
export const HOUSEKEEPING_SCHEDULE_ID = 'housekeeping-daily';

export interface HousekeepingInput {
  /** Uploads whose presigned PUT expired longer ago than this are abandoned (objects deleted, rows rejected). */
  uploadGraceMinutes?: number;
  /** Terminal idempotency keys are kept this long (terminals retry within hours, offline sync within days). */
  idempotencyRetentionDays?: number;
  /** Confirmed evidence items re-hashed per run, least recently checked first (EVIDENCE_SWEEP_SAMPLE; 0: none). */
  integritySample?: number;
  /** Month partitions of the append-only logs kept ready after the current Beijing month (db/logPartitions.ts). */
  logPartitionMonthsAhead?: number;
}

/** One log's partition maintenance (db/logPartitions.ts). */
export interface LogPartitionCounts {
  table: string;
  partitionsCreated: number;
  rowsMoved: number;
  leftInDefault: number;
}

/** The re-verification sweep's counts (services/evidence/integritySweep.ts). */
export interface IntegritySweepCounts {
  runId: string;
  checked: number;
  ok: number;
  mismatch: number;
  missing: number;
  newerVersion: number;
  seconds: number;
}

export interface HousekeepingResult {
  abandonedUploadsSwept: number;
  idempotencyKeysPurged: number;
  /** Absent from runs recorded before the sweep was added, and when the sample is 0. */
  integrity?: IntegritySweepCounts;
  /** Absent from runs recorded before partition maintenance was added (#19). */
  logPartitions?: LogPartitionCounts[];
}

export const HOUSEKEEPING_DEFAULTS = { uploadGraceMinutes: 60, idempotencyRetentionDays: 30, integritySample: 200, logPartitionMonthsAhead: 3 } as const;
