import { builtInJudgementRuleSetOn } from '../../domain/defaultJudgementRules';
import { chinaDate } from '../../domain/calendar';

import { prepareRuleSet } from '../../domain/judgementRules';
import { lastClosedMonth } from '../../domain/billingMonths';
import { generatePopulation, type PopulationSpec } from '../../db/synthetic/generator';
import { upsertPopulation } from '../../db/synthetic/loadPopulation';
import { expectedSelection, judgeGenerated } from '../../db/synthetic/inMemoryJudgement';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';

// The rules the seeded database applies today (the newest built-in version may be in force from a later day).
const DEFAULT_JUDGEMENT_RULE_SET = builtInJudgementRuleSetOn(chinaDate(Date.now()));

// The unit pickers' tree (GET /api/org-units) and a draft campaign's launch preview (GET /api/campaigns/:id/preview):
// what 启动 would open now, and how many of the customers it would select already have an open case.
let h: Harness;
let manager: string;
let supervisor: string;
let inspector: string;

const spec: PopulationSpec = {
  name: 'it-draft-preview', seed: 73_020, customers: 600, endMonth: lastClosedMonth(new Date()),
  root: { id: 'HB.XN.DP', parentId: 'HB.XN', level: 'county', nameZh: '预估测试县供电公司', nameEn: 'Draft Preview Test County' }, accountPrefix: '7302',
};
const customers = [...generatePopulation(spec)];
const evaluations = judgeGenerated(prepareRuleSet(DEFAULT_JUDGEMENT_RULE_SET, spec.endMonth), spec, customers);
const MIN_SCORE = DEFAULT_JUDGEMENT_RULE_SET.campaignMinScore;
const matched = expectedSelection(evaluations, MIN_SCORE, Infinity);
const CAP = matched.length - 3;
const selected = expectedSelection(evaluations, MIN_SCORE, CAP);

beforeAll(async () => {
  h = await startHarness();
  await upsertPopulation(h.pool, spec);
  // cases of an earlier run of this file would count as open cases
  await h.pool.query(
    "update cases set stage = 'cancelled', closed_at = now() where customer_account_no like $1 and stage not in ('closed', 'dismissed', 'cancelled')",
    [`${spec.accountPrefix}%`],
  );
  [manager, supervisor, inspector] = await Promise.all([tokenFor('manager'), tokenFor('supervisor'), tokenFor('inspector')]);
}, 120_000);

afterAll(async () => {
  for await (const wf of h.client.workflow.list({ query: `TaskQueue = '${h.config.TEMPORAL_TASK_QUEUE}' AND ExecutionStatus = 'Running'` })) {
    await h.client.workflow.getHandle(wf.workflowId).terminate('draft preview test finished').catch(() => undefined);
  }
  await h?.stop();
}, 60_000);

type Unit = { id: string; parentId: string | null; level: string; nameZh: string; nameEn: string };

test('the org tree lists the caller\'s unit and the units below it, parents first, with names; levels filter it', async () => {
  const res = await api(h.baseUrl, '/api/org-units', { token: manager });
  expect(res.status).toBe(200);
  const units = res.body as Unit[];
  expect(units[0]).toMatchObject({ id: 'HB.XN', level: 'city' });
  expect(units.every((u) => u.id === 'HB.XN' || u.id.startsWith('HB.XN.'))).toBe(true);
  expect(units.find((u) => u.id === spec.root.id)).toEqual({ id: spec.root.id, parentId: 'HB.XN', level: 'county', nameZh: '预估测试县供电公司', nameEn: 'Draft Preview Test County' });
  expect(units.find((u) => u.id === 'HB.XN.XA.WQ')).toMatchObject({ parentId: 'HB.XN.XA', level: 'station' });
  const seen = new Set<string>();
  for (const u of units) {
    if (u.parentId && u.id !== 'HB.XN') expect(seen.has(u.parentId)).toBe(true);
    seen.add(u.id);
  }

  const counties = await api(h.baseUrl, '/api/org-units?levels=county,station', { token: manager });
  expect(counties.status).toBe(200);
  expect(new Set((counties.body as Unit[]).map((u) => u.level))).toEqual(new Set(['county', 'station']));

  const station = await api(h.baseUrl, '/api/org-units', { token: inspector });
  expect((station.body as Unit[]).every((u) => u.id === 'HB.XN.XA.WQ' || u.id.startsWith('HB.XN.XA.WQ.'))).toBe(true);
  expect((station.body as Unit[])[0].id).toBe('HB.XN.XA.WQ');

  const bad = await api(h.baseUrl, '/api/org-units?levels=town', { token: manager });
  expect(bad.status).toBe(400);
  expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'query.levels' })]);
});

