import crypto from 'node:crypto';
import { newDpopKey } from '../../client/dpop';
import { loadConfig } from '../../config/env';
import { cancelUpdate, getStateQuery, type InspectionCaseState } from '../../domain/inspectionCaseContract';
import { computedTotalYuan } from '../../domain/penalty';
import { demoCustomers } from '../../db/seed/demoOrg';
import { DEMO_ESCALATED_POLICY, DEMO_OVERDUE_POLICY, ensureDemoPolicies, liveCasePlan, seedLiveCases, type LiveCaseAccounts, type LiveSeedOptions } from '../../scripts/seed/demoLiveCases';
import { caseWorkflowId } from '../../domain/inspectionCaseContract';
import { api, startHarness, type Harness } from '../support/harness';
import { DEMO_PASSWORD, tokenFor } from '../support/keycloak';
import { waitFor } from '../support/mobile';

// The first start's live cases (scripts/seed/demoLiveCases.ts), seeded as `npm start` seeds them — API and worker
// running, field steps on the terminal simulator — for customers of this run at 温泉供电所 (the demo inspector's and
// station lead's station), under a set name of its own.

const HOUR = 3_600_000;
const template = demoCustomers().find((c) => c.accountNo === '4210000001')!;
const run = crypto.randomUUID().slice(0, 8);
const ROLES: (keyof LiveCaseAccounts)[] = ['pilot', 'accepted', 'rectification', 'verification', 'rejectedThenPassed', 'onReview', 'overdue', 'escalated'];
const accounts = Object.fromEntries(ROLES.map((r, i) => [r, `49${String(parseInt(run, 16) % 1e7).padStart(7, '0')}${i}`])) as unknown as LiveCaseAccounts;
const plan = liveCasePlan(accounts, `test-${run}`);
const byKey = (k: string) => plan.find((c) => c.key === k)!;

let h: Harness;
let options: LiveSeedOptions;
let first: Awaited<ReturnType<typeof seedLiveCases>>;
const state = (key: string): Promise<InspectionCaseState> => h.client.workflow.getHandle(caseWorkflowId(byKey(key).caseId)).query(getStateQuery);

/** What a second run must leave as it was: the cases' rows, events, escalations, notifications, evidence and track. */
async function footprint() {
  const ids = plan.map((c) => c.caseId);
  const r = await h.pool.query(
    `select (select count(*) from cases where id = any($1))::int as cases,
            (select max(last_event_seq) || '/' || sum(last_event_seq) from cases where id = any($1)) as seqs,
            (select count(*) from case_events where case_id = any($1))::int as events,
            (select count(*) from escalations where case_id = any($1))::int as escalations,
            (select count(*) from notifications where case_id = any($1))::int as notifications,
            (select count(*) from evidence_uploads where case_id = any($1))::int as uploads,
            (select count(*) from gps_points where case_id = any($1))::int as points`,
    [ids],
  );
  return r.rows[0];
}

beforeAll(async () => {
  h = await startHarness();
  for (const [i, role] of ROLES.entries()) {
    await h.pool.query(
      `insert into customers (account_no, name, address, lat, lon, tariff_category, contract_capacity_kva, meter_no, whitelist, station_id, grid_id)
       values ($1, $2, $3, $4, $5, 'residential', 16, $6, $7, $8, $9)`,
      [accounts[role], `首启演示测试客户${i}`, `${template.address}-${run}-${i}`, template.lat + i * 0.002, template.lon + i * 0.002, `M${accounts[role]}`, role === 'pilot', template.stationId, template.gridId],
    );
  }
  await ensureDemoPolicies(h.pool);
  const c = loadConfig();
  options = {
    pool: h.pool, temporal: h.client, taskQueue: h.config.TEMPORAL_TASK_QUEUE, baseUrl: h.baseUrl,
    keycloak: { url: c.KEYCLOAK_URL, realm: c.KEYCLOAK_REALM }, password: DEMO_PASSWORD, deviceKey: (await newDpopKey()).key, cases: plan,
  };
  first = await seedLiveCases(options);
}, 300_000);

