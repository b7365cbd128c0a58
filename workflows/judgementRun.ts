import { proxyActivities } from '@temporalio/workflow';
import type { JudgementRunActivities } from '../activities/judgementRunActivities';
import type { JudgementRunInput, JudgementRunResult } from '../domain/judgementRunContract';

const acts = proxyActivities<JudgementRunActivities>({
  startToCloseTimeout: '2 hours',
  retry: { initialInterval: '1 minute', maximumInterval: '30 minutes', maximumAttempts: 3 },
});

/** The stored daily judgement run (daily schedule or an admin's manual run): one activity does the work. */
export async function judgementRun(input: JudgementRunInput): Promise<JudgementRunResult> {
  return acts.runStoredJudgement(input);
}
