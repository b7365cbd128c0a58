import type pg from 'pg';
import { calibrate, type CalibrationSettings, type FamilyUnitOutcomes } from '../domain/calibration';
import { JudgementRuleSet, RULE_PARAMS, type PreparedRuleSet } from '../domain/judgementRules';
import { DEFAULT_JUDGEMENT_RULE_SET } from '../domain/defaultJudgementRules';
import { withTransaction, type Queryable } from './pool';

/**
 * 预计查实率 from closed cases (domain/calibration.ts): findings per family and the case's unit, the smoothed rates
 * materialised for every org unit in judgement_calibration, and the SQL that attaches them to judged customers.
 */

/** A judgement family: the kind of the rule that fired (consumption_drop, area_line_loss…). */
export const FAMILIES = Object.keys(RULE_PARAMS);

/** Rule code → family over every rule set the cases may have been judged with (stored versions, campaigns, built-in). */
export async function codeFamilies(db: Queryable): Promise<Map<string, string>> {
  const docs = await db.query<{ doc: unknown }>(
    'select document as doc from judgement_rule_sets union all select rule_set from campaigns',
  );
  const m = new Map<string, string>();
  for (const d of [DEFAULT_JUDGEMENT_RULE_SET, ...docs.rows.map((r) => r.doc)]) {
    const rs = JudgementRuleSet.safeParse(d);
    if (rs.success) for (const r of rs.data.rules) if (!m.has(r.code)) m.set(r.code, r.kind);
  }
  return m;
}

/**
 * Confirmed / not confirmed per family and unit over closed cases with findings; `since`/`until` limit the closing time
 * (the dashboard's period). A reason recorded with its family (#21) counts there, an older one by its code.
 */
export async function closedOutcomes(db: Queryable, families: Map<string, string>, scope?: { orgUnit: string; from: string; to: string }): Promise<FamilyUnitOutcomes[]> {
  const params: unknown[] = [];
  const where = ["c.stage = 'closed'", "c.snapshot->'findings'->>'result' in ('confirmed', 'not_confirmed')"];
  if (scope) {
    params.push(scope.orgUnit, scope.from, scope.to);
    where.push("(c.org_unit_id = $1 or c.org_unit_id like $1 || '.%')", 'c.closed_at >= $2::timestamptz', 'c.closed_at < $3::timestamptz');
  }
  const r = await db.query<{ unit: string; code: string; family: string | null; confirmed: number; not_confirmed: number }>(
    `select c.org_unit_id as unit, r->>'code' as code, r->>'family' as family,
            count(*) filter (where c.snapshot->'findings'->>'result' = 'confirmed')::int as confirmed,
            count(*) filter (where c.snapshot->'findings'->>'result' = 'not_confirmed')::int as not_confirmed
       from cases c cross join lateral jsonb_array_elements(coalesce(c.snapshot->'judgement'->'reasons', '[]'::jsonb)) r
      where ${where.join(' and ')}
      group by 1, 2, 3`,
    params,
  );
  return r.rows.flatMap((x) => {
    const family = x.family ?? families.get(x.code);
    return family ? [{ family, unitId: x.unit, confirmed: x.confirmed, notConfirmed: x.not_confirmed }] : [];
  });
}

/** Recomputes every rate from the closed cases (the daily run does, before it judges). */
export async function recomputeCalibration(pool: pg.Pool, settings: CalibrationSettings): Promise<number> {
  const outcomes = await closedOutcomes(pool, await codeFamilies(pool));
  const units = (await pool.query<{ id: string }>('select id from org_units')).rows.map((u) => u.id);
  const rates = calibrate(outcomes, units, FAMILIES, settings);
  await withTransaction(pool, async (db) => {
    // one recomputation at a time: a second one waits and then replaces the first's rows
    await db.query("select pg_advisory_xact_lock(hashtext('judgement_calibration'))");
    await db.query('delete from judgement_calibration');
    await db.query(
      `insert into judgement_calibration (family, unit_id, confirmed, not_confirmed, rate, computed_at)
       select * , now() from unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::float8[])`,
      [rates.map((x) => x.family), rates.map((x) => x.unitId), rates.map((x) => x.confirmed), rates.map((x) => x.notConfirmed), rates.map((x) => x.rate)],
    );
  });
  return rates.length;
}

