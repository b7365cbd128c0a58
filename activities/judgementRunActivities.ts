import type pg from 'pg';
import type { JudgementRunInput, JudgementRunResult } from '../domain/judgementRunContract';
import { runDailyJudgement } from '../services/judgementRuns/judgementRuns';

export function createJudgementRunActivities({ pool }: { pool: pg.Pool }) {
  return {
    /** Calibrates, judges the whole customer base and stores it; a retry replaces the rows of the same version and month. */
    async runStoredJudgement(input: JudgementRunInput): Promise<JudgementRunResult> {
      const run = await runDailyJudgement(pool, input);
      return { runId: run.id, ruleSetVersion: run.ruleSetVersion, asOfMonth: run.asOfMonth, customers: run.customers, flagged: run.flagged };
    },
  };
}

export type JudgementRunActivities = ReturnType<typeof createJudgementRunActivities>;
