import { campaignWorkflowId, type CampaignProgress } from '../../domain/campaignContract';
import { campaignCaseId } from '../../domain/caseIds';
import { caseWorkflowId, INSPECTION_CASE_WORKFLOW } from '../../domain/inspectionCaseContract';
import { builtInJudgementRuleSetOn } from '../../domain/defaultJudgementRules';
import { chinaDate } from '../../domain/calendar';
import { prepareRuleSet } from '../../domain/judgementRules';
import { lastClosedMonth } from '../../domain/billingMonths';
import { generatePopulation, type PopulationSpec } from '../../db/synthetic/generator';
import { upsertPopulation } from '../../db/synthetic/loadPopulation';
import { expectedSelection, judgeGenerated } from '../../db/synthetic/inMemoryJudgement';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { killHard, startWorkerProcess } from '../support/workerProcess';

// A campaign over a generated population, on the real stack. The worker is the real worker/main.ts process: the
// first one is killed with SIGKILL while the campaign is starting cases, a second one finishes the run. Every
// selected customer must end up with exactly one case, and no one else with any.
let h: Harness;
let manager: string;
let supervisor: string;
const workers: Awaited<ReturnType<typeof startWorkerProcess>>[] = [];
let campaignId: string;
let campaignRuleSetVersion: string;

const spec: PopulationSpec = {
  name: 'it-campaign', seed: 73_010, customers: 1200, endMonth: lastClosedMonth(new Date()),
  root: { id: 'HB.XN.TC', parentId: 'HB.XN', level: 'county', nameZh: '测试县供电公司', nameEn: 'Test County Power Supply Co.' }, accountPrefix: '7301',
};
const customers = [...generatePopulation(spec)];
/** The built-in version in force today (China time): what the campaign service reads (a newer built-in one may be published for a later day). */
const IN_FORCE = builtInJudgementRuleSetOn(chinaDate(Date.now()));
const evaluations = judgeGenerated(prepareRuleSet(IN_FORCE, spec.endMonth), spec, customers);
const MIN_SCORE = IN_FORCE.campaignMinScore;
const matched = expectedSelection(evaluations, MIN_SCORE, Infinity);
const CAP = matched.length - 4; // the cap cuts the lowest scores (ties by account number)
const expected = expectedSelection(evaluations, MIN_SCORE, CAP);

beforeAll(async () => {
  h = await startHarness({ inProcessWorker: false });
  await upsertPopulation(h.pool, spec);
  // One open case per customer (#17): an earlier run's cases of this population, whose workflows its afterAll
  // terminated, would stay open in the read model and make this run's campaign skip every match.
  await h.pool.query(
    "update cases set stage = 'cancelled', closed_at = now() where customer_account_no like $1 and org_unit_id like $2 and stage not in ('closed', 'dismissed', 'cancelled')",
    [`${spec.accountPrefix}%`, `${spec.root.id}%`],
  );
  [manager, supervisor] = await Promise.all([tokenFor('manager'), tokenFor('supervisor')]);
}, 120_000);

afterAll(async () => {
  // Leave no running case workflow behind on this test's queue (no worker will ever poll it again).
  for await (const wf of h.client.workflow.list({ query: `TaskQueue = '${h.config.TEMPORAL_TASK_QUEUE}' AND ExecutionStatus = 'Running'` })) {
    await h.client.workflow.getHandle(wf.workflowId).terminate('campaign test finished').catch(() => undefined);
  }
  for (const w of workers) await killHard(w.child);
  await h?.stop();
}, 120_000);

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function caseWorkflowsOnQueue(): Promise<string[]> {
  const ids: string[] = [];
  for await (const wf of h.client.workflow.list({ query: `TaskQueue = '${h.config.TEMPORAL_TASK_QUEUE}' AND WorkflowType = '${INSPECTION_CASE_WORKFLOW}'` })) ids.push(wf.workflowId);
  return ids.sort();
}

const definition = {
  name: '测试专项稽查', theme: '一月一主题：窃电与改类', scope: [spec.root.id], caseCap: CAP, batchSize: 3, asOfMonth: spec.endMonth,
  fieldDeadline: '2099-01-31', endsOn: '2099-02-28',
};

test('the generated population plants enough anomalies for a meaningful campaign', () => {
  expect(matched.length).toBeGreaterThan(40);
  expect(new Set(expected.map((e) => e.accountNo)).size).toBe(CAP);
});

test('preview counts exactly what the per-customer judgement selects; the definition is validated', async () => {
  const preview = await api(h.baseUrl, '/api/campaigns/preview', { token: manager, body: definition });
  expect(preview.status).toBe(200);
  const byRule = Object.fromEntries(IN_FORCE.rules.map((r) => [r.code, matched.filter((e) => e.fired.includes(r.code)).length]));
  expect(preview.body).toEqual({ asOfMonth: spec.endMonth, ruleSetVersion: expect.any(String), minScore: MIN_SCORE, matched: matched.length, withOpenCase: 0, wouldCreate: CAP, byRule });

  const bad = await api(h.baseUrl, '/api/campaigns', { token: manager, body: { ...definition, scope: ['HB.XN.NOPE', 'HB'], rules: [{ code: 'THEFT_DROP', params: { maxOwnRatio: 3 } }, { code: 'NO_SUCH' }] } });
  expect(bad.status).toBe(422);
  expect(bad.body.errors).toEqual(expect.arrayContaining([
    { path: 'scope.0', message: 'no such org unit' },
    { path: 'scope.1', message: 'outside your org unit HB.XN' },
    { path: 'rules.1.code', message: expect.stringContaining('no rule NO_SUCH') },
  ]));
  expect((await api(h.baseUrl, '/api/campaigns', { token: supervisor, body: definition })).status).toBe(403);
});

