import crypto from 'node:crypto';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { PILOT_ASSESSMENT_RULE_SET as PILOT } from '../../domain/assessmentPilotRules';
import type { AssessmentRuleSetDocument } from '../../domain/assessmentRules';
import type { CaseScoringFacts } from '../../domain/scoring';
import { createScoringActivities } from '../../activities/scoring';
import { ensurePeriodCloseSchedule } from '../../worker/assessmentSchedule';
import { ensureHousekeepingSchedule } from '../../worker/schedules';

// Assessment rule sets, scoring at closure, what-if, rankings and the period close, against the real stack.
// Constructed cases live in a month of their own (2017–2025, empty in the test database) and are removed after.
let h: Harness;
let manager: string;
let supervisor: string;
const tag = crypto.randomUUID().slice(0, 8);
const v2 = `it-${tag}-v2`;
const draftVersion = `it-${tag}-draft`;
const caseIds: string[] = [];
let month = '';
const inspectors = { a: `it-${tag}-a`, b: `it-${tag}-b`, c: `it-${tag}-c`, d: `it-${tag}-d` };

async function emptyMonth(): Promise<string> {
  for (;;) {
    const m = `${2017 + crypto.randomInt(9)}-${String(1 + crypto.randomInt(12)).padStart(2, '0')}`;
    const used = await h.pool.query(
      `select 1 from assessment_periods where period = $1
       union all select 1 from case_scoring_facts where closed_at >= ($1 || '-01')::date - interval '1 day' and closed_at < ($1 || '-01')::date + interval '32 days'`,
      [m],
    );
    if (!used.rowCount) return m;
  }
}

/** A case row to hang scores on (the read model a workflow would have written). */
async function newCase(): Promise<string> {
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  await h.pool.query(
    `insert into cases (id, case_no, workflow_id, customer_account_no, customer_name, org_unit_id, origin, stage, priority, created_by, created_at, updated_at, last_event_seq)
     values ($1, $2, $3, '4210000001', 'test', 'HB.XN.XA.WQ', 'routine', 'closed', 'normal', 'it', $4, $4, 0)`,
    [id, `IT-${id.slice(0, 12)}`, `it-case-${id}`, now],
  );
  caseIds.push(id);
  return id;
}

const WQ = { stationId: 'HB.XN.XA.WQ', countyId: 'HB.XN.XA' };
const YY = { stationId: 'HB.XN.JY.YY', countyId: 'HB.XN.JY' };
const base = { origin: 'routine' as const, outcome: 'not_confirmed' as const, fieldLateDays: 0, evidenceComplete: true, rectificationLateDays: null, verificationRounds: 0, maxEscalationTier: 0, recoveredYuan: 0 };

beforeAll(async () => {
  h = await startHarness();
  [manager, supervisor] = await Promise.all([tokenFor('manager'), tokenFor('supervisor')]);
  month = await emptyMonth();
}, 120_000);

afterAll(async () => {
  if (h) {
    await h.pool.query('delete from assessment_periods where period = $1', [month]);
    await h.pool.query('delete from case_score_lines where case_id = any($1::uuid[])', [caseIds]);
    await h.pool.query('delete from case_scoring_facts where case_id = any($1::uuid[])', [caseIds]);
    await h.pool.query('delete from cases where id = any($1::uuid[])', [caseIds]);
    await h.pool.query('delete from assessment_rule_sets where version like $1', [`it-${tag}-%`]);
    await h.stop();
  }
});

const doc = (version: string, over: Partial<AssessmentRuleSetDocument['items']> = {}): AssessmentRuleSetDocument => ({ ...PILOT, version, name: `test ${version}`, items: { ...PILOT.items, ...over } });

