import crypto from 'node:crypto';
import { INSPECTION_CASE_WORKFLOW, caseWorkflowId, type InspectionCaseInput } from '../../domain/inspectionCaseContract';
import { activeCasePolicy, casePolicyByVersion } from '../../db/rules';
import { casePolicies } from '../../services/casePolicies/casePolicies';
import { addDays } from '../../domain/billingMonths';
import { chinaDay } from '../../services/ruleSets/effectiveDate';
import { api, auditRowFor, startHarness, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { waitFor } from '../support/mobile';

// The case-policy lifecycle over HTTP (draft → edit → publish → frozen), and which version a case runs under. Cases
// are opened by the workflow at a station of this test's own (outside every demo user's unit) on a day centuries ahead
// (random, so one version per effective day holds across runs): publishing there changes nothing in force for others.
let h: Harness;
let manager: string;
let supervisor: string;
const R = `TCP${crypto.randomBytes(3).toString('hex').toUpperCase()}`;
const STATION = `${R}.S1`;
const prefix = `it-cp-${crypto.randomUUID().slice(0, 8)}`;
const F = `${2500 + crypto.randomInt(0, 400)}-${String(crypto.randomInt(1, 13)).padStart(2, '0')}-${String(crypto.randomInt(1, 29)).padStart(2, '0')}`;
const cases: string[] = [];

const RULES = {
  deadlines: {
    field_evidence: { low: 10, normal: 7, high: 5, urgent: 2 },
    rectification: { low: 20, normal: 15, high: 10, urgent: 5 },
    verification: { low: 7, normal: 5, high: 3, urgent: 2 },
  },
  escalation: { reminderShare: 0.6, tier2AfterDays: 3, tier3AfterDays: 4 },
  evidence: { minVerifiedPhotos: 3, geofenceRadiusM: 150, clockToleranceS: 120 },
};

/** Opens a case at this test's station through the case workflow, as if requested at `requestedAt`; its policy version once judged. */
async function openCaseAt(requestedAt: string): Promise<{ id: string; policyVersion: () => Promise<string> }> {
  const accountNo = `8${crypto.randomInt(0, 1e9).toString().padStart(9, '0')}`;
  await h.pool.query(`insert into customers (account_no, name, address, tariff_category, station_id) values ($1, '时限测试客户', '测试地址', 'residential', $2)`, [accountNo, STATION]);
  const caseId = crypto.randomUUID();
  const input: InspectionCaseInput = { caseId, customerAccountNo: accountNo, origin: 'special', note: 'case-policy test', createdBy: 'it-case-policy', requestedAt };
  await h.client.workflow.start(INSPECTION_CASE_WORKFLOW, { taskQueue: h.config.TEMPORAL_TASK_QUEUE, workflowId: caseWorkflowId(caseId), args: [input] });
  cases.push(caseId);
  const policyVersion = () =>
    waitFor(`case ${caseId} judged`, async () => (await h.pool.query<{ v: string | null }>("select snapshot->>'policyVersion' as v from cases where id = $1", [caseId])).rows[0]?.v);
  await policyVersion();
  return { id: caseId, policyVersion };
}

beforeAll(async () => {
  h = await startHarness();
  [manager, supervisor] = await Promise.all([tokenFor('manager'), tokenFor('supervisor')]);
  await h.pool.query('insert into org_units (id, parent_id, level, name_zh, name_en) values ($1, null, $2, $3, $4)', [R, 'city', `单位${R}`, `Unit ${R}`]);
  await h.pool.query('insert into org_units (id, parent_id, level, name_zh, name_en) values ($1, $2, $3, $4, $5)', [STATION, R, 'station', `供电所${R}`, `Station ${R}`]);
}, 120_000);

afterAll(async () => {
  for (const id of cases) await h?.client.workflow.getHandle(caseWorkflowId(id)).terminate('case-policy test done').catch(() => undefined);
  await h?.pool.query('delete from case_policies where version like $1', [`${prefix}-%`]);
  await h?.stop();
});

test('draft from the version in force → edit (422 with codes in the caller\'s language) → publish (not in the past) → frozen (409); discard a draft', async () => {
  const v = `${prefix}-1`;
  const inForce = await activeCasePolicy(h.pool, new Date().toISOString());

  const created = await api(h.baseUrl, '/api/case-policies', { token: manager, body: { version: v } });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ version: v, status: 'draft', standing: 'draft', createdBy: 'manager', deadlines: inForce.deadlines, evidence: inForce.evidence });
  expect((await api(h.baseUrl, '/api/case-policies', { token: manager, body: { version: v } })).status).toBe(409);

  // Bad input: each refused field with its code, the texts in the language asked for (zh-CN by default).
  const bad = { ...RULES, deadlines: { ...RULES.deadlines, rectification: { ...RULES.deadlines.rectification, high: 0 } }, escalation: { ...RULES.escalation, reminderShare: 1.2 }, evidence: { ...RULES.evidence, geofenceRadiusM: 'far', extra: 1 } };
  const zh = await api(h.baseUrl, `/api/case-policies/${v}`, { method: 'PUT', token: manager, body: bad });
  expect([zh.status, zh.headers.get('content-type'), zh.body.code]).toEqual([422, 'application/problem+json; charset=utf-8', 'case-policy.invalid']);
  expect(zh.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]).sort()).toEqual([
    ['deadlines.rectification.high', 'case-policy.working-days'],
    ['escalation.reminderShare', 'case-policy.reminder-share'],
    ['evidence.extra', 'case-policy.unknown-field'],
    ['evidence.geofenceRadiusM', 'case-policy.geofence-radius'],
  ]);
  expect(zh.body.errors.find((e: { path: string }) => e.path === 'deadlines.rectification.high').message).toBe('应为 1–365 之间的整数个工作日');
  const en = await api(h.baseUrl, `/api/case-policies/${v}`, { method: 'PUT', token: manager, body: { ...RULES, escalation: { reminderShare: 0.5, tier2AfterDays: 2.5 } }, headers: { 'accept-language': 'en' } });
  expect(en.status).toBe(422);
  expect(en.body.errors).toEqual(expect.arrayContaining([
    { path: 'escalation.tier2AfterDays', code: 'case-policy.working-days', message: 'must be a whole number of working days from 1 to 365' },
    { path: 'escalation.tier3AfterDays', code: 'case-policy.required', message: 'required, a number' },
  ]));
  // Nothing of the refused edits was stored.
  expect((await api(h.baseUrl, `/api/case-policies/${v}`, { token: manager })).body.escalation).toEqual(inForce.escalation);

  const edited = await api(h.baseUrl, `/api/case-policies/${v}`, { method: 'PUT', token: manager, body: RULES });
  expect(edited.status).toBe(200);
  expect(edited.body).toMatchObject({ status: 'draft', updatedBy: 'manager', ...RULES });
  expect(await auditRowFor(h.pool, edited.headers.get('x-request-id')!)).toMatchObject({ username: 'manager', route: '/api/case-policies/:version', status: 200 });
  // The calendar (not edited here) passed through unchanged.
  const stored = (await h.pool.query<{ policy: { calendar?: unknown } }>('select policy from case_policies where version = $1', [v])).rows[0]!.policy;
  expect(stored.calendar).toEqual(inForce.calendar);

  // Supervisors read; they do not write.
  expect((await api(h.baseUrl, `/api/case-policies/${v}`, { token: supervisor })).status).toBe(200);
  expect((await api(h.baseUrl, `/api/case-policies/${v}`, { method: 'PUT', token: supervisor, body: RULES })).status).toBe(403);

  const today = chinaDay(new Date());
  const past = await api(h.baseUrl, `/api/case-policies/${v}/publish`, { token: manager, body: { effectiveFrom: addDays(today, -1) } });
  expect([past.status, past.body.type]).toEqual([422, 'urn:jicha:rule-set:date-not-allowed']);
  const published = await api(h.baseUrl, `/api/case-policies/${v}/publish`, { token: manager, body: { effectiveFrom: F } });
  expect(published.status).toBe(200);
  expect(published.body).toMatchObject({ status: 'published', effectiveFrom: F, publishedBy: 'manager', inForce: false, standing: 'scheduled' });

  const frozenEdit = await api(h.baseUrl, `/api/case-policies/${v}`, { method: 'PUT', token: manager, body: RULES });
  expect([frozenEdit.status, frozenEdit.body.type]).toEqual([409, 'urn:jicha:rule-set:published']);
  expect((await api(h.baseUrl, `/api/case-policies/${v}`, { method: 'DELETE', token: manager })).status).toBe(409);
  await expect(h.pool.query("update case_policies set policy = policy || '{}' where version = $1", [v])).rejects.toThrow(/published and cannot change/);

  const list = await api(h.baseUrl, '/api/case-policies', { token: manager });
  expect(list.status).toBe(200);
  const rows = list.body as { version: string; standing: string; inForce: boolean; cases: number }[];
  expect(rows.filter((r) => r.inForce)).toHaveLength(1);
  expect(rows.find((r) => r.inForce)).toMatchObject({ version: inForce.version, standing: 'in_force' });
  expect(rows.find((r) => r.version === v)).toMatchObject({ standing: 'scheduled', cases: 0 });

  const scrap = `${prefix}-scrap`;
  expect((await api(h.baseUrl, '/api/case-policies', { token: manager, body: { version: scrap, basedOn: v } })).body.escalation).toEqual(RULES.escalation);
  expect((await api(h.baseUrl, `/api/case-policies/${scrap}`, { method: 'DELETE', token: manager })).status).toBe(200);
  expect((await api(h.baseUrl, `/api/case-policies/${scrap}`, { token: manager })).status).toBe(404);
  expect((await api(h.baseUrl, '/api/case-policies', { token: manager, body: { version: `${prefix}-x`, basedOn: `${prefix}-none` } })).status).toBe(422);
}, 60_000);