test('a draft\'s preview counts the cases 启动 would open, skipping selected customers with an open case', async () => {
  expect(matched.length).toBeGreaterThan(10);
  const created = await api(h.baseUrl, '/api/campaigns', {
    token: manager, body: { name: '草稿预估测试', scope: [spec.root.id], caseCap: CAP, asOfMonth: spec.endMonth },
  });
  expect(created.status).toBe(201);
  const path = `/api/campaigns/${created.body.id}/preview`;

  const before = await api(h.baseUrl, path, { token: manager });
  expect(before.status).toBe(200);
  expect(before.body).toMatchObject({ asOfMonth: spec.endMonth, minScore: MIN_SCORE, matched: matched.length, withOpenCase: 0, selected: CAP, skipped: 0, wouldOpen: CAP });

  // an open case for the best-ranked selected customer (skipped at launch) and one for a match below the cap (not selected)
  for (const accountNo of [selected[0].accountNo, matched[matched.length - 1].accountNo]) {
    const opened = await api(h.baseUrl, '/api/cases', { token: supervisor, body: { customerAccountNo: accountNo, origin: 'custom', note: '草稿预估：已有在办工单' } });
    expect(opened.status).toBe(201);
  }
  const after = await api(h.baseUrl, path, { token: manager });
  expect(after.body).toMatchObject({ matched: matched.length, withOpenCase: 2, selected: CAP, skipped: 1, wouldOpen: CAP - 1 });

  expect((await api(h.baseUrl, path, { token: supervisor })).status).toBe(403);
  await h.pool.query("update campaigns set status = 'completed' where id = $1", [created.body.id]);
  const done = await api(h.baseUrl, path, { token: manager });
  expect(done.status).toBe(409);
});

test('the personnel list filters by a unit chosen in the picker, never beyond the caller\'s own', async () => {
  const admin = await tokenFor('admin');
  const list = (unit: string) => api(h.baseUrl, `/api/personnel?filter=${encodeURIComponent(JSON.stringify({ unit }))}&range=[0,199]`, { token: admin });
  const wq = await list('HB.XN.XA.WQ');
  expect(wq.status).toBe(200);
  expect(wq.body.map((p: { id: string }) => p.id)).toContain('inspector');
  expect(wq.body.every((p: { orgUnitId: string }) => p.orgUnitId === 'HB.XN.XA.WQ' || p.orgUnitId.startsWith('HB.XN.XA.WQ.'))).toBe(true);
  const all = await list('HB');
  expect(all.body.length).toBeGreaterThan(wq.body.length);
  // the admin's unit is HB: a unit in another province lists nobody, even where people exist
  await h.pool.query("insert into org_units (id, parent_id, level, name_zh, name_en) values ('HN', null, 'province', '河南省电力公司', 'Henan') on conflict do nothing");
  await h.pool.query("insert into personnel (username, display_name, role, org_unit_id) values ('it-henan-inspector', '河南稽查员', 'inspector', 'HN') on conflict do nothing");
  expect((await list('HN')).body).toEqual([]);
  expect((await list('HB.%')).status).toBe(400);
});
