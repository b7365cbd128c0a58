import crypto from 'node:crypto';
import { chinaDate } from '../../domain/calendar';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';

// Penalty rule sets as versioned data: a manager drafts, edits and publishes; a published version never changes.
let h: Harness;
let manager: string;
let supervisor: string;
let inspector: string;
const version = `it-pen-${crypto.randomUUID().slice(0, 8)}`;
const other = `${version}-b`;
// Far in the future, so the rule set in force for other tests stays penalty-2024 (migration 057).
const future = (n: number) => `2${String(900 + n).padStart(3, '0')}-01-01`;
const seed = crypto.randomInt(0, 90);

const rules = {
  wrongTariff: { penaltyMultiplier: 2, defaultPeriodMonths: 3 },
  theft: { penaltyMultiplier: 3, defaultDays: 180, hoursPerDay: { power: 12, lighting: 6 } },
  capacity: { mode: 'per_kva', penaltyYuanPerKva: 50, defaultMonths: 1 },
};

beforeAll(async () => {
  h = await startHarness({ inProcessWorker: false });
  [manager, supervisor, inspector] = await Promise.all([tokenFor('manager'), tokenFor('supervisor'), tokenFor('inspector')]);
}, 120_000);
afterAll(async () => {
  await h?.pool.query('delete from penalty_rule_sets where version = any($1)', [[version, other]]);
  await h?.stop();
});

test('a manager drafts, edits and publishes a penalty rule set; a published version is immutable', async () => {
  const draft = await api(h.baseUrl, '/api/penalty-rule-sets', { token: manager, body: { version, source: '供电营业规则（2024）', effectiveFrom: future(seed), rules } });
  expect(draft.status).toBe(201);
  expect(draft.body).toMatchObject({ id: version, version, status: 'draft', effectiveFrom: future(seed), active: false, publishedAt: null, rules });
  expect((await api(h.baseUrl, '/api/penalty-rule-sets', { token: manager, body: { version, source: 'x', effectiveFrom: future(seed), rules } })).status).toBe(409);
  expect((await api(h.baseUrl, '/api/penalty-rule-sets', { token: supervisor, body: { version: other, source: 'x', effectiveFrom: future(seed), rules } })).status).toBe(403);

  const edited = await api(h.baseUrl, `/api/penalty-rule-sets/${version}`, {
    token: manager, method: 'PUT', body: { source: '供电营业规则（2024）第一百零四条', effectiveFrom: future(seed), rules: { ...rules, wrongTariff: { penaltyMultiplier: 1, defaultPeriodMonths: 6 } } },
  });
  expect(edited.status).toBe(200);
  expect(edited.body).toMatchObject({ status: 'draft', source: '供电营业规则（2024）第一百零四条', rules: { wrongTariff: { penaltyMultiplier: 1, defaultPeriodMonths: 6 } } });
  expect((await api(h.baseUrl, `/api/penalty-rule-sets/${version}`, { token: supervisor })).body.rules.wrongTariff.defaultPeriodMonths).toBe(6);

  // Publishing with a past date is refused on the field; with a future one it is stored with that date.
  const past = await api(h.baseUrl, `/api/penalty-rule-sets/${version}/publish`, { token: manager, body: { effectiveFrom: '2020-01-01' } });
  expect(past.status).toBe(422);
  expect(past.body.errors.map((e: { path: string }) => e.path)).toEqual(['effectiveFrom']);
  const published = await api(h.baseUrl, `/api/penalty-rule-sets/${version}/publish`, { token: manager, body: { effectiveFrom: future(seed + 1) } });
  expect(published.status).toBe(200);
  expect(published.body).toMatchObject({ version, status: 'published', effectiveFrom: future(seed + 1), active: false });
  expect(published.body.publishedAt).toEqual(expect.any(String));

  // Immutable: no edit, no second publication.
  expect((await api(h.baseUrl, `/api/penalty-rule-sets/${version}`, { token: manager, method: 'PUT', body: { source: 'x', effectiveFrom: future(seed), rules } })).status).toBe(409);
  expect((await api(h.baseUrl, `/api/penalty-rule-sets/${version}/publish`, { token: manager, body: {} })).status).toBe(409);
  expect((await api(h.baseUrl, '/api/penalty-rule-sets/no-such-version/publish', { token: manager, body: {} })).status).toBe(404);

  // Two versions cannot take effect on the same day.
  expect((await api(h.baseUrl, '/api/penalty-rule-sets', { token: manager, body: { version: other, source: 'x', effectiveFrom: future(seed + 1), rules } })).status).toBe(201);
  const clash = await api(h.baseUrl, `/api/penalty-rule-sets/${other}/publish`, { token: manager, body: {} });
  expect(clash.status).toBe(409);
  expect(clash.body.errors[0].path).toBe('effectiveFrom');

  const list = await api(h.baseUrl, '/api/penalty-rule-sets', { token: supervisor });
  expect(list.status).toBe(200);
  expect(list.headers.get('content-range')).toMatch(/^penalty-rule-sets 0-\d+\/\d+$/);
  const byVersion = new Map(list.body.map((r: { version: string }) => [r.version, r]));
  expect(byVersion.get(version)).toMatchObject({ status: 'published' });
  expect(byVersion.get(other)).toMatchObject({ status: 'draft' });
  // Today's rule set is still the one in force before the new version's date.
  const active = list.body.filter((r: { active: boolean }) => r.active);
  expect(active).toHaveLength(1);
  expect(active[0].effectiveFrom <= chinaDate(Date.now())).toBe(true);
  expect((await api(h.baseUrl, '/api/penalty-rule-sets', { token: inspector })).status).toBe(403);
});

test('an invalid draft is refused with the failing fields', async () => {
  const res = await api(h.baseUrl, '/api/penalty-rule-sets', {
    token: manager,
    body: { version: `${version}-bad`, source: '', effectiveFrom: '2026-02-30', rules: { ...rules, theft: { ...rules.theft, hoursPerDay: { power: 30, lighting: 6 } } } },
  });
  expect(res.status).toBe(400);
  expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['effectiveFrom', 'rules.theft.hoursPerDay.power', 'source']);
});