test('a draft never reaches a case, even one whose effective_from is set; only published versions are in force', async () => {
  const d = `${prefix}-draft`;
  const base = await activeCasePolicy(h.pool, new Date().toISOString());
  // Written past the API on purpose: a draft with a day in the past must still not be in force.
  await h.pool.query(
    "insert into case_policies (version, status, effective_from, policy, created_by) values ($1, 'draft', now() - interval '1 day', $2, 'it')",
    [d, JSON.stringify({ ...base, version: d })],
  );
  expect((await activeCasePolicy(h.pool, new Date().toISOString())).version).toBe(base.version);
  expect(await casePolicyByVersion(h.pool, d)).toBeNull();
  expect(await casePolicyByVersion(h.pool, base.version)).toMatchObject({ version: base.version });
});

test('a case opened after the publication runs under the new version; one opened before keeps the old one', async () => {
  const v = `${prefix}-2`;
  const before = await openCaseAt(`${F}T09:00:00+08:00`);
  const old = await before.policyVersion();
  expect(old).toBe((await activeCasePolicy(h.pool, `${F}T09:00:00+08:00`)).version);

  expect((await api(h.baseUrl, '/api/case-policies', { token: manager, body: { version: v } })).status).toBe(201);
  // Not in force while a draft: a case opened now on that day still gets the old version.
  const whileDraft = await openCaseAt(`${F}T09:30:00+08:00`);
  expect(await whileDraft.policyVersion()).toBe(old);
  // F may already carry the first test's version: publish on the next day.
  const G = addDays(F, 1);
  expect((await api(h.baseUrl, `/api/case-policies/${v}/publish`, { token: manager, body: { effectiveFrom: G } })).status).toBe(200);

  const after = await openCaseAt(`${G}T10:00:00+08:00`);
  const dayBefore = await openCaseAt(`${F}T23:00:00+08:00`);
  expect(await after.policyVersion()).toBe(v);
  expect(await dayBefore.policyVersion()).toBe(old);
  expect(await before.policyVersion()).toBe(old);

  const counts = Object.fromEntries((await casePolicies({ pool: h.pool }).list(R)).map((r) => [r.version, r.cases]));
  expect(counts[v]).toBe(1);
  expect(counts[old]).toBe(3);
}, 180_000);
