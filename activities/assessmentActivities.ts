import type pg from 'pg';
import { ApplicationFailure } from '@temporalio/common';
import { closePeriod } from '../db/assessmentPeriods';
import { periodBounds } from '../domain/assessmentRules';
import type { PeriodCloseResult } from '../domain/periodCloseContract';

export function createAssessmentActivities({ pool }: { pool: pg.Pool }) {
  return {
    /** Freezes one month in one transaction; a closed month is returned as it was frozen. */
    async closeAssessmentPeriod(req: { period: string; requestedBy: string }): Promise<PeriodCloseResult> {
      if (Date.parse(periodBounds(req.period).end) > Date.now()) {
        throw ApplicationFailure.nonRetryable(`${req.period} has not ended yet`, 'PeriodNotClosable');
      }
      const { period, closedNow } = await closePeriod(pool, req.period, req.requestedBy);
      return { period: period.period, ruleSetVersion: period.ruleSetVersion, caseCount: period.caseCount, closedAt: period.closedAt, closedNow };
    },
  };
}

export type AssessmentActivities = ReturnType<typeof createAssessmentActivities>;
