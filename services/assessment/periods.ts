import type pg from 'pg';
import type { Client } from '@temporalio/client';
import { PERIOD_CLOSE_WORKFLOW, periodCloseWorkflowId, type PeriodCloseInput } from '../../domain/periodCloseContract';
import { periodBounds, periodOf } from '../../domain/assessmentRules';
import type { Principal } from '../../domain/roles';
import { recordOverturn } from '../../db/assessmentScores';
import { withTransaction } from '../../db/pool';
import { codedProblem } from '../../http/problem';
import { caseInScope } from '../access/caseAccess';
import { ruleSetLifecycle } from '../ruleSets/lifecycle';

// 对标考核 by month: rankings (provisional until the month is closed), a party's breakdown, overturned confirmations.

export { listPeriods, partyBreakdown, periodStandings } from '../../db/assessmentPeriods';
export { partyInfo, rescoredTotals } from '../../db/assessmentScores';

/** A month must have started and lie under some published rule set before it can be ranked. */
export async function requireRankable(pool: pg.Pool, period: string): Promise<void> {
  if (period > periodOf(new Date())) throw codedProblem(422, 'Invalid period', 'period.not-started', { period }, 'zh-CN', { errors: [{ path: 'period', message: 'must not be in the future' }] });
  if (!(await ruleSetLifecycle('assessment', { pool }).inForceAt(new Date(Date.parse(periodBounds(period).end) - 1)))) {
    throw codedProblem(422, 'Invalid period', 'period.no-rule-set', { period }, 'zh-CN', { errors: [{ path: 'period', message: 'before the first rule set' }] });
  }
}

/**
 * Records that a closed case's confirmed problem was overturned later (复核推翻): its assessment item is scored now,
 * once, under the case's own rule-set version. 409 when the case is not scored yet or already overturned.
 */
export async function overturnConfirmation(pool: pg.Pool, principal: Principal, caseId: string, reason: string) {
  await caseInScope(pool, caseId, principal);
  const out = await withTransaction(pool, (c) => recordOverturn(c, caseId, reason, new Date().toISOString()));
  if (!out.ok) {
    if (out.reason === 'not_scored') throw codedProblem(409, 'Conflict', 'score.not-scored', {}, 'zh-CN');
    if (out.reason === 'not_confirmed') throw codedProblem(422, 'Not confirmed', 'score.not-confirmed', {}, 'zh-CN');
    throw codedProblem(409, 'Conflict', 'score.already-overturned', {}, 'zh-CN');
  }
  return { caseId, line: out.line };
}

/**
 * Starts the month's close (对标考核月结, the periodClose workflow; the monthly schedule runs the same). The same id for
 * the same month: a concurrent request joins the running close; a later one re-runs it harmlessly. The handle's result
 * is the closed period.
 */
export function startPeriodClose(temporal: Client, taskQueue: string, period: string, requestedBy: string) {
  const input: PeriodCloseInput = { period, requestedBy };
  return temporal.workflow.start(PERIOD_CLOSE_WORKFLOW, {
    taskQueue, workflowId: periodCloseWorkflowId(period), args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING', workflowIdReusePolicy: 'ALLOW_DUPLICATE',
  });
}