afterAll(async () => {
  // open cases would crowd the demo inspector's task list in later tests
  for (const c of plan) {
    await h?.client.workflow.getHandle(caseWorkflowId(c.caseId))
      .executeUpdate(cancelUpdate, { args: [{ reason: 'live demo seed test: test data', actor: { username: 'test', roles: ['manager'], orgUnit: 'HB' } }] })
      .catch(() => undefined);
  }
  await h?.stop();
});

test('every stage is reached: offered, accepted, order issued, verification pending, on review, closed', async () => {
  expect(first.started).toBe(plan.length);
  const stages = Object.fromEntries(first.cases.map((c) => [c.key, c.stage]));
  expect(stages).toEqual({
    pilot: 'closed', accepted: 'field_evidence', rectification: 'rectification', verification: 'verification',
    'rejected-then-passed': 'closed', 'on-review': 'rectification', overdue: 'field_evidence', escalated: 'field_evidence',
  });
  expect(await state('accepted')).toMatchObject({ assignment: 'accepted', assignee: 'inspector' });
  expect(await state('overdue')).toMatchObject({ assignment: 'offered', assignee: 'inspector' });
  const rect = await state('rectification');
  expect(rect.rectification).toMatchObject({ owner: 'lead', report: null, actions: [{ kind: 'meter_replacement' }] });
  expect(rect.findings).toMatchObject({ problemType: 'meter_fault' });
  expect((await state('verification')).rectification?.report).toMatchObject({ by: 'lead', tariffChangedOn: expect.any(String) });

  // the read model (case list, saved views) says the same
  const rows = await h.pool.query<{ id: string; stage: string; review_pending: boolean; escalation_tier: number }>('select id, stage, review_pending, escalation_tier from cases where id = any($1)', [plan.map((c) => c.caseId)]);
  const row = (k: string) => rows.rows.find((r) => r.id === byKey(k).caseId)!;
  expect(rows.rows.map((r) => r.stage).sort()).toEqual(first.cases.map((c) => c.stage).sort());
  expect(row('on-review').review_pending).toBe(true);
});

test('the case on review is a visit whose proof of presence was weak: a real track and check-in 2.3 km off, with a justification', async () => {
  const s = await state('on-review');
  expect(s.review).toMatchObject({ status: 'pending', justification: expect.stringContaining('定位漂移') });
  expect(s.review!.reasons.map((r) => r.code)).toContain('checkin.outside');
  expect(s.rectification).toBeNull();
  expect(s.checkIns[0].distanceM).toBeGreaterThan(2000);
});

test('overdue and escalated on the workflow\'s own clock: tier 1 under the overdue policy, tier 3 under the escalated one', async () => {
  const overdue = await state('overdue');
  const escalated = await state('escalated');
  expect(overdue).toMatchObject({ policyVersion: DEMO_OVERDUE_POLICY, escalationTier: 1 });
  expect(escalated).toMatchObject({ policyVersion: DEMO_ESCALATED_POLICY, escalationTier: 3, assignment: 'accepted' });
  const esc = await h.pool.query<{ case_id: string; tier: number }>('select case_id, tier from escalations where case_id = any($1) and resolved_at is null order by tier', [[byKey('overdue').caseId, byKey('escalated').caseId]]);
  expect(esc.rows.filter((r) => r.case_id === byKey('overdue').caseId).map((r) => r.tier)).toEqual([1]);
  expect(esc.rows.filter((r) => r.case_id === byKey('escalated').caseId).map((r) => r.tier)).toEqual([1, 2, 3]);
  // every other case runs under the policy in force
  for (const k of ['pilot', 'accepted', 'verification']) expect((await state(k)).policyVersion).not.toMatch(/^demo-/);
});

test('no clock step of an open live case falls within hours of the seed', async () => {
  const soon = Date.now() + 3 * HOUR;
  for (const c of plan) {
    const s = await state(c.key);
    if (['closed', 'dismissed', 'cancelled'].includes(s.stage)) continue;
    if (s.escalationTier === 3) continue; // the last step has fired
    if (s.escalationTier > 0) {
      // the overdue policy's next tier comes 30 calendar days after the deadline
      expect(Date.parse(s.deadlineAt!) + 30 * 24 * HOUR).toBeGreaterThan(soon);
      continue;
    }
    expect({ key: c.key, at: s.remindedForStage ? s.deadlineAt : s.reminderAt }).toEqual({ key: c.key, at: expect.any(String) });
    expect(Date.parse((s.remindedForStage ? s.deadlineAt : s.reminderAt)!)).toBeGreaterThan(soon);
  }
});

