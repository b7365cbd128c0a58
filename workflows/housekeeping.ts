import { patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { HousekeepingActivities } from '../activities/housekeepingActivities';
import { HOUSEKEEPING_DEFAULTS, type HousekeepingInput, type HousekeepingResult } from '../domain/housekeepingContract';
import { PATCHES } from './patches';

const acts = proxyActivities<HousekeepingActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '10 minutes', maximumAttempts: 5 },
});

/**
 * Removes what terminals left behind (never-confirmed evidence uploads, expired idempotency keys), then re-verifies a
 * sample of confirmed evidence (write-once: a changed, missing or overwritten object is flagged on its case), then keeps
 * the append-only logs' month partitions ready.
 */
export async function housekeeping(input: HousekeepingInput = {}): Promise<HousekeepingResult> {
  const abandonedUploadsSwept = await acts.sweepAbandonedUploads(input.uploadGraceMinutes ?? HOUSEKEEPING_DEFAULTS.uploadGraceMinutes);
  const idempotencyKeysPurged = await acts.purgeIdempotencyKeys(input.idempotencyRetentionDays ?? HOUSEKEEPING_DEFAULTS.idempotencyRetentionDays);
  const result: HousekeepingResult = { abandonedUploadsSwept, idempotencyKeysPurged };
  // A run started before the sweep existed replays without it (tests/workflows/housekeepingHistories/).
  const sample = input.integritySample ?? HOUSEKEEPING_DEFAULTS.integritySample;
  if (patched(PATCHES.housekeepingIntegritySweep) && sample > 0) {
    // the run id names the checks this run recorded (evidence_integrity_checks.run_id)
    const info = workflowInfo();
    result.integrity = await acts.verifyEvidenceSample(sample, `${info.workflowId}/${info.runId}`);
  }
  // Daily, though a partition is needed monthly: a missed day costs nothing, DEFAULT is emptied soon after a stray row.
  if (patched(PATCHES.housekeepingLogPartitions)) {
    result.logPartitions = await acts.ensureLogPartitions(input.logPartitionMonthsAhead ?? HOUSEKEEPING_DEFAULTS.logPartitionMonthsAhead);
  }
  return result;
}