test('drafts are validated and editable; publishing freezes a version', async () => {
  const bad = await api(h.baseUrl, '/api/assessment-rule-sets', { token: manager, body: { ...doc(draftVersion), auditWeight: 2, items: { ...PILOT.items, fieldOnTime: { party: 'inspector', points: -1 } } } });
  expect(bad.status).toBe(400);
  expect(bad.headers.get('content-type')).toContain('application/problem+json');
  expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['auditWeight', 'items.fieldOnTime.points']);
  expect((await api(h.baseUrl, '/api/assessment-rule-sets', { token: supervisor, body: doc(draftVersion) })).status).toBe(403);

  const created = await api(h.baseUrl, '/api/assessment-rule-sets', { token: manager, body: doc(draftVersion) });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ id: draftVersion, status: 'draft', createdBy: 'manager', effectiveFrom: null, inForce: false });
  expect((await api(h.baseUrl, '/api/assessment-rule-sets', { token: manager, body: doc(draftVersion) })).status).toBe(409);

  const edited = await api(h.baseUrl, `/api/assessment-rule-sets/${draftVersion}`, { token: manager, method: 'PUT', body: { ...created.body, items: { ...created.body.items, customAuditFinding: { party: 'inspector', points: 6 } } } });
  expect(edited.status).toBe(200);
  expect(edited.body.items.customAuditFinding.points).toBe(6);
  expect(edited.body).toMatchObject({ updatedBy: 'manager', createdBy: 'manager', status: 'draft' });
  const badEdit = await api(h.baseUrl, `/api/assessment-rule-sets/${draftVersion}`, { token: manager, method: 'PUT', body: { ...doc(draftVersion), items: { ...PILOT.items, verificationRounds: { party: 'station', points: -1, cap: -2 } } } });
  expect(badEdit.status).toBe(400);
  expect(badEdit.body.errors).toEqual([{ path: 'items.verificationRounds.cap', message: expect.any(String) }]);

  expect((await api(h.baseUrl, '/api/assessment-rule-sets', { token: manager, body: doc(v2) })).status).toBe(201);
  const past = await api(h.baseUrl, `/api/assessment-rule-sets/${v2}/publish`, { token: manager, body: { effectiveFrom: '2020-01-01' } });
  expect(past.status).toBe(422);
  expect(past.body.errors[0].path).toBe('effectiveFrom');
  const published = await api(h.baseUrl, `/api/assessment-rule-sets/${v2}/publish`, { token: manager, body: { effectiveFrom: v2Effective } });
  expect(published.status).toBe(200);
  // The China-calendar day, like every kind of rule set (it was the instant of that day's midnight in China).
  expect(published.body).toMatchObject({ status: 'published', publishedBy: 'manager', effectiveFrom: v2Effective, inForce: false });

  // Frozen: the API refuses edits and a second publish, and so does the table.
  const edit = await api(h.baseUrl, `/api/assessment-rule-sets/${v2}`, { token: manager, method: 'PUT', body: doc(v2, { fieldOnTime: { party: 'inspector', points: 9 } }) });
  expect(edit.status).toBe(409);
  expect((await api(h.baseUrl, `/api/assessment-rule-sets/${v2}/publish`, { token: manager, body: { effectiveFrom: '2999-12-30' } })).status).toBe(409);
  await expect(h.pool.query("update assessment_rule_sets set name = 'x' where version = $1", [v2])).rejects.toThrow(/published and cannot change/);
  expect((await api(h.baseUrl, `/api/assessment-rule-sets/${v2}`, { token: manager })).body.items.fieldOnTime.points).toBe(2);
  const list = await api(h.baseUrl, '/api/assessment-rule-sets', { token: manager });
  expect(list.body.filter((r: { inForce: boolean }) => r.inForce).map((r: { version: string }) => r.version)).toEqual(['pilot-v1']);
});

// A far-future effective day of this run's own (effective days of published versions are unique).
const v2Effective = `${2300 + crypto.randomInt(600)}-0${1 + crypto.randomInt(9)}-1${crypto.randomInt(10)}`;