test('a verification rejected, reported again, then passed', async () => {
  const s = await state('rejected-then-passed');
  expect(s.verifications.map((v) => v.outcome)).toEqual(['reject', 'pass']);
  expect(s.verifications[0].reason).toContain('改类未生效');
  expect(s.rectification).toMatchObject({ round: 2 });
});

test('the pilot\'s example closed: whitelist case, photos and track on site, re-classified to commercial, penalty computed, collected and verified', async () => {
  const s = await state('pilot');
  expect(s).toMatchObject({ stage: 'closed', origin: 'special', findings: { result: 'confirmed', problemType: 'wrong_tariff', summary: expect.stringContaining('餐馆') } });
  expect(s.evidence.filter((e) => e.kind === 'photo' && e.verified)).toHaveLength(2);
  expect(s.checkIns.some((c) => c.insideGeofence)).toBe(true);
  expect(s.needsSupervisorReview).toBe(false);
  const points = await h.pool.query<{ n: number }>('select count(*)::int as n from gps_points where case_id = $1', [byKey('pilot').caseId]);
  expect(points.rows[0].n).toBe(30);

  const order = s.rectification!;
  expect(order.actions).toEqual([
    expect.objectContaining({ kind: 'tariff_reclassification', fromCategory: 'residential', toCategory: 'commercial' }),
    expect.objectContaining({ kind: 'back_billing_and_penalty', penalty: expect.objectContaining({ kind: 'wrong_tariff', appliedCategory: 'residential', correctCategory: 'commercial' }) }),
  ]);
  const [computation] = order.computations;
  expect(computation.backBillingYuan).toBeGreaterThan(0);
  // 违约使用电费: the rule's default multiple of the tariff difference
  expect(computation.penaltyYuan).toBeCloseTo(computation.backBillingYuan * computation.penaltyBasis!.chosen, 2);
  const total = computedTotalYuan(order.computations);
  expect(order.report).toMatchObject({ collectedYuan: total, receiptNo: expect.any(String), tariffChangedOn: expect.any(String) });
  expect(s.verifications).toEqual([expect.objectContaining({ outcome: 'pass', by: 'supervisor' })]);
  const facts = await h.pool.query<{ recovered_yuan: string; outcome: string }>('select recovered_yuan::text, outcome from case_scoring_facts where case_id = $1', [byKey('pilot').caseId]);
  expect(facts.rows[0]).toMatchObject({ outcome: 'confirmed' });
  expect(Number(facts.rows[0].recovered_yuan)).toBe(total);
});

test('a second run starts no case, takes no step and writes nothing; nor does one after a user moved a case on', async () => {
  const before = await footprint();
  const again = await seedLiveCases(options);
  expect(again).toMatchObject({ started: 0, steps: 0 });
  expect(again.cases).toEqual(first.cases);
  expect(await footprint()).toEqual(before);

  // a supervisor dismisses the case waiting for verification: the seed walks every case again and leaves them all be
  const dismissed = await api(h.baseUrl, `/api/cases/${byKey('verification').caseId}/actions/dismiss`, { token: await tokenFor('supervisor'), body: { reason: '演示：复核前撤销' } });
  expect(dismissed.status).toBe(200);
  await waitFor('dismissal in the read model', async () => (await h.pool.query("select 1 from cases where id = $1 and stage = 'dismissed'", [byKey('verification').caseId])).rowCount);
  const afterUser = await footprint();
  const third = await seedLiveCases(options);
  expect(third).toMatchObject({ started: 0, steps: 0 });
  expect(third.cases.find((c) => c.key === 'verification')?.stage).toBe('dismissed');
  expect(third.cases.filter((c) => c.key !== 'verification')).toEqual(first.cases.filter((c) => c.key !== 'verification'));
  expect(await footprint()).toEqual(afterUser);
}, 180_000);
