import crypto from 'node:crypto';
import { DEFAULT_JUDGEMENT_RULE_SET } from '../../domain/defaultJudgementRules';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';

// Judgement rules as versioned data through the API, and the judgement a custom audit starts with.
let h: Harness;
let manager: string;
let supervisor: string;
let inspector: string;
let inspectorJiayu: string;
// The same rules under a new version, so other tests' expectations hold while it is the active one.
const version = `it-${crypto.randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  h = await startHarness({ inProcessWorker: false });
  [manager, supervisor, inspector, inspectorJiayu] = await Promise.all([tokenFor('manager'), tokenFor('supervisor'), tokenFor('inspector'), tokenFor('inspector2')]);
}, 120_000);
afterAll(async () => {
  await h?.pool.query("delete from judgement_rule_sets where version = $1 or version like $1 || '-%'", [version]);
  await h?.stop();
});

test('a manager stores a draft, publishes it, and it becomes the rule set new judgements use', async () => {
  const draft = await api(h.baseUrl, '/api/judgement-rule-sets', { token: manager, body: { ...DEFAULT_JUDGEMENT_RULE_SET, version } });
  expect(draft.status).toBe(201);
  expect(draft.body).toMatchObject({ version, status: 'draft', active: false, createdBy: 'manager', publishedAt: null });
  expect((await api(h.baseUrl, '/api/judgement-rule-sets', { token: manager, body: { ...DEFAULT_JUDGEMENT_RULE_SET, version } })).status).toBe(409);
  expect((await api(h.baseUrl, '/api/judgement-rule-sets', { token: supervisor, body: { ...DEFAULT_JUDGEMENT_RULE_SET, version: `${version}-x` } })).status).toBe(403);

  const published = await api(h.baseUrl, `/api/judgement-rule-sets/${version}/publish`, { token: manager, method: 'POST' });
  expect(published.status).toBe(200);
  expect(published.body).toMatchObject({ version, status: 'published', active: true });
  expect((await api(h.baseUrl, `/api/judgement-rule-sets/${version}/publish`, { token: manager, method: 'POST' })).status).toBe(409);
  expect((await api(h.baseUrl, '/api/judgement-rule-sets/no-such-version/publish', { token: manager, method: 'POST' })).status).toBe(404);
  const list = await api(h.baseUrl, '/api/judgement-rule-sets', { token: supervisor });
  expect(list.body.filter((r: { active: boolean }) => r.active).map((r: { version: string }) => r.version)).toEqual([version]);

  // The pilot's cooperative: whitelisted residential, restaurant-sized consumption with no seasonal swing — both
  // readings of the whitelist campaign (many times the station's households; large and flat) agree: 50 + 50.
  const judged = await api(h.baseUrl, '/api/customers/4210000001/judgement', { token: inspector });
  expect(judged.status).toBe(200);
  expect(judged.body).toMatchObject({
    ruleSetVersion: version, score: 100, priority: 'urgent',
    reasons: [expect.objectContaining({ code: 'WHITELIST_LARGE', weight: 50 }), expect.objectContaining({ code: 'WHITELIST_FLAT', weight: 50 })],
  });
  expect(judged.body.checkItems.map((c: { code: string }) => c.code)).toEqual(['PREMISES_USE', 'WHITELIST_BASIS']);
  expect((await api(h.baseUrl, '/api/customers/4210000001/judgement', { token: inspectorJiayu })).status).toBe(404);
});

test('an invalid rule set is refused with the failing fields', async () => {
  const t = DEFAULT_JUDGEMENT_RULE_SET.rules.findIndex((r) => r.code === 'THEFT_DROP');
  const rules = DEFAULT_JUDGEMENT_RULE_SET.rules.map((r, i) => (i === t ? { ...r, params: { ...r.params, maxOwnRatio: 0 } } : r));
  const res = await api(h.baseUrl, '/api/judgement-rule-sets', { token: manager, body: { ...DEFAULT_JUDGEMENT_RULE_SET, version: `${version}-bad`, rules, priorityThresholds: { urgent: 10, high: 60, normal: 30 } } });
  expect(res.status).toBe(400);
  expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['priorityThresholds', `rules.${t}.params.maxOwnRatio`]);
});

test('a draft is edited in place until it is published from a date; a version published for tomorrow is not in force today', async () => {
  const draftVersion = `${version}-later`;
  const doc = { ...DEFAULT_JUDGEMENT_RULE_SET, version: draftVersion };
  expect((await api(h.baseUrl, '/api/judgement-rule-sets', { token: manager, body: doc })).status).toBe(201);
  const edited = await api(h.baseUrl, `/api/judgement-rule-sets/${draftVersion}`, { token: manager, method: 'PUT', body: { ...doc, campaignMinScore: doc.campaignMinScore + 5 } });
  expect(edited.status).toBe(200);
  expect(edited.body.document.campaignMinScore).toBe(doc.campaignMinScore + 5);
  const renamed = await api(h.baseUrl, `/api/judgement-rule-sets/${draftVersion}`, { token: manager, method: 'PUT', body: { ...doc, version: `${draftVersion}-2` } });
  expect(renamed.status).toBe(400);
  expect(renamed.body.errors).toEqual([{ path: 'version', message: `must be ${draftVersion}` }]);
  expect((await api(h.baseUrl, `/api/judgement-rule-sets/${draftVersion}`, { token: supervisor, method: 'PUT', body: doc })).status).toBe(403);
  // an admin edits the draft too (the expert JSON editor is theirs) but does not put it in force
  const admin = await tokenFor('admin');
  const byAdmin = await api(h.baseUrl, `/api/judgement-rule-sets/${draftVersion}`, { token: admin, method: 'PUT', body: { ...doc, campaignMinScore: doc.campaignMinScore + 7 } });
  expect([byAdmin.status, byAdmin.body.document.campaignMinScore]).toEqual([200, doc.campaignMinScore + 7]);
  expect((await api(h.baseUrl, `/api/judgement-rule-sets/${draftVersion}/publish`, { token: admin, body: { effectiveFrom: '2999-01-01' } })).status).toBe(403);

  const yesterday = new Date(Date.now() - 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  const past = await api(h.baseUrl, `/api/judgement-rule-sets/${draftVersion}/publish`, { token: manager, body: { effectiveFrom: yesterday } });
  expect(past.status).toBe(422);
  expect(past.body.errors[0].path).toBe('effectiveFrom');

  const before = (await api(h.baseUrl, '/api/judgement-rule-sets', { token: manager })).body.find((r: { active: boolean }) => r.active).version;
  const tomorrow = new Date(Date.now() + 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  const published = await api(h.baseUrl, `/api/judgement-rule-sets/${draftVersion}/publish`, { token: manager, body: { effectiveFrom: tomorrow } });
  expect(published.status).toBe(200);
  expect(published.body).toMatchObject({ status: 'published', effectiveFrom: tomorrow, active: false });
  const after = (await api(h.baseUrl, '/api/judgement-rule-sets', { token: manager })).body.find((r: { active: boolean }) => r.active).version;
  expect(after).toBe(before);
  expect((await api(h.baseUrl, '/api/customers/4210000001/judgement', { token: inspector })).body.ruleSetVersion).toBe(before);

  const frozen = await api(h.baseUrl, `/api/judgement-rule-sets/${draftVersion}`, { token: manager, method: 'PUT', body: doc });
  expect(frozen.status).toBe(409);
});