test('a case closed under version 1 keeps its lines after version 2 is published; scoring is idempotent', async () => {
  const { scoreCase } = createScoringActivities({ pool: h.pool });
  const early: CaseScoringFacts = { ...base, ...WQ, caseId: await newCase(), closedAt: `${month}-10T03:00:00.000Z`, inspector: inspectors.a, fieldLateDays: 4 };
  const late: CaseScoringFacts = { ...early, caseId: await newCase(), closedAt: new Date(Date.parse(`${v2Effective}T00:00:00+08:00`) + 3600_000).toISOString() };
  const s1 = await scoreCase(early);
  expect(s1).toEqual({ ruleSetVersion: 'pilot-v1', total: -1, lines: [
    { party: { kind: 'inspector', id: inspectors.a }, item: 'fieldLateDays', points: -2, reason: 'field check 4 working day(s) late', code: 'score.reason.field-late', params: { days: 4 } },
    { party: { kind: 'inspector', id: inspectors.a }, item: 'evidenceComplete', points: 1, reason: 'evidence complete', code: 'score.reason.evidence-complete', params: {} },
  ] });
  const s2 = await scoreCase(late);
  expect(s2.ruleSetVersion).toBe(v2);
  // A retry returns what was stored, and writes nothing more.
  expect(await scoreCase(early)).toEqual(s1);
  const rows = await h.pool.query('select case_id, rule_set_version, count(*)::int as n from case_score_lines where case_id = any($1::uuid[]) group by 1, 2', [[early.caseId, late.caseId]]);
  expect(rows.rows.sort((x, y) => x.n - y.n || x.rule_set_version.localeCompare(y.rule_set_version))).toEqual(
    [{ case_id: early.caseId, rule_set_version: 'pilot-v1', n: 2 }, { case_id: late.caseId, rule_set_version: v2, n: 2 }].sort((x, y) => x.rule_set_version.localeCompare(y.rule_set_version)),
  );
  const facts = await h.pool.query('select rule_set_version, field_late_days from case_scoring_facts where case_id = $1', [early.caseId]);
  expect(facts.rows).toEqual([{ rule_set_version: 'pilot-v1', field_late_days: 4 }]);
  // This case belongs to the month the next test constructs: take it back out.
  await h.pool.query('delete from case_score_lines where case_id = $1', [early.caseId]);
  await h.pool.query('delete from case_scoring_facts where case_id = $1', [early.caseId]);
});

