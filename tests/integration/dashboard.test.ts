import crypto from 'node:crypto';
import { projectCaseStats } from '../../db/caseStatsProjection';
import { dashboardStats } from '../../db/dashboardStats';
import { api, startHarness, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { currentMonth } from '../../api/routes/dashboard';
import { addMonths } from '../../domain/billingMonths';

// The dashboard's figures over a read model written here row by row (an org tree of this test's own, outside the demo
// tree), so every number is known: Beijing-time month edges, a grandchild unit rolling up to its child, a case outside
// the unit, an escalation already resolved. Rows written here go through the projection's statistics step as the
// case log's would (db/caseStatsProjection.ts), so the aggregate the figures come from sees them.
let h: Harness;
const R = `T${crypto.randomBytes(4).toString('hex').toUpperCase()}`;
const OTHER = `${R}X`;
const HOUR = 3_600_000;

async function orgUnit(id: string, parent: string | null, level: string) {
  await h.pool.query('insert into org_units (id, parent_id, level, name_zh, name_en) values ($1, $2, $3, $4, $5)', [id, parent, level, `单位${id}`, `Unit ${id}`]);
}

let accountSeq = 0;
async function caseAt(unit: string, createdAt: string, o: { deadlineAt?: string; reviewPending?: boolean; stage?: string } = {}): Promise<string> {
  const accountNo = `9${crypto.randomInt(0, 1e8).toString().padStart(8, '0')}${accountSeq++ % 10}`;
  await h.pool.query(`insert into customers (account_no, name, address, tariff_category, station_id) values ($1, '测试客户', '测试地址', 'residential', $2)`, [accountNo, unit]);
  const id = crypto.randomUUID();
  await h.pool.query(
    `insert into cases (id, case_no, workflow_id, customer_account_no, customer_name, org_unit_id, origin, stage, priority, created_by, created_at, updated_at, last_event_seq, deadline_at, review_pending)
     values ($1, $2, $3, $4, '测试客户', $5, 'routine', $8, 'normal', 'test', $6, $6, 0, $7, $9)`,
    [id, `T-${id}`, `test-${id}`, accountNo, unit, createdAt, o.deadlineAt ?? null, o.stage ?? 'field_evidence', o.reviewPending ?? false],
  );
  await projectCaseStats(h.pool, { caseId: id, seq: 0, type: 'opened', payload: {} }, true);
  return id;
}

const seqs = new Map<string, number>();
async function event(caseId: string, type: string, at: string, payload: object = {}) {
  const seq = (seqs.get(caseId) ?? 0) + 1;
  seqs.set(caseId, seq);
  await h.pool.query(
    `insert into case_events (case_id, seq, type, stage, actor, payload, occurred_at, prev_hash, hash) values ($1, $2, $3, 'field_evidence', 'test', $4, $5, 'x', 'y')`,
    [caseId, seq, type, JSON.stringify(payload), at],
  );
  await projectCaseStats(h.pool, { caseId, seq, type, payload: payload as Record<string, unknown> }, false);
}

async function escalation(caseId: string, tier: number, resolved = false, stage = 'rectification') {
  await h.pool.query(
    'insert into escalations (case_id, stage, stage_round, tier, raised_at, resolved_at) values ($1, $2, 1, $3, now(), $4)',
    [caseId, stage, tier, resolved ? new Date() : null],
  );
}

beforeAll(async () => {
  h = await startHarness({ inProcessWorker: false });
  await orgUnit(R, null, 'city');
  await orgUnit(`${R}.S1`, R, 'station');
  await orgUnit(`${R}.S1.G1`, `${R}.S1`, 'grid');
  await orgUnit(`${R}.S2`, R, 'station');
  await orgUnit(OTHER, null, 'city');
  const past = new Date(Date.now() - 24 * HOUR).toISOString();
  const future = new Date(Date.now() + 24 * HOUR).toISOString();

  // A: confirmed in January; rejected once, passed in March: its order's back-billing and penalty count in March
  const a = await caseAt(`${R}.S1`, '2025-01-10T02:00:00Z');
  await event(a, 'findings_submitted', '2025-01-20T02:00:00Z', { result: 'confirmed', problemType: 'wrong_tariff', presence: { weak: false, confidence: 0.9 } });
  await event(a, 'rectification_issued', '2025-01-21T02:00:00Z', { computations: [{ backBillingYuan: 2250, penaltyYuan: 4500 }, { backBillingYuan: 100.1, penaltyYuan: 0.2 }] });
  await event(a, 'verified', '2025-02-05T02:00:00Z', { round: 1, outcome: 'reject', reason: 'not yet' });
  await event(a, 'verified', '2025-03-03T02:00:00Z', { round: 2, outcome: 'pass', reason: null });
  // B: opened 31 Jan 16:30 UTC = 1 Feb 00:30 Beijing, in a grid under S1; not confirmed, on a visit flagged as doubtful
  // (a weak presence verdict: 疑似虚假工单), since cleared
  const b = await caseAt(`${R}.S1.G1`, '2025-01-31T16:30:00Z');
  await event(b, 'findings_submitted', '2025-02-10T02:00:00Z', { result: 'not_confirmed', presence: { weak: true, confidence: 0.2 } });
  // C: checked 31 Mar 16:30 UTC = 1 Apr Beijing (after the period); overdue now, escalated to tier 2 (tier 1 and 2 open)
  const c = await caseAt(`${R}.S2`, '2025-02-15T02:00:00Z', { deadlineAt: past });
  await event(c, 'findings_submitted', '2025-03-31T16:30:00Z', { result: 'confirmed' });
  await escalation(c, 1);
  await escalation(c, 2);
  await escalation(c, 1, true, 'field_evidence');
  // D: opened 31 Dec 23:00 Beijing (before the period); deadline ahead; tier 3 open
  const d = await caseAt(`${R}.S2`, '2024-12-31T15:00:00Z', { deadlineAt: future });
  await escalation(d, 3);
  // F: opened before the period, on review now; G: on review when it was cancelled — no longer counted
  await caseAt(`${R}.S2`, '2024-12-01T02:00:00Z', { reviewPending: true, stage: 'rectification' });
  await caseAt(`${R}.S2`, '2024-12-01T02:00:00Z', { reviewPending: true, stage: 'cancelled' });
  // E: outside the unit — counted nowhere
  const e = await caseAt(OTHER, '2025-02-01T02:00:00Z', { deadlineAt: past, reviewPending: true });
  await event(e, 'findings_submitted', '2025-02-02T02:00:00Z', { result: 'confirmed', presence: { weak: true, confidence: 0.1 } });
  await escalation(e, 1);
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

const noEscalations = { tier1: 0, tier2: 0, tier3: 0, total: 0 };

test('figures, monthly trend and per-child breakdown of a unit for a period, by Beijing-time month', async () => {
  const s = await dashboardStats(h.pool, { unit: R, scope: R, from: '2025-01', to: '2025-03' });
  expect(s).not.toBeNull();
  expect(s!.unit).toEqual({ id: R, nameZh: `单位${R}`, nameEn: `Unit ${R}`, level: 'city' });
  expect(s!.path.map((u) => u.id)).toEqual([R]);
  expect(s!.figures).toEqual({
    suspected: 3, checkedOnSite: 2, confirmed: 1, confirmationRate: 0.5,
    recovered: { backBillingYuan: 2350.1, penaltyYuan: 4500.2, totalYuan: 6850.3 },
    overdueSteps: 1, openEscalations: { tier1: 1, tier2: 1, tier3: 1, total: 3 }, presenceReview: { pending: 1, flagged: 1 },
  });
  expect(s!.trend).toEqual([
    { month: '2025-01', suspected: 1, checkedOnSite: 1, confirmed: 1, recoveredYuan: 0 },
    { month: '2025-02', suspected: 2, checkedOnSite: 1, confirmed: 0, recoveredYuan: 0 },
    { month: '2025-03', suspected: 0, checkedOnSite: 0, confirmed: 0, recoveredYuan: 6850.3 },
  ]);
  expect(s!.units.map(({ id, suspected, checkedOnSite, confirmed, confirmationRate, recovered, overdueSteps, openEscalations, presenceReview }) => ({ id, suspected, checkedOnSite, confirmed, confirmationRate, recovered: recovered.totalYuan, overdueSteps, openEscalations, presenceReview }))).toEqual([
    { id: `${R}.S1`, suspected: 2, checkedOnSite: 2, confirmed: 1, confirmationRate: 0.5, recovered: 6850.3, overdueSteps: 0, openEscalations: noEscalations, presenceReview: { pending: 0, flagged: 1 } },
    { id: `${R}.S2`, suspected: 1, checkedOnSite: 0, confirmed: 0, confirmationRate: null, recovered: 0, overdueSteps: 1, openEscalations: { tier1: 1, tier2: 1, tier3: 1, total: 3 }, presenceReview: { pending: 1, flagged: 0 } },
  ]);
});

test('a narrower period and a child unit; the caller\'s scope limits the rows even when the unit is wider', async () => {
  const s1 = await dashboardStats(h.pool, { unit: `${R}.S1`, scope: R, from: '2025-02', to: '2025-02' });
  expect(s1!.path.map((u) => u.id)).toEqual([R, `${R}.S1`]);
  expect(s1!.figures).toMatchObject({ suspected: 1, checkedOnSite: 1, confirmed: 0, confirmationRate: 0, recovered: { totalYuan: 0 }, overdueSteps: 0, openEscalations: noEscalations, presenceReview: { pending: 0, flagged: 1 } });
  // the flag counts in the month of the findings only
  const january = await dashboardStats(h.pool, { unit: R, scope: R, from: '2025-01', to: '2025-01' });
  expect(january!.figures.presenceReview).toEqual({ pending: 1, flagged: 0 });
  expect(s1!.units.map((u) => [u.id, u.suspected, u.checkedOnSite])).toEqual([[`${R}.S1.G1`, 1, 1]]);
  // scope S2 with unit R: only S2's rows, and the path starts at the scope
  const scoped = await dashboardStats(h.pool, { unit: R, scope: `${R}.S2`, from: '2025-01', to: '2025-03' });
  expect(scoped!.figures).toMatchObject({ suspected: 1, checkedOnSite: 0, overdueSteps: 1, openEscalations: { total: 3 }, presenceReview: { pending: 1, flagged: 0 } });
  expect(scoped!.path).toEqual([]);
  expect(await dashboardStats(h.pool, { unit: `${R}.NOPE`, scope: R, from: '2025-01', to: '2025-01' })).toBeNull();
});

describe('GET /api/dashboard/stats', () => {
  test('a supervisor asks for a unit inside theirs: the demo county with its stations; default period is the last 6 months', async () => {
    const supervisor = await tokenFor('supervisor');
    const res = await api(h.baseUrl, '/api/dashboard/stats?unit=HB.XN.XA&from=2025-01&to=2025-03', { token: supervisor });
    expect(res.status).toBe(200);
    expect(res.body.period).toEqual({ from: '2025-01', to: '2025-03' });
    expect(res.body.path.map((u: { id: string }) => u.id)).toEqual(['HB.XN', 'HB.XN.XA']);
    expect(res.body.units.map((u: { id: string }) => u.id)).toContain('HB.XN.XA.WQ');
    expect(res.body.trend.map((t: { month: string }) => t.month)).toEqual(['2025-01', '2025-02', '2025-03']);

    const byDefault = await api(h.baseUrl, '/api/dashboard/stats', { token: supervisor });
    expect(byDefault.status).toBe(200);
    expect(byDefault.body.unit.id).toBe('HB.XN');
    const to = currentMonth();
    expect(byDefault.body.period).toEqual({ from: addMonths(to, -5), to });
    expect(byDefault.body.trend).toHaveLength(6);
  });

  test('a unit outside the caller\'s: 403; an inspector: 403; a bad period: 400', async () => {
    const [supervisor, lead, inspector] = await Promise.all([tokenFor('supervisor'), tokenFor('lead'), tokenFor('inspector')]);
    for (const unit of ['HB', R, 'HB.XNX']) {
      const res = await api(h.baseUrl, `/api/dashboard/stats?unit=${unit}`, { token: supervisor });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'org.outside-unit', params: { unit, org: 'HB.XN' }, detail: `单位 ${unit} 不在您的单位 HB.XN 范围内。` });
    }
    expect((await api(h.baseUrl, '/api/dashboard/stats?unit=HB.XN.XA', { token: lead })).status).toBe(403);
    expect((await api(h.baseUrl, '/api/dashboard/stats?unit=HB.XN.XA.WQ', { token: lead })).status).toBe(200);
    expect((await api(h.baseUrl, '/api/dashboard/stats', { token: inspector })).status).toBe(403);
    const reversed = await api(h.baseUrl, '/api/dashboard/stats?from=2025-04&to=2025-03', { token: supervisor, headers: { 'Accept-Language': 'en' } });
    expect(reversed.status).toBe(400);
    expect(reversed.body).toMatchObject({ code: 'period.range-reversed', detail: 'The period starts (2025-04) after it ends (2025-03).' });
    expect((await api(h.baseUrl, '/api/dashboard/stats?from=2022-01&to=2025-01', { token: supervisor })).status).toBe(400);
    expect((await api(h.baseUrl, '/api/dashboard/stats?from=2025-13', { token: supervisor })).status).toBe(400);
    expect((await api(h.baseUrl, '/api/dashboard/stats?unit=HB.XN%25', { token: supervisor })).status).toBe(400);
  });
});

test('a collected amount the supervisor confirmed counts instead of the computed one, split in the order\'s proportion (#17)', async () => {
  const c = await caseAt(OTHER, '2025-06-02T02:00:00Z');
  await event(c, 'rectification_issued', '2025-06-03T02:00:00Z', { computations: [{ backBillingYuan: 321, penaltyYuan: 481.5 }] });
  await event(c, 'verified', '2025-06-10T02:00:00Z', { round: 1, outcome: 'pass', reason: null, confirmedCollectedYuan: 500 });
  const s = await dashboardStats(h.pool, { unit: OTHER, scope: OTHER, from: '2025-06', to: '2025-06' });
  // penalty share 481.5 / 802.5 × 500 = 300; the back-billing the rest
  expect(s!.figures.recovered).toEqual({ backBillingYuan: 200, penaltyYuan: 300, totalYuan: 500 });
  expect(s!.trend).toEqual([{ month: '2025-06', suspected: 1, checkedOnSite: 0, confirmed: 0, recoveredYuan: 500 }]);
});
