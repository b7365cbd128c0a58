import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { AssessmentActivities } from '../activities/assessmentActivities';
import type { PeriodCloseInput, PeriodCloseResult } from '../domain/periodCloseContract';
import { previousPeriod } from '../domain/assessmentRules';

// One transaction over a month's lines: seconds for a city, minutes at most for a province.
const acts = proxyActivities<AssessmentActivities>({
  startToCloseTimeout: '15 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', nonRetryableErrorTypes: ['PeriodNotClosable'] },
});

/** Freezes a month's assessment totals and rankings; closing a closed month changes nothing. */
export async function periodClose(input: PeriodCloseInput): Promise<PeriodCloseResult> {
  // A scheduled run closes the month before the one it was started in (China time).
  const period = input.period ?? previousPeriod(workflowInfo().runStartTime);
  return acts.closeAssessmentPeriod({ period, requestedBy: input.requestedBy });
}