test('what-if on a constructed month matches the hand-computed rankings; the period close freezes them once', async () => {
  const { scoreCase } = createScoringActivities({ pool: h.pool });
  const at = (d: number) => `${month}-${String(d).padStart(2, '0')}T03:00:00.000Z`;
  // Under pilot-v1: A 2+1 = 3; B −1+1+3 = 3; C 2−1 = 1; D 2+1 = 3 → A, B, D 1st, C 4th.
  // Stations: WQ +2 (c2) −1−1+1 (c3) = 1; YY +2 → YY 1st, WQ 2nd. Counties: XA −1 (tier 2), JY −0.5 (tier 1) → JY 1st, XA 2nd.
  await scoreCase({ ...base, ...WQ, caseId: await newCase(), closedAt: at(3), inspector: inspectors.a });
  await scoreCase({ ...base, ...WQ, caseId: await newCase(), closedAt: at(5), inspector: inspectors.b, origin: 'custom', outcome: 'confirmed', fieldLateDays: 2, rectificationLateDays: 0, verificationRounds: 1 });
  await scoreCase({ ...base, ...WQ, caseId: await newCase(), closedAt: at(7), inspector: inspectors.c, origin: 'special', outcome: 'confirmed', evidenceComplete: false, rectificationLateDays: 2, verificationRounds: 2, maxEscalationTier: 2, recoveredYuan: 25_000 });
  await scoreCase({ ...base, ...YY, caseId: await newCase(), closedAt: at(9), inspector: inspectors.d, origin: 'special', outcome: 'confirmed', rectificationLateDays: 0, verificationRounds: 1, maxEscalationTier: 1 });

  // The draft: custom audits 6, late field days −1 each, incomplete evidence −2, escalations charged to the station.
  // A 3; B −2+1+6 = 5; C 2−2 = 0; D 3 → B 1st, A and D 2nd, C 4th.
  // WQ +2 −1−1+1−2 = −1; YY +2−1 = 1 → YY 1st, WQ 2nd. No county items: the counties drop out.
  const draft = doc(draftVersion, {
    customAuditFinding: { party: 'inspector', points: 6 }, fieldLateDays: { party: 'inspector', points: -1, cap: 5 },
    evidenceComplete: { party: 'inspector', points: 1, incompletePoints: -2 }, escalations: { party: 'station', tierPoints: [-1, -2, -3] },
  });
  expect((await api(h.baseUrl, `/api/assessment-rule-sets/${draftVersion}`, { token: manager, method: 'PUT', body: draft })).status).toBe(200);
  const expected = [
    ['inspector', inspectors.b, 3, 1, 5, 1, 0], ['inspector', inspectors.a, 3, 1, 3, 2, -1], ['inspector', inspectors.d, 3, 1, 3, 2, -1], ['inspector', inspectors.c, 1, 4, 0, 4, 0],
    ['station', 'HB.XN.JY.YY', 2, 1, 1, 1, 0], ['station', 'HB.XN.XA.WQ', 1, 2, -1, 2, 0],
    ['county', 'HB.XN.JY', -0.5, 1, null, null, null], ['county', 'HB.XN.XA', -1, 2, null, null, null],
  ];
  const whatIf = async () => api(h.baseUrl, `/api/assessment-rule-sets/${draftVersion}/what-if`, { token: manager, body: { period: month } });
  const before = await whatIf();
  expect(before.status).toBe(200);
  expect(before.body).toMatchObject({ period: month, version: draftVersion, current: 'provisional', currentRuleSetVersion: 'pilot-v1' });
  expect(before.body.rows.map((r: Record<string, unknown>) => [r.partyKind, r.partyId, r.currentTotal, r.currentRank, r.draftTotal, r.draftRank, r.movement])).toEqual(expected);
  expect(before.body.rows.find((r: { partyId: string }) => r.partyId === 'HB.XN.XA.WQ').name).toBe('温泉供电所');

  // Close the month through the API (the period-close workflow on the harness's worker), twice.
  const close = async () => api(h.baseUrl, `/api/assessment-periods/${month}/close`, { token: manager, method: 'POST' });
  const first = await close();
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ period: month, ruleSetVersion: 'pilot-v1', caseCount: 4, closedNow: true });
  const frozen = async () => (await h.pool.query('select party_kind, party_id, org_unit_id, total, case_count, rank, weighted from assessment_period_results where period = $1 order by 1, 2', [month])).rows;
  const results = await frozen();
  expect(results.map((r) => [r.party_kind, r.party_id, r.total, r.rank, r.weighted])).toEqual([
    ['county', 'HB.XN.JY', -0.5, 1, -0.1], ['county', 'HB.XN.XA', -1, 2, -0.2],
    ['inspector', inspectors.a, 3, 1, null], ['inspector', inspectors.b, 3, 1, null], ['inspector', inspectors.c, 1, 4, null], ['inspector', inspectors.d, 3, 1, null],
    ['station', 'HB.XN.JY.YY', 2, 1, 0.4], ['station', 'HB.XN.XA.WQ', 1, 2, 0.2],
  ]);

  // A case scored into the closed month afterwards, and a second close: nothing frozen changes.
  await scoreCase({ ...base, ...WQ, caseId: await newCase(), closedAt: at(20), inspector: inspectors.c, origin: 'custom', outcome: 'confirmed' });
  const periodRow = (await h.pool.query('select * from assessment_periods where period = $1', [month])).rows;
  const second = await close();
  expect(second.status).toBe(200);
  expect(second.body).toMatchObject({ period: month, closedNow: false, caseCount: 4, closedAt: first.body.closedAt });
  expect(await frozen()).toEqual(results);
  expect((await h.pool.query('select * from assessment_periods where period = $1', [month])).rows).toEqual(periodRow);

  // The ranking reads the frozen results, inside the caller's org unit.
  const ranking = await api(h.baseUrl, `/api/assessment-rankings?filter=${encodeURIComponent(JSON.stringify({ period: month, partyKind: 'inspector' }))}`, { token: manager });
  expect(ranking.status).toBe(200);
  expect(ranking.headers.get('content-range')).toBe('assessment-rankings 0-3/4');
  expect(ranking.body.map((r: { partyId: string; rank: number; closed: boolean }) => [r.partyId, r.rank, r.closed])).toEqual([
    [inspectors.a, 1, true], [inspectors.b, 1, true], [inspectors.d, 1, true], [inspectors.c, 4, true],
  ]);
  // A party's breakdown down to its cases and lines.
  const wq = await api(h.baseUrl, `/api/assessment-periods/${month}/parties/station/HB.XN.XA.WQ`, { token: manager });
  expect(wq.status).toBe(200);
  expect(wq.body).toMatchObject({ name: '温泉供电所', closed: true, total: 1, rank: 2, weighted: 0.2 });
  expect(wq.body.cases.map((c: { total: number; lines: { item: string }[] }) => [c.total, c.lines.map((l) => l.item)])).toEqual([
    [2, ['rectificationOnTime']], [-1, ['rectificationOnTime', 'verificationRounds', 'recoveredAmount']],
  ]);
  expect((await api(h.baseUrl, `/api/assessment-periods/${month}/parties/station/HB.XN.XA.WQ`, { token: supervisor })).status).toBe(403);
  // The case scored into the month after it closed is not part of the frozen breakdown either.
  const c = await api(h.baseUrl, `/api/assessment-periods/${month}/parties/inspector/${inspectors.c}`, { token: manager });
  expect(c.body).toMatchObject({ total: 1, rank: 4, cases: [{ total: 1 }] });
  // What-if against a closed month compares with the frozen ranking.
  expect((await whatIf()).body).toMatchObject({ current: 'closed' });
  // Months that have not ended cannot be closed.
  expect((await api(h.baseUrl, '/api/assessment-periods/2999-01/close', { token: manager, method: 'POST' })).status).toBe(422);
});