/** One family's rate in one unit (its nearest ancestor's when the unit is not rated yet), else the prior. */
export async function calibratedRate(db: Queryable, family: string, unitId: string, prior: number): Promise<number> {
  const r = await db.query<{ rate: number }>(
    `select rate from judgement_calibration where family = $1 and ($2 = unit_id or $2 like unit_id || '.%' or unit_id = '')
      order by length(unit_id) desc limit 1`,
    [family, unitId],
  );
  return r.rows[0]?.rate ?? prior;
}

/**
 * SQL over judged rows `x` (account_no, score, reasons) joined to their customer `c`: `reasons` as JSON (code, family,
 * weight, expectedRate, in rule-set order) and `expected_rate`, the best of them. Binds start after `offset` values.
 */
export function expectedRateSql(p: PreparedRuleSet, offset: number, prior: number): { reasons: string; rate: string; values: unknown[] } {
  const codes = p.rules.map((r) => r.code);
  const families = p.rules.map((r) => r.kind);
  const weights = p.rules.map((r) => r.weight);
  const [c, f, w, pr] = [offset + 1, offset + 2, offset + 3, offset + 4].map((n) => `$${n}`);
  const rated = `select m.code, m.family, m.weight, m.ord, coalesce(cu.rate, cf.rate, ${pr}::float8) as rate
                   from unnest(${c}::text[], ${f}::text[], ${w}::int[]) with ordinality m(code, family, weight, ord)
                   left join judgement_calibration cu on cu.family = m.family and cu.unit_id = coalesce(c.grid_id, c.station_id)
                   left join judgement_calibration cf on cf.family = m.family and cf.unit_id = ''
                  where m.code = any(x.reasons)`;
  return {
    reasons: `(select coalesce(jsonb_agg(jsonb_build_object('code', q.code, 'family', q.family, 'weight', q.weight, 'expectedRate', q.rate) order by q.ord), '[]'::jsonb) from (${rated}) q)`,
    rate: `coalesce((select max(q.rate) from (${rated}) q), ${pr}::float8)`,
    values: [codes, families, weights, prior],
  };
}

export interface FamilyComparison {
  family: string;
  /** Closed cases with findings in the period that carried the family. */
  checked: number;
  confirmed: number;
  /** confirmed / checked; null without cases. */
  actualRate: number | null;
  /** Mean 预计查实率 the flags carried when judged; null when none of them recorded one (judged before #21). */
  expectedRate: number | null;
  /** Of the checked, how many recorded an expected rate. */
  withExpected: number;
}

/** Expected against actual confirmation rates per family over cases closed in [from, to) inside an org subtree. */
export async function expectedVersusActual(db: Queryable, orgUnit: string, from: string, to: string): Promise<FamilyComparison[]> {
  const families = await codeFamilies(db);
  const r = await db.query<{ code: string; family: string | null; confirmed: number; checked: number; expected_sum: number | null; with_expected: number }>(
    `select r->>'code' as code, r->>'family' as family,
            count(*) filter (where c.snapshot->'findings'->>'result' = 'confirmed')::int as confirmed, count(*)::int as checked,
            sum((r->>'expectedRate')::float8) as expected_sum, count(r->>'expectedRate')::int as with_expected
       from cases c cross join lateral jsonb_array_elements(coalesce(c.snapshot->'judgement'->'reasons', '[]'::jsonb)) r
      where c.stage = 'closed' and c.snapshot->'findings'->>'result' in ('confirmed', 'not_confirmed')
        and (c.org_unit_id = $1 or c.org_unit_id like $1 || '.%') and c.closed_at >= $2::timestamptz and c.closed_at < $3::timestamptz
      group by 1, 2`,
    [orgUnit, from, to],
  );
  const by = new Map<string, { checked: number; confirmed: number; expectedSum: number; withExpected: number }>();
  for (const x of r.rows) {
    const family = x.family ?? families.get(x.code);
    if (!family) continue;
    const a = by.get(family) ?? { checked: 0, confirmed: 0, expectedSum: 0, withExpected: 0 };
    a.checked += x.checked;
    a.confirmed += x.confirmed;
    a.expectedSum += x.expected_sum ?? 0;
    a.withExpected += x.with_expected;
    by.set(family, a);
  }
  return [...by].sort(([a], [b]) => a.localeCompare(b)).map(([family, a]) => ({
    family, checked: a.checked, confirmed: a.confirmed, actualRate: a.checked ? a.confirmed / a.checked : null,
    expectedRate: a.withExpected ? a.expectedSum / a.withExpected : null, withExpected: a.withExpected,
  }));
}