test('a run creates exactly one case per selected customer, also when its worker is killed mid-run', async () => {
  const created = await api(h.baseUrl, '/api/campaigns', { token: manager, body: definition });
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  [campaignId, campaignRuleSetVersion] = [id, created.body.ruleSetVersion];
  expect(created.body).toMatchObject({ status: 'draft', scope: [spec.root.id], caseCap: CAP, minScore: MIN_SCORE, createdBy: 'manager' });

  workers.push(await startWorkerProcess({ TEMPORAL_TASK_QUEUE: h.config.TEMPORAL_TASK_QUEUE, DATABASE_URL: h.config.DATABASE_URL }));
  const run = await api(h.baseUrl, `/api/campaigns/${id}/run`, { token: manager, method: 'POST' });
  expect(run.status).toBe(202);

  // Kill the worker once some cases exist but well before all of them do.
  const countAt = async () => (await h.pool.query<{ created_count: number }>('select created_count from campaigns where id = $1', [id])).rows[0].created_count;
  await waitFor('the first cases', async () => (await countAt()) >= 6);
  await killHard(workers[0].child);
  const atKill = await countAt();
  expect(atKill).toBeLessThan(CAP);

  workers.push(await startWorkerProcess({ TEMPORAL_TASK_QUEUE: h.config.TEMPORAL_TASK_QUEUE, DATABASE_URL: h.config.DATABASE_URL }));
  const result: CampaignProgress = await h.client.workflow.getHandle(campaignWorkflowId(id)).result();
  expect(result).toEqual({ campaignId: id, phase: 'completed', paused: false, matched: matched.length, selected: CAP, created: CAP, failed: 0, skipped: 0 });

  // The selection is the per-customer judgement's, in rank order, each with its deterministic case.
  const sel = await h.pool.query<{ account_no: string; score: number; reasons: string[]; status: string; case_id: string }>(
    'select account_no, score, reasons, status, case_id from campaign_selections where campaign_id = $1 order by rank', [id],
  );
  expect(sel.rows).toEqual(expected.map((e) => ({ account_no: e.accountNo, score: e.score, reasons: e.fired, status: 'created', case_id: campaignCaseId(id, e.accountNo) })));

  // Temporal: one case workflow per selected customer, no other, none twice (a second run of an id would be listed again).
  const expectedWorkflowIds = expected.map((e) => caseWorkflowId(campaignCaseId(id, e.accountNo))).sort();
  await waitFor('visibility of every case workflow', async () => (await caseWorkflowsOnQueue()).length >= CAP, 30_000);
  expect(await caseWorkflowsOnQueue()).toEqual(expectedWorkflowIds);

  // The read model: one case row per selected customer, opened by the campaign.
  await waitFor('every case in the read model', async () => (await h.pool.query<{ n: number }>('select count(*)::int as n from cases where id = any($1)', [expected.map((e) => campaignCaseId(id, e.accountNo))])).rows[0].n === CAP);
  const rows = await h.pool.query<{ customer_account_no: string; origin: string; campaign_id: string }>('select customer_account_no, origin, campaign_id from cases where id = any($1) order by customer_account_no', [expected.map((e) => campaignCaseId(id, e.accountNo))]);
  expect(rows.rows).toEqual([...expected].sort((a, b) => (a.accountNo < b.accountNo ? -1 : 1)).map((e) => ({ customer_account_no: e.accountNo, origin: 'special', campaign_id: id })));

  const view = await api(h.baseUrl, `/api/campaigns/${id}`, { token: supervisor });
  expect(view.body).toMatchObject({ status: 'completed', matched: matched.length, selected: CAP, created: CAP, failed: 0, asOfMonth: spec.endMonth, progress: null });
  const again = await api(h.baseUrl, `/api/campaigns/${id}/run`, { token: manager, method: 'POST' });
  expect(again.status).toBe(409);
  expect((await api(h.baseUrl, `/api/campaigns/${id}/pause`, { token: manager, method: 'POST' })).status).toBe(409);
}, 240_000);

test('a campaign case is judged with the campaign\'s rules: the same score and reasons that selected it', async () => {
  const { createJudgementActivities } = await import('../../activities/judgement');
  const id = campaignId;
  const top = expected[0];
  const result = await createJudgementActivities({ pool: h.pool }).judgeCase({ caseId: campaignCaseId(id, top.accountNo), customerAccountNo: top.accountNo, origin: 'special', campaignId: id });
  expect(result.score).toBe(top.score);
  expect(result.reasons.map((r) => r.code)).toEqual(top.fired);
  expect(result.ruleSetVersion).toBe(`${campaignRuleSetVersion}/campaign:${id}`);
  expect(result.checkItems.length).toBeGreaterThan(0);
});
