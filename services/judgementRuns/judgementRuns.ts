import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { lastClosedMonth } from '../../domain/billingMonths';
import { chinaDate } from '../../domain/calendar';
import { DEFAULT_CALIBRATION } from '../../domain/calibration';
import type { UpstreamConnector } from '../../domain/customerData';
import { DEFAULT_JUDGEMENT_RULE_SET } from '../../domain/defaultJudgementRules';
import { JUDGEMENT_RUN_MANUAL_ID, JUDGEMENT_RUN_WORKFLOW, type JudgementRunInput } from '../../domain/judgementRunContract';
import { prepareRuleSet, type JudgementRuleSet } from '../../domain/judgementRules';
import type { Lang } from '../../domain/text';
import type { Principal } from '../../domain/roles';
import { recomputeCalibration } from '../../db/calibration';
import { codedProblem } from '../../http/problem';
import { prepareCampaign } from '../../db/campaigns';
import {
  completedRunById, findCompletedRun, inForceVersion, listJudgementRuns, liveSelectionPage, storedJudgementOf, storedSelectionPage, storeJudgementRun, type JudgementRun, type PreviewCustomer,
} from '../../db/judgementRuns';
import { getRuleSet, ruleSetInForceOn } from '../../db/ruleSets';
import { createBuiltinConnector } from '../../db/upstream/builtinConnector';
import { decodeCursor, encodeCursor } from '../lists/cursor';
import { visibleCampaign } from '../campaigns/campaigns';
import { customerInScope } from '../customers/customers';
import { storedReasonExplanations } from './storedExplanations';

// The stored daily judgement run (#21): the daily schedule and an admin's manual trigger start the judgement-run
// workflow, whose activity calls runDailyJudgement; the customer 360 and campaign previews read what it stored.

async function storedVersion(pool: pg.Pool, version: string): Promise<JudgementRuleSet | null> {
  const stored = await getRuleSet(pool, 'judgement', version);
  return stored ? stored.document : version === DEFAULT_JUDGEMENT_RULE_SET.version ? DEFAULT_JUDGEMENT_RULE_SET : null;
}

async function inForceRuleSet(pool: pg.Pool): Promise<JudgementRuleSet> {
  return (await ruleSetInForceOn(pool, 'judgement', chinaDate(Date.now())))?.document ?? DEFAULT_JUDGEMENT_RULE_SET;
}

const latestMonth = async (pool: pg.Pool) => (await createBuiltinConnector(pool).latestBillingMonth()) ?? lastClosedMonth(new Date());

/** Calibrates the expected rates from the cases closed so far, then judges and stores the whole customer base. */
export async function runDailyJudgement(pool: pg.Pool, input: JudgementRunInput): Promise<JudgementRun> {
  const ruleSet = input.ruleSetVersion ? await storedVersion(pool, input.ruleSetVersion) : await inForceRuleSet(pool);
  if (!ruleSet) throw new Error(`no judgement rule set ${input.ruleSetVersion}`);
  await recomputeCalibration(pool, ruleSet.calibration ?? DEFAULT_CALIBRATION);
  return storeJudgementRun(pool, prepareRuleSet(ruleSet, input.asOfMonth ?? (await latestMonth(pool))), input.requestedBy);
}

/**
 * An admin's run now: one manual run at a time per task queue (a second request while it runs finds the same workflow;
 * the queue in the id keeps a run left behind by a stopped test worker from standing in for a live one). A run that
 * no worker picks up ends after its execution timeout.
 */
export async function triggerJudgementRun(
  pool: pg.Pool, temporal: Client, taskQueue: string, principal: Principal, body: { ruleSetVersion?: string; asOfMonth?: string }, lang: Lang = 'zh-CN',
): Promise<{ workflowId: string; runId: string }> {
  if (body.ruleSetVersion && !(await storedVersion(pool, body.ruleSetVersion))) throw codedProblem(404, 'Not found', 'judgement-run.rule-set-unknown', { version: body.ruleSetVersion }, lang);
  const input: JudgementRunInput = { requestedBy: principal.username, ...body };
  const handle = await temporal.workflow.start(JUDGEMENT_RUN_WORKFLOW, {
    taskQueue, workflowId: `${JUDGEMENT_RUN_MANUAL_ID}:${taskQueue}`, args: [input], workflowIdConflictPolicy: 'USE_EXISTING', workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    workflowExecutionTimeout: '3 hours',
  });
  return { workflowId: handle.workflowId, runId: handle.firstExecutionRunId };
}

