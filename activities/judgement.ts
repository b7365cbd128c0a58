import type pg from 'pg';
import { ApplicationFailure } from '@temporalio/common';
import type { JudgementRequest, JudgementResult } from '../domain/judgement';
import { createCaseJudge, UnknownCampaignError, UnknownCustomerError } from '../db/caseJudge';

/** The case workflow's judgement stage (系统初判): rules as data, customer data through the upstream connector. */
export function createJudgementActivities({ pool }: { pool: pg.Pool }) {
  const judge = createCaseJudge(pool);
  return {
    async judgeCase(req: JudgementRequest): Promise<JudgementResult> {
      try {
        return await judge.judge(req);
      } catch (e) {
        // Retrying cannot make a missing customer or campaign appear.
        if (e instanceof UnknownCustomerError) throw ApplicationFailure.nonRetryable(e.message, 'UnknownCustomer');
        if (e instanceof UnknownCampaignError) throw ApplicationFailure.nonRetryable(e.message, 'UnknownCampaign');
        throw e;
      }
    },
  };
}

export type JudgementActivities = ReturnType<typeof createJudgementActivities>;
