import crypto from 'node:crypto';
import { DEFAULT_JUDGEMENT_RULE_SET } from '../../domain/defaultJudgementRules';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';

// The judgement rule editor's preview (POST /api/judgement-rule-sets/:version/preview) counts with the campaign
// preview's engine: the same rules, scope and threshold give the same numbers as POST /api/campaigns/preview.
let h: Harness;
let manager: string;
let supervisor: string;
let admin: string;
let inspector: string;
const version = `it-preview-${crypto.randomUUID().slice(0, 8)}`;
let inForce: typeof DEFAULT_JUDGEMENT_RULE_SET;

beforeAll(async () => {
  h = await startHarness({ inProcessWorker: false });
  [manager, supervisor, admin, inspector] = await Promise.all([tokenFor('manager'), tokenFor('supervisor'), tokenFor('admin'), tokenFor('inspector')]);
  const list = await api(h.baseUrl, '/api/judgement-rule-sets', { token: manager });
  inForce = list.body.find((r: { active: boolean }) => r.active)?.document ?? DEFAULT_JUDGEMENT_RULE_SET;
}, 120_000);
afterAll(async () => {
  await h?.pool.query("delete from judgement_rule_sets where version like $1 || '%'", [version]);
  await h?.stop();
});

const campaignPreview = (body: object) => api(h.baseUrl, '/api/campaigns/preview', { token: manager, body: { name: '预览对照', caseCap: 1_000_000, ...body } });
const preview = (token: string, v: string, body: object = {}) => api(h.baseUrl, `/api/judgement-rule-sets/${encodeURIComponent(v)}/preview`, { token, body });

test('a draft as edited is counted against the version in force, as the campaign preview counts the same rules', async () => {
  // The draft: the version in force with only its theft rule, at a lower threshold.
  const theft = inForce.rules.find((r) => r.anomalyType === 'theft')!;
  const draft = { ...inForce, version, campaignMinScore: 30, rules: [theft] };
  const res = await preview(manager, version, { document: draft });
  expect(res.status).toBe(200);
  expect(res.body.scope).toBe('HB.XN');

  const all = await campaignPreview({ scope: ['HB.XN'], asOfMonth: res.body.asOfMonth });
  expect(all.status).toBe(200);
  expect(res.body.inForce).toMatchObject({ version: inForce.version, minScore: inForce.campaignMinScore, total: all.body.matched });
  expect(res.body.inForce.total).toBeGreaterThan(0);
  expect(Object.fromEntries(res.body.inForce.byRule.map((r: { code: string; count: number }) => [r.code, r.count]))).toEqual(all.body.byRule);

  const one = await campaignPreview({ scope: ['HB.XN'], asOfMonth: res.body.asOfMonth, rules: [{ code: theft.code }], minScore: 30 });
  expect(res.body.draft).toMatchObject({ version, minScore: 30, total: one.body.matched, byRule: [{ code: theft.code, count: one.body.byRule[theft.code] }] });
}, 120_000);

test('per unit: one level below the caller\'s unit, each as a campaign over that unit alone counts it; nothing outside', async () => {
  const res = await preview(supervisor, inForce.version);
  expect(res.status).toBe(200);
  const units: { unitId: string; nameZh: string | null; count: number }[] = res.body.inForce.byUnit;
  expect(units.length).toBeGreaterThan(0);
  expect(units.reduce((s, u) => s + u.count, 0)).toBe(res.body.inForce.total);
  for (const u of units) expect(u.unitId).toMatch(/^HB\.XN\.[^.]+$/);
  // The stored version without a document: the draft side is that version.
  expect(res.body.draft).toEqual(res.body.inForce);
  const biggest = units[0]!;
  expect(biggest.nameZh).toBeTruthy();
  const alone = await campaignPreview({ scope: [biggest.unitId], asOfMonth: res.body.asOfMonth });
  expect(alone.body.matched).toBe(biggest.count);
  // Another city's customers count for nobody here.
  const other = await campaignPreview({ scope: ['HB.WH'], asOfMonth: res.body.asOfMonth });
  expect(other.status).toBe(422);
}, 120_000);

test('refusals: an invalid document names its fields with codes in Chinese; roles; unknown versions', async () => {
  const bad = { ...inForce, version, rules: inForce.rules.map((r, i) => (i === 0 ? { ...r, params: { ...r.params, windowMonths: 13 } } : r)) };
  const res = await preview(manager, version, { document: bad });
  expect(res.status).toBe(400);
  expect(res.body.errors).toEqual([{ path: 'document.rules.0.params.windowMonths', code: 'judgement.at-most', message: '不能大于 12', params: { limit: 12 } }]);
  expect((await preview(manager, `${version}-other`, { document: { ...inForce, version } })).status).toBe(400);
  expect((await preview(manager, 'no-such-version')).status).toBe(404);
  expect((await preview(admin, inForce.version)).status).toBe(403);
  expect((await preview(inspector, inForce.version)).status).toBe(403);

  // Saving a draft answers with the same codes, in English when asked.
  const saved = await api(h.baseUrl, '/api/judgement-rule-sets', { token: manager, body: { ...bad, version: `${version}-bad` }, headers: { 'accept-language': 'en' } });
  expect(saved.status).toBe(400);
  expect(saved.body).toMatchObject({ code: 'judgement.invalid', detail: 'The judgement rule set has invalid fields.', errors: [{ path: 'rules.0.params.windowMonths', code: 'judgement.at-most', message: 'must be at most 12' }] });
}, 120_000);
