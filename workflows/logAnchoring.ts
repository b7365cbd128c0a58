import { proxyActivities } from '@temporalio/workflow';
import type { HousekeepingActivities } from '../activities/housekeepingActivities';
import type { LogAnchorResult } from '../domain/logAnchorContract';

const acts = proxyActivities<HousekeepingActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '1 minute', maximumAttempts: 3 },
});

/** Signs the heads of the audit trail and the case log into write-once storage (docs/integrity.md). */
export async function logAnchoring(): Promise<LogAnchorResult> {
  return acts.anchorLogHeads();
}
