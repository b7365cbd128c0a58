import crypto from 'node:crypto';
import type pg from 'pg';
import { createPool } from '../../db/pool';
import { IMPORT_KINDS } from '../../db/imports/importKinds';
import { importRows, rowsFeed } from '../../db/imports/importRows';
import type { ParsedRow } from '../../db/imports/parseRows';
import { populationJudgementSql } from '../../db/judgementSql';
import { createBuiltinConnector } from '../../db/upstream/builtinConnector';
import { judgeCustomer } from '../../db/judgeCustomer';
import { independentImportRows, independentPopulation } from '../../db/synthetic/independent/population';
import { judgeIndependent } from '../../db/synthetic/independent/judge';
import { DEFAULT_JUDGEMENT_RULE_SET } from '../../domain/defaultJudgementRules';
import { prepareRuleSet } from '../../domain/judgementRules';

// The independent population goes into the database the way a utility's files do — through the import of each kind
// (validation, org-scope checks, the import tables) — and the population SQL of the default rules then selects
// exactly what the evaluation (`npm run eval:judgement`, in memory) counts: the evaluation measures production.

const tag = crypto.randomBytes(3).toString('hex').toUpperCase();
const root = `HB.XN.T${tag}`;
const spec = { seed: 4242, customers: 240, endMonth: '2026-03', months: 12, rootId: root, accountPrefix: `93${String(crypto.randomInt(0, 999)).padStart(3, '0')}` };
let pool: pg.Pool;

beforeAll(async () => {
  pool = createPool(process.env.DATABASE_URL!, 2);
}, 60_000);
afterAll(async () => {
  await pool?.end();
});

test('imported like a utility\'s files, the population SQL and the per-customer judgement select what the evaluation counts', async () => {
  const customers = independentPopulation(spec);
  const rows = independentImportRows(spec, customers);
  const meta = { contentType: 'application/json', by: 'it-independent', orgUnit: 'HB', lang: 'en' as const };
  const asRows = (xs: Record<string, unknown>[]): ParsedRow[] => xs.map((values, i) => ({ line: i + 2, values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])) }));
  const orgUnits = [{ id: root, parent_id: 'HB.XN', level: 'county', name_zh: `独立样本${tag}`, name_en: `Independent sample ${tag}` }, ...rows['org-units']];
  for (const [kind, list] of [['org-units', orgUnits], ['customers', rows.customers], ['monthly-consumption', rows['monthly-consumption']], ['daily-readings', rows['daily-readings']], ['meter-events', rows['meter-events']]] as const) {
    const report = await importRows(pool, kind, IMPORT_KINDS[kind], rowsFeed(asRows(list), ''), meta);
    expect([kind, report.rejected]).toEqual([kind, []]);
    expect(report.inserted).toBe(list.length);
  }

  const p = prepareRuleSet(DEFAULT_JUDGEMENT_RULE_SET, spec.endMonth);
  const sql = populationJudgementSql(p, { scope: [root], minScore: 1 });
  const fromSql = (await pool.query<{ account_no: string; score: number; reasons: string[] }>(sql.text, sql.values)).rows;
  const expected = judgeIndependent(p, customers).filter((e) => e.score >= 1);
  const byAccount = (xs: { accountNo: string; score: number; fired: string[] }[]) => Object.fromEntries(xs.map((x) => [x.accountNo, [x.score, x.fired]]));
  expect(byAccount(fromSql.map((r) => ({ accountNo: r.account_no, score: r.score, fired: r.reasons })))).toEqual(byAccount(expected));
  // Not a trivial agreement: the families the population plants are selected.
  const fired = new Set(expected.flatMap((e) => e.fired));
  expect([...fired].sort()).toEqual(expect.arrayContaining(['METER_TAMPER', 'THEFT_DROP', 'ZERO_ACTIVE']));

  // The case workflow's per-customer judgement through the connector agrees too, explanation included.
  const connector = createBuiltinConnector(pool);
  for (const e of expected.slice(0, 15)) {
    const one = (await judgeCustomer(connector, p, e.accountNo))!;
    expect([e.accountNo, one.evaluation.fired]).toEqual([e.accountNo, e.fired]);
    for (const r of one.result.reasons) expect(r).toMatchObject({ reasonCode: expect.stringMatching(/^judgement\.reason\./), params: expect.any(Object) });
  }
}, 240_000);