test('a confirmation overturned later is scored under the version the case was scored with, once', async () => {
  const { scoreCase } = createScoringActivities({ pool: h.pool });
  const confirmed = await newCase();
  const notConfirmed = await newCase();
  await scoreCase({ ...base, ...WQ, caseId: confirmed, closedAt: `${month}-26T03:00:00.000Z`, inspector: inspectors.d, origin: 'special', outcome: 'confirmed' });
  await scoreCase({ ...base, ...WQ, caseId: notConfirmed, closedAt: `${month}-26T04:00:00.000Z`, inspector: inspectors.d });
  const overturn = (id: string, token = manager) => api(h.baseUrl, `/api/assessment-cases/${id}/overturn`, { token, body: { reason: '复核认定为正常用电' } });
  const first = await overturn(confirmed);
  expect(first.status).toBe(200);
  expect(first.body.line).toMatchObject({ item: 'confirmationOverturned', points: -3, ruleSetVersion: 'pilot-v1', party: { kind: 'inspector', id: inspectors.d } });
  expect((await overturn(confirmed)).status).toBe(409);
  expect((await overturn(notConfirmed)).status).toBe(422);
  expect((await overturn(crypto.randomUUID())).status).toBe(404);
  const lines = await h.pool.query('select line_no, item, points from case_score_lines where case_id = $1 order by line_no', [confirmed]);
  expect(lines.rows.map((l) => l.item)).toEqual(['fieldOnTime', 'evidenceComplete', 'confirmationOverturned']);
  expect((await h.pool.query('select confirmation_overturned from case_scoring_facts where case_id = $1', [confirmed])).rows[0].confirmation_overturned).toBe(true);
});

test('the monthly schedule is created once and updated on later starts', async () => {
  const id = `it-${tag}-schedule`;
  try {
    expect(await ensurePeriodCloseSchedule(h.client, h.config.TEMPORAL_TASK_QUEUE, id)).toBe('created');
    expect(await ensurePeriodCloseSchedule(h.client, h.config.TEMPORAL_TASK_QUEUE, id)).toBe('updated');
    const d = await h.client.schedule.getHandle(id).describe();
    expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: 'periodClose', taskQueue: h.config.TEMPORAL_TASK_QUEUE });
    expect(d.spec.timezone).toBe('Asia/Shanghai');
    expect(d.spec.calendars?.[0]).toMatchObject({ dayOfMonth: [{ start: 1, end: 1, step: 1 }], hour: [{ start: 2, end: 2, step: 1 }] });
    expect(d.policies.overlap).toBe('SKIP');
  } finally {
    await h.client.schedule.getHandle(id).delete().catch(() => undefined);
  }
});

test('the daily housekeeping schedule is created once and updated on later starts', async () => {
  const id = `it-${tag}-housekeeping`;
  try {
    expect(await ensureHousekeepingSchedule(h.client, h.config.TEMPORAL_TASK_QUEUE, id)).toBe('created');
    expect(await ensureHousekeepingSchedule(h.client, h.config.TEMPORAL_TASK_QUEUE, id)).toBe('updated');
    const d = await h.client.schedule.getHandle(id).describe();
    expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: 'housekeeping', taskQueue: h.config.TEMPORAL_TASK_QUEUE });
    expect(d.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 3, end: 3, step: 1 }], minute: [{ start: 30, end: 30, step: 1 }] });
  } finally {
    await h.client.schedule.getHandle(id).delete().catch(() => undefined);
  }
});