export const judgementRunList = (pool: pg.Pool, range: [number, number]) => listJudgementRuns(pool, range);

/**
 * A customer's judgement as the latest stored run says (the version in force and the latest month first): cheap, no
 * rate limit. `judgement` null: the run did not flag the customer; `run` null: no run has completed yet. `runId` reads
 * one run instead (a draft version an admin ran, a past month), 404 when it is not a completed run.
 */
export async function storedCustomerJudgement(pool: pg.Pool, connector: UpstreamConnector, principal: Principal, accountNo: string, runId?: number, lang: Lang = 'zh-CN') {
  await customerInScope(connector, accountNo, principal);
  const run = runId === undefined
    ? await findCompletedRun(pool, await inForceVersion(pool, chinaDate(Date.now())) ?? DEFAULT_JUDGEMENT_RULE_SET.version, await latestMonth(pool))
    : await completedRunById(pool, runId);
  if (runId !== undefined && !run) throw codedProblem(404, 'Not found', 'judgement-run.not-found', { run: runId }, lang);
  const judgement = run ? await storedJudgementOf(pool, run, accountNo) : null;
  if (!run || !judgement) return { run, judgement };
  // the figures behind each stored code (the months compared, the baseline, the peers) for its words and charts
  const explained = await storedReasonExplanations(connector, await storedVersion(pool, run.ruleSetVersion), run, accountNo);
  return { run, judgement: { ...judgement, reasons: judgement.reasons.map((r) => ({ ...r, ...(explained.has(r.code) ? { explanation: explained.get(r.code) } : {}) })) } };
}

const CURSOR_SORT = { field: 'score', order: 'DESC' } as const;
const validKey = (k: string, id: string) => /^\d{1,3}$/.test(k) && /^\d{10}$/.test(id);

export interface PreviewPage {
  asOfMonth: string;
  /** stored: read from the daily run `runId`; live: judged now (the campaign's rules or month differ from the run's). */
  source: 'stored' | 'live';
  runId: number | null;
  rows: PreviewCustomer[];
  nextCursor: string | null;
}

/** Whether the campaign's rules are the base version's rules as they stand (only weights may differ): the stored run applies. */
async function sameRulesAsBase(pool: pg.Pool, version: string, rules: JudgementRuleSet['rules']): Promise<boolean> {
  const base = await storedVersion(pool, version);
  if (!base) return false;
  return rules.every((r) => {
    const b = base.rules.find((x) => x.code === r.code);
    return b !== undefined && b.kind === r.kind && JSON.stringify(b.params) === JSON.stringify(r.params);
  });
}

/**
 * The customers a campaign would select, one keyset page at a time, best score first, with reasons and expected
 * rates: from the stored daily run when it judged the campaign's base rules for its month, else judged now.
 */
export async function campaignPreviewCustomers(pool: pg.Pool, principal: Principal, id: string, q: { cursor?: string; limit?: number }, lang: Lang): Promise<PreviewPage> {
  const c = await visibleCampaign(pool, id, principal);
  const after = decodeCursor(q.cursor ?? '', CURSOR_SORT.field, CURSOR_SORT.order, validKey, lang);
  const keyset = after ? { score: Number(after.key), accountNo: after.id } : null;
  const limit = q.limit ?? 25;
  const asOfMonth = c.asOfMonth ?? (await latestMonth(pool));
  const run = await findCompletedRun(pool, c.ruleSetVersion, asOfMonth);
  const stored = run && run.ruleSetVersion === c.ruleSetVersion && run.asOfMonth === asOfMonth && await sameRulesAsBase(pool, c.ruleSetVersion, c.ruleSet.rules);
  const filter = { scope: c.scope, minScore: c.minScore, minExpectedRate: c.minExpectedRate, rules: c.ruleSet.rules.map((r) => ({ code: r.code, weight: r.weight })) };
  const rows = stored
    ? await storedSelectionPage(pool, run.id, filter, keyset, limit + 1)
    : await liveSelectionPage(pool, prepareCampaign(c, asOfMonth), filter, keyset, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    asOfMonth, source: stored ? 'stored' : 'live', runId: stored ? run.id : null, rows: page,
    nextCursor: rows.length > limit && last ? encodeCursor({ f: CURSOR_SORT.field, o: CURSOR_SORT.order, k: String(last.score), id: last.accountNo }) : null,
  };
}
