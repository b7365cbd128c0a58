import crypto from 'node:crypto';
import { DEFAULT_CALIBRATION } from '../../domain/calibration';
import { DEFAULT_JUDGEMENT_RULE_SET } from '../../domain/defaultJudgementRules';
import { JudgementRule, JudgementRuleSet, prepareRuleSet } from '../../domain/judgementRules';
import { AREA_LINE_LOSS_RULE } from '../../domain/lineLossRules';
import { recomputeCalibration } from '../../db/calibration';
import { insertCampaign, launchSelection, previewSelection } from '../../db/campaigns';
import { judgeCustomer } from '../../db/judgeCustomer';
import { liveSelectionPage, storedSelectionPage, storeJudgementRun } from '../../db/judgementRuns';
import { createBuiltinConnector } from '../../db/upstream/builtinConnector';
import { currentMonth } from '../../api/routes/dashboard';
import { ensureJudgementRunSchedule } from '../../worker/schedules';
import { api, startHarness, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';

// 台区线损 end to end: areas, customers with their area and the area meter's supply imported through the import
// endpoints with Chinese headers → the abnormal area → its customers whose use dropped, ranked, with the data behind the
// reason; closed cases → the calibrated 预计查实率 the stored run carries; expected against actual per family.
let h: Harness;
let manager: string;
let supervisor: string;
let admin: string;
const campaignIds: string[] = [];
const sfx = crypto.randomUUID().replace(/-/g, '').slice(0, 6).toUpperCase();
const station = `HB.XN.XA.L${sfx}`;
const areaA = `TQ-${sfx}-A`;
const areaB = `TQ-${sfx}-B`;
const digits = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
const acct = (i: number) => `48${digits}${String(i).padStart(2, '0')}`;
const [A1, A2, A3, A4, B1, B2] = [1, 2, 3, 4, 5, 6].map(acct);
/** A steady household of the station whose area is not known: with it the station's households fall 18 %, not 37 %. */
const C1 = acct(8);
const MONTH = '2026-11';
const label = `it-lineloss-${sfx.toLowerCase()}`;
let ruleSet: JudgementRuleSet;
const caseIds: string[] = [];

const upload = (kind: string, body: string) => api(h.baseUrl, `/api/imports/${kind}`, { token: manager, body, headers: { 'content-type': 'text/csv' } });
const csv = (rows: (string | number)[][]) => rows.map((r) => r.join(',')).join('\n');

beforeAll(async () => {
  h = await startHarness();
  [manager, supervisor, admin] = await Promise.all([tokenFor('manager'), tokenFor('supervisor'), tokenFor('admin')]);
  await h.pool.query("insert into org_units (id, parent_id, level, name_zh, name_en) values ($1, 'HB.XN.XA', 'station', $2, $3)", [station, `线损测试所${sfx}`, `Line-loss test ${sfx}`]);
  // the built-in rules (the line-loss rule among them since jicha-default-2026.3, with the family's own definition; since
  // 2026.4 the customer's drop net of its peers' change), stored as a draft (the version in force is left alone)
  expect(DEFAULT_JUDGEMENT_RULE_SET.rules.find((r) => r.kind === 'area_line_loss')).toMatchObject({
    ...JudgementRule.parse(AREA_LINE_LOSS_RULE), textZh: expect.any(String), textEn: expect.any(String), params: { ...AREA_LINE_LOSS_RULE.params, netOfPeers: true },
  });
  ruleSet = JudgementRuleSet.parse({ ...DEFAULT_JUDGEMENT_RULE_SET, version: label });
  // (stored directly: the API's rule-set answers include the version in force, which the shared test database may
  // hold in a shape of another branch)
  await h.pool.query("insert into judgement_rule_sets (version, status, document, created_by) values ($1, 'draft', $2, 'it')", [label, JSON.stringify(ruleSet)]);
}, 180_000);
afterAll(async () => {
  if (h) {
    await h.pool.query('delete from cases where id = any($1)', [caseIds]);
    await h.pool.query('delete from judgement_runs where rule_set_version = $1', [label]);
    await h.pool.query('delete from campaign_selections where campaign_id = any($1)', [campaignIds]);
    await h.pool.query('delete from campaigns where id = any($1)', [campaignIds]);
    await h.pool.query("delete from judgement_rule_sets where version = $1 and status = 'draft'", [label]);
  }
  await h?.stop();
});

test('import areas, customers with their area and the area supply; the abnormal area ranks its customers whose use dropped', async () => {
  const areas = await upload('station-areas', csv([['台区编号', '台区名称', '供电所编码', '台区类型'], [areaA, '测试甲台区', station, '城网'], [areaB, '测试乙台区', station, '城网']]));
  expect(areas.status).toBe(200);
  expect(areas.body).toMatchObject({ inserted: 2, rejected: [] });

  const customers = await upload('customers', csv([
    ['户号', '户名', '用电地址', '电价类别', '供电所编码', '台区编号'],
    ...[A1, A2, A3, A4].map((a, i) => [a, `甲${i + 1}`, `测试路${i + 1}号`, 'residential', station, areaA]),
    ...[B1, B2].map((a, i) => [a, `乙${i + 1}`, `测试街${i + 1}号`, 'residential', station, areaB]),
    [acct(7), '无台区', '测试巷1号', 'residential', station, 'TQ-NO-SUCH'],
    [C1, '台区未知', '测试巷2号', 'residential', station, ''],
  ]));
  expect(customers.body.inserted).toBe(7);
  expect(customers.body.rejected).toEqual([{ line: 8, errors: [{ field: 'area_id', message: 'no station area with this number' }] }]);

  // three baseline months and the month judged: A1 drops 70 %, A2 50 %, A3 and A4 hardly; B1 drops in a normal area.
  // The station's households (peers) fall 18 % (2,400 → 1,960 kWh): A1's and A2's drops go beyond that.
  const use: Record<string, number[]> = {
    [A1]: [200, 200, 200, 60], [A2]: [300, 300, 300, 150], [A3]: [100, 100, 100, 100], [A4]: [200, 200, 200, 190], [B1]: [200, 200, 200, 60], [B2]: [200, 200, 200, 200],
    [C1]: [1200, 1200, 1200, 1200],
  };
  const months = ['2026-08', '2026-09', '2026-10', MONTH];
  const bills = await upload('monthly-consumption', csv([
    ['户号', '电费年月', '结算电量', '电费金额', '电价类别'],
    ...Object.entries(use).flatMap(([a, kwh]) => kwh.map((k, i) => [a, months[i], k, (k * 0.56).toFixed(2), 'residential'])),
  ]));
  expect(bills.body).toMatchObject({ inserted: 28, rejected: [] });

  // area A: 700 supplied, 500 billed → 28.6 % (urban norm 5 % + 3 points); area B: 270 supplied, 260 billed → 3.7 %
  const supply = await upload('area-supply', csv([['台区编号', '月份', '供电量'], [areaA, MONTH, 700], [areaB, MONTH, 270], ['TQ-NO-SUCH', MONTH, 1]]));
  expect(supply.body).toMatchObject({ inserted: 2, rejected: [{ line: 4, errors: [{ field: 'area_id', message: 'no station area with this number' }] }] });

  const losses = await api(h.baseUrl, `/api/station-areas/loss?month=${MONTH}&unit=${station}`, { token: supervisor });
  expect(losses.status).toBe(200);
  expect(losses.body).toEqual([
    expect.objectContaining({ areaId: areaA, suppliedKwh: 700, billedKwh: 500, lossRate: 0.2857, customers: 4, norm: 0.05, abnormal: true }),
    expect.objectContaining({ areaId: areaB, suppliedKwh: 270, billedKwh: 260, lossRate: 0.037, customers: 2, norm: 0.05, abnormal: false }),
  ]);

  // the population path (the stored run) and the one-customer path agree on who is flagged
  const p = prepareRuleSet(ruleSet, MONTH, label);
  const run = await storeJudgementRun(h.pool, p, 'integration test');
  expect(run).toMatchObject({ ruleSetVersion: label, asOfMonth: MONTH, status: 'completed' });
  const stored = await h.pool.query<{ account_no: string; reasons: { code: string; family: string; params?: Record<string, unknown> }[] }>(
    'select account_no, reasons from judgement_run_results where run_id = $1 and account_no = any($2)', [run.id, [A1, A2, A3, A4, B1, B2]],
  );
  const lineLoss = stored.rows.filter((r) => r.reasons.some((x) => x.code === 'AREA_LINE_LOSS')).map((r) => r.account_no).sort();
  expect(lineLoss).toEqual([A1, A2]);
  const connector = createBuiltinConnector(h.pool);
  for (const a of [A1, A2, A3, A4, B1, B2]) {
    const judged = await judgeCustomer(connector, p, a);
    expect([a, judged!.evaluation.fired.includes('AREA_LINE_LOSS')]).toEqual([a, lineLoss.includes(a)]);
  }
  const reasonOf = (a: string) => stored.rows.find((r) => r.account_no === a)!.reasons.find((x) => x.code === 'AREA_LINE_LOSS')!;
  expect(reasonOf(A1)).toMatchObject({
    family: 'area_line_loss',
    params: { areaId: areaA, areaName: '测试甲台区', areaType: 'urban', month: MONTH, lossRate: 0.2857, norm: 0.05, suppliedKwh: 700, billedKwh: 500, drop: 0.7, baselineAvgKwh: 200, monthKwh: 60 },
  });
  // netted of the peers (2026.4): the station's households used 1,960 kWh against 2,400 a month before
  expect(reasonOf(A1).params).toMatchObject({ peerRatio: 0.8167 });
  expect(reasonOf(A2).params).toMatchObject({ drop: 0.5 });

  // ranked within the station: stored and judged-now pages agree
  const filter = { scope: [station], minScore: 1, minExpectedRate: null, rules: [{ code: 'AREA_LINE_LOSS', weight: 50 }] };
  const page = await storedSelectionPage(h.pool, run.id, filter, null, 10);
  expect(page.map((r) => [r.accountNo, r.score])).toEqual([[A1, 50], [A2, 50]]);
  const onlyLineLoss = prepareRuleSet({ ...ruleSet, rules: ruleSet.rules.filter((r) => r.code === 'AREA_LINE_LOSS') }, MONTH, label);
  const live = await liveSelectionPage(h.pool, onlyLineLoss, filter, null, 10);
  expect(live.map((r) => [r.accountNo, r.score, r.expectedRate])).toEqual(page.map((r) => [r.accountNo, r.score, r.expectedRate]));
  expect(live[0].reasons[0].params).toEqual(page[0].reasons[0].params);
  // the next keyset page after A1
  expect((await storedSelectionPage(h.pool, run.id, filter, { score: 50, accountNo: A1 }, 10)).map((r) => r.accountNo)).toEqual([A2]);
}, 180_000);

test('closed cases calibrate 预计查实率: shrunk towards the parent unit, carried by the stored run, compared with the actual rate', async () => {
  // 8 of 10 line-loss flags at the test station confirmed on site; each recorded an expectation of 50 %
  const now = new Date();
  for (let i = 0; i < 10; i += 1) {
    const id = crypto.randomUUID();
    caseIds.push(id);
    const snapshot = {
      judgement: { ruleSetVersion: label, score: 50, priority: 'normal', checkItems: [], reasons: [{ code: 'AREA_LINE_LOSS', family: 'area_line_loss', weight: 50, expectedRate: 0.5, textZh: '台区线损', textEn: 'Area loss' }] },
      findings: { result: i < 8 ? 'confirmed' : 'not_confirmed', summary: 'test' },
    };
    await h.pool.query(
      `insert into cases (id, case_no, workflow_id, customer_account_no, customer_name, org_unit_id, origin, stage, priority, created_by, created_at, updated_at, last_event_seq, closed_at, snapshot)
       values ($1, $2, $3, $4, '甲3', $5, 'special', 'closed', 'normal', 'it', $6, $6, 1, $6, $7)`,
      [id, `IT-LL-${sfx}-${i}`, `it-lineloss-${id}`, A3, station, now, JSON.stringify(snapshot)],
    );
  }
  await recomputeCalibration(h.pool, DEFAULT_CALIBRATION);
  const rates = await h.pool.query<{ unit_id: string; rate: number; confirmed: number; not_confirmed: number }>(
    "select unit_id, rate, confirmed, not_confirmed from judgement_calibration where family = 'area_line_loss' and unit_id = any($1)", [[station, 'HB.XN.XA']],
  );
  const at = (u: string) => rates.rows.find((r) => r.unit_id === u)!;
  expect(at(station)).toMatchObject({ confirmed: 8, not_confirmed: 2 });
  const m = DEFAULT_CALIBRATION.strength;
  expect(at(station).rate).toBeCloseTo((8 + m * at('HB.XN.XA').rate) / (10 + m), 12);
  expect(at(station).rate).toBeGreaterThan(at('HB.XN.XA').rate);
  expect(at(station).rate).toBeLessThan(0.8);

  // the stored run carries it on each flag of the family at the station
  const run = await storeJudgementRun(h.pool, prepareRuleSet(ruleSet, MONTH, label), 'integration test');
  const a1 = await h.pool.query<{ expected_rate: number; reasons: { code: string; expectedRate: number }[] }>('select expected_rate, reasons from judgement_run_results where run_id = $1 and account_no = $2', [run.id, A1]);
  expect(a1.rows[0].reasons.find((r) => r.code === 'AREA_LINE_LOSS')!.expectedRate).toBeCloseTo(at(station).rate, 12);
  expect(a1.rows[0].expected_rate).toBeGreaterThanOrEqual(at(station).rate);

  // the dashboard's comparison: what was expected (50 %) against what the visits found (80 %)
  const month = currentMonth(now);
  const cmp = await api(h.baseUrl, `/api/judgement-calibration?from=${month}&to=${month}`, { token: supervisor });
  expect(cmp.status).toBe(200);
  expect(cmp.body.families.find((f: { family: string }) => f.family === 'area_line_loss')).toEqual({
    family: 'area_line_loss', checked: 10, confirmed: 8, actualRate: 0.8, expectedRate: 0.5, withExpected: 10,
  });
  expect((await api(h.baseUrl, `/api/judgement-calibration?from=${month}&to=2020-01`, { token: supervisor })).status).toBe(400);
}, 180_000);

test('a campaign selects by expected confirmation rate', async () => {
  const p = prepareRuleSet(ruleSet, MONTH, label);
  const count = (minExpectedRate?: number | null) => previewSelection(h.pool, p, ['HB.XN'], 1, minExpectedRate);
  const [all, zero, certain] = await Promise.all([count(), count(0), count(1)]);
  expect(all.matched).toBeGreaterThan(0);
  expect(zero).toEqual(all);
  expect(certain.matched).toBe(0);
  // a threshold between the station's calibrated line-loss rate and the prior keeps A1 and A2 (their best rate is above)
  const station = (await h.pool.query<{ rate: number }>("select rate from judgement_calibration where family = 'area_line_loss' and unit_id = $1", [`HB.XN.XA.L${sfx}`])).rows[0].rate;
  const kept = await launchSelection(h.pool, p, [`HB.XN.XA.L${sfx}`], 1, 100, station - 1e-9);
  expect(kept.selected).toBeGreaterThanOrEqual(2);
  expect((await launchSelection(h.pool, p, [`HB.XN.XA.L${sfx}`], 1, 100, station + 1e-9)).selected).toBeLessThan(kept.selected);
}, 120_000);

test('an admin runs the stored judgement; the back office reads it without judging again, and a campaign previews its customers page by page', async () => {
  expect((await api(h.baseUrl, '/api/judgement-runs', { token: admin, body: { ruleSetVersion: 'no-such-version' } })).status).toBe(404);
  const started = await api(h.baseUrl, '/api/judgement-runs', { token: admin, body: { ruleSetVersion: label, asOfMonth: MONTH } });
  expect(started.status).toBe(202);
  const result = await h.client.workflow.getHandle(started.body.workflowId).result();
  expect(result).toMatchObject({ ruleSetVersion: label, asOfMonth: MONTH });
  const runs = await api(h.baseUrl, '/api/judgement-runs?range=[0,49]', { token: supervisor });
  expect(runs.body.find((r: { id: number }) => r.id === result.runId)).toMatchObject({ status: 'completed', triggeredBy: 'admin' });

  // the customer view reads the latest stored run of the version in force (which other tests sharing the database
  // may have run meanwhile, before or after this test's bills): what it answers is that run's row
  type Reason = { code: string; params?: { areaId?: string }; explanation?: { reasonCode: string; params: { areaId?: string } } };
  type Answer = { score: number; reasons: Reason[]; expectedRate: number } | null;
  const stored = ({ explanation: _e, ...r }: Reason) => r;
  const rowOf = async (runId: number) => (await h.pool.query('select score, reasons, expected_rate from judgement_run_results where run_id = $1 and account_no = $2', [runId, A1])).rows[0] ?? null;
  const asRow = (a: Answer) => (a === null ? null : { score: a.score, reasons: a.reasons.map(stored), expected_rate: a.expectedRate });
  const latest = await api(h.baseUrl, `/api/customers/${A1}/stored-judgement`, { token: manager });
  expect(latest.status).toBe(200);
  expect(asRow(latest.body.judgement as Answer)).toEqual(await rowOf(latest.body.run.id));
  // …and the run the admin just made, by its id: its row, each reason with its figures re-judged for the charts
  // (#21 item 4)
  const res = await api(h.baseUrl, `/api/customers/${A1}/stored-judgement?run=${result.runId}`, { token: manager });
  expect(res.status).toBe(200);
  expect(res.body.run).toMatchObject({ id: result.runId, ruleSetVersion: label, asOfMonth: MONTH });
  const answered = res.body.judgement as Answer;
  expect(asRow(answered)).toEqual(await rowOf(result.runId));
  const lineLoss = answered?.reasons.find((r) => r.code === 'AREA_LINE_LOSS');
  expect(lineLoss?.explanation).toMatchObject({ reasonCode: 'judgement.reason.area-line-loss', params: { areaId: areaA } });
  const missing = await api(h.baseUrl, `/api/customers/${A1}/stored-judgement?run=999999999`, { token: manager, headers: { 'accept-language': 'en' } });
  expect([missing.status, missing.body.code, missing.body.detail]).toEqual([404, 'judgement-run.not-found', 'No completed judgement run 999999999.']);
  expect((await api(h.baseUrl, `/api/customers/${A1}/stored-judgement?run=latest`, { token: manager })).status).toBe(400);

  // a campaign of the stored version over the test station: pages of 1 from the stored run
  const c = await insertCampaign(h.pool, {
    id: crypto.randomUUID(), name: `线损预览${sfx}`, theme: null, scope: [`HB.XN.XA.L${sfx}`], orgUnitId: 'HB.XN', ruleSet, baseVersion: label, minScore: 1,
    caseCap: 100, batchSize: 10, asOfMonth: MONTH, fieldDeadline: null, endsOn: null, createdBy: 'it',
  });
  campaignIds.push(c.id);
  const seen: { accountNo: string; score: number; source: string }[] = [];
  let cursor = '';
  for (let i = 0; i < 20; i += 1) {
    const page = await api(h.baseUrl, `/api/campaigns/${c.id}/preview/customers?limit=1&cursor=${cursor}`, { token: manager });
    expect(page.status).toBe(200);
    seen.push(...page.body.rows.map((r: { accountNo: string; score: number }) => ({ accountNo: r.accountNo, score: r.score, source: page.body.source })));
    if (!page.body.nextCursor) break;
    cursor = page.body.nextCursor;
  }
  expect(seen.every((r) => r.source === 'stored')).toBe(true);
  expect(seen.map((r) => r.accountNo)).toEqual(expect.arrayContaining([A1, A2]));
  expect(new Set(seen.map((r) => r.accountNo)).size).toBe(seen.length);
  const sorted = [...seen].sort((a, b) => b.score - a.score || a.accountNo.localeCompare(b.accountNo));
  expect(seen).toEqual(sorted);
  // as many as the draft's launch preview counts, and the same customers the campaign would select judged now
  const draft = await api(h.baseUrl, `/api/campaigns/${c.id}/preview`, { token: manager });
  expect(draft.body.matched).toBe(seen.length);
  const live = await liveSelectionPage(h.pool, prepareRuleSet(ruleSet, MONTH, label), { scope: c.scope, minScore: 1, minExpectedRate: null }, null, 100);
  expect(live.map((r) => [r.accountNo, r.score])).toEqual(seen.map((r) => [r.accountNo, r.score]));
  const bad = await api(h.baseUrl, `/api/campaigns/${c.id}/preview/customers?cursor=not-a-cursor!`, { token: manager });
  expect(bad.status).toBe(400);
  expect(bad.body.code).toBe('list.bad-cursor');
}, 300_000);

test('the daily judgement schedule is created once and updated on later starts', async () => {
  const id = `it-${sfx.toLowerCase()}-judgement-run`;
  try {
    expect(await ensureJudgementRunSchedule(h.client, h.config.TEMPORAL_TASK_QUEUE, id)).toBe('created');
    expect(await ensureJudgementRunSchedule(h.client, h.config.TEMPORAL_TASK_QUEUE, id)).toBe('updated');
    const d = await h.client.schedule.getHandle(id).describe();
    expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: 'judgementRun', taskQueue: h.config.TEMPORAL_TASK_QUEUE });
    expect(d.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 5, end: 5, step: 1 }], minute: [{ start: 0, end: 0, step: 1 }] });
    expect(d.policies.overlap).toBe('SKIP');
  } finally {
    await h.client.schedule.getHandle(id).delete().catch(() => undefined);
  }
});
