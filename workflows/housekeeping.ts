import { proxyActivities } from '@temporalio/workflow';
import type { HousekeepingActivities } from '../activities/housekeepingActivities';
import { HOUSEKEEPING_DEFAULTS, type HousekeepingInput, type HousekeepingResult } from '../domain/housekeepingContract';

const acts = proxyActivities<HousekeepingActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '10 minutes', maximumAttempts: 5 },
});

/** Removes what terminals left behind: never-confirmed evidence uploads and expired idempotency keys. */
export async function housekeeping(input: HousekeepingInput = {}): Promise<HousekeepingResult> {
  const abandonedUploadsSwept = await acts.sweepAbandonedUploads(input.uploadGraceMinutes ?? HOUSEKEEPING_DEFAULTS.uploadGraceMinutes);
  const idempotencyKeysPurged = await acts.purgeIdempotencyKeys(input.idempotencyRetentionDays ?? HOUSEKEEPING_DEFAULTS.idempotencyRetentionDays);
  return { abandonedUploadsSwept, idempotencyKeysPurged };
}
