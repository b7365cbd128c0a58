import type pg from 'pg';
import { createPool } from '../../db/pool';
import { seedPublished } from '../../db/ruleSets';
import { refreshBuiltInJudgementRuleSets } from '../../db/seed/seedReference';
import { DEFAULT_JUDGEMENT_RULE_SETS } from '../../domain/defaultJudgementRules';
import type { JudgementRuleSet } from '../../domain/judgementRules';

// A database seeded before a built-in version was amended holds the copy of its day. The seed brings it up to date
// only while nothing can have used it; otherwise it reports it. Temporary tables shadow the rule sets and the runs for
// this connection only, so the shared test database's own copies are left alone.

let pool: pg.Pool;
let db: pg.PoolClient;
const [v2, , v4] = DEFAULT_JUDGEMENT_RULE_SETS;
/** 2026.4 as seeded before METER_TAMPER read metering work orders. */
const earlier: JudgementRuleSet = {
  ...v4.ruleSet,
  rules: v4.ruleSet.rules.map((r) => (r.kind === 'meter_events' ? { ...r, params: { windowDays: r.params.windowDays, kinds: r.params.kinds, minCount: r.params.minCount } } : r)),
};
const TODAY = '2026-12-05';

beforeAll(async () => {
  pool = createPool(process.env.DATABASE_URL!, 1);
  db = await pool.connect();
  for (const t of ['judgement_rule_sets', 'judgement_runs', 'campaigns']) await db.query(`create temp table ${t} (like public.${t} including defaults including indexes)`);
  // frozen like the real one: a published version refuses any update
  await db.query('create trigger frozen before update on pg_temp.judgement_rule_sets for each row execute function rule_set_frozen()');
});
afterAll(async () => {
  db?.release();
  await pool?.end();
});
beforeEach(async () => {
  await db.query('truncate judgement_rule_sets, judgement_runs, campaigns');
});

const documentOf = async (version: string) => (await db.query<{ document: JudgementRuleSet }>('select document from judgement_rule_sets where version = $1', [version])).rows[0].document;
const tamperParams = (rs: JudgementRuleSet) => rs.rules.find((r) => r.code === 'METER_TAMPER')!.params;

test('a built-in version not yet in force, seeded earlier and never run, is brought up to date; the versions in force are left as stored', async () => {
  // 2026.2 as a database of long ago might hold it (in force since 2026-01-01, so it stays), 2026.4 as seeded before
  const stored = (rs: JudgementRuleSet) => (rs.version === v4.ruleSet.version ? earlier : rs.version === v2.ruleSet.version ? { ...rs, campaignMinScore: 41 } : rs);
  for (const d of DEFAULT_JUDGEMENT_RULE_SETS) await seedPublished(db, 'judgement', d.ruleSet.version, stored(d.ruleSet), d.effectiveFrom);
  expect(tamperParams(await documentOf(v4.ruleSet.version))).not.toHaveProperty('excludeNearWorkOrderDays');
  await expect(db.query('update judgement_rule_sets set document = $2 where version = $1', [v4.ruleSet.version, JSON.stringify(v4.ruleSet)])).rejects.toThrow(/is published and cannot change/);
  const before = (await db.query('select status, effective_from::text, created_by, created_at, published_by, published_at from judgement_rule_sets where version = $1', [v4.ruleSet.version])).rows[0];

  expect(await refreshBuiltInJudgementRuleSets(db, TODAY)).toEqual({ refreshed: [v4.ruleSet.version], stale: [v2.ruleSet.version] });
  expect(tamperParams(await documentOf(v4.ruleSet.version))).toMatchObject({ excludeNearWorkOrderDays: 3 });
  expect(await documentOf(v4.ruleSet.version)).toEqual(JSON.parse(JSON.stringify(v4.ruleSet)));
  // still the system's publication of the same day
  expect((await db.query('select status, effective_from::text, created_by, created_at, published_by, published_at from judgement_rule_sets where version = $1', [v4.ruleSet.version])).rows[0]).toEqual(before);
  expect((await documentOf(v2.ruleSet.version)).campaignMinScore).toBe(41);
  // a second seed changes nothing
  expect(await refreshBuiltInJudgementRuleSets(db, TODAY)).toEqual({ refreshed: [], stale: [v2.ruleSet.version] });
});

test('…but not once it is in force, once a run used it, or when someone else published it', async () => {
  const seedEarlier = async () => {
    await db.query('truncate judgement_rule_sets, judgement_runs, campaigns');
    for (const d of DEFAULT_JUDGEMENT_RULE_SETS) await seedPublished(db, 'judgement', d.ruleSet.version, d.ruleSet.version === v4.ruleSet.version ? earlier : d.ruleSet, d.effectiveFrom);
  };
  const kept = { refreshed: [], stale: [v4.ruleSet.version] };

  await seedEarlier();
  expect(await refreshBuiltInJudgementRuleSets(db, v4.effectiveFrom)).toEqual(kept);

  await seedEarlier();
  await db.query("insert into judgement_runs (rule_set_version, data_month, status, triggered_by, started_at) values ($1, '2026-11-01', 'completed', 'admin', now())", [v4.ruleSet.version]);
  expect(await refreshBuiltInJudgementRuleSets(db, TODAY)).toEqual(kept);

  await seedEarlier();
  // (a published row cannot change: the manager's publication is written as such)
  await db.query('delete from judgement_rule_sets where version = $1', [v4.ruleSet.version]);
  await db.query(
    `insert into judgement_rule_sets (version, status, effective_from, created_by, updated_by, published_by, published_at, document)
     values ($1, 'published', $2, 'manager', 'manager', 'manager', now(), $3)`,
    [v4.ruleSet.version, v4.effectiveFrom, JSON.stringify(earlier)],
  );
  expect((await db.query('select published_by from judgement_rule_sets where version = $1', [v4.ruleSet.version])).rows).toEqual([{ published_by: 'manager' }]);
  expect(await refreshBuiltInJudgementRuleSets(db, TODAY)).toEqual(kept);
  expect(tamperParams(await documentOf(v4.ruleSet.version))).not.toHaveProperty('excludeNearWorkOrderDays');
});
