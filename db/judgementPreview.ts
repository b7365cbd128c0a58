import type { Queryable } from './pool';
import { populationJudgementSql } from './judgementSql';
import type { PreparedRuleSet } from '../domain/judgementRules';

export interface SelectionCounts {
  /** Customers in scope scoring at least minScore. */
  total: number;
  /** Of those, how many each rule fired for (rule-set order). */
  byRule: { code: string; count: number }[];
  /** Of those, how many per unit one level below the scope (the scope itself for customers booked at it). */
  byUnit: { unitId: string; nameZh: string | null; nameEn: string | null; count: number }[];
}

/**
 * The population judgement (the engine of a campaign's preview and selection) over one org subtree, counted in
 * total, per rule and per unit below the subtree's root. Nothing is stored.
 */
export async function countSelection(db: Queryable, p: PreparedRuleSet, scope: string, minScore: number): Promise<SelectionCounts> {
  const sql = populationJudgementSql(p, { scope: [scope], minScore });
  const codes = p.rules.map((r) => r.code);
  const n = sql.values.length;
  const depth = scope.split('.').length + 1;
  // Each customer's unit cut to one level below the scope: HB.XN scope, HB.XN.XA.WQ customer → HB.XN.XA.
  const r = await db.query<{ unit: string | null; total: number } & Record<string, number>>(
    `select u.unit, count(*)::int as total${codes.map((_, i) => `, count(*) filter (where $${n + 2 + i}::text = any(u.reasons))::int as r${i}`).join('')}
       from (select x.reasons, array_to_string((string_to_array(coalesce(c.grid_id, c.station_id), '.'))[1:$${n + 1}::int], '.') as unit
               from (${sql.text}) x join customers c on c.account_no = x.account_no) u
      group by rollup (u.unit)`,
    [...sql.values, depth, ...codes],
  );
  const all = r.rows.find((x) => x.unit === null);
  const units = r.rows.filter((x) => x.unit !== null).sort((a, b) => b.total - a.total || a.unit!.localeCompare(b.unit!));
  const names = units.length
    ? new Map((await db.query<{ id: string; name_zh: string; name_en: string }>('select id, name_zh, name_en from org_units where id = any($1)', [units.map((u) => u.unit)])).rows.map((o) => [o.id, o]))
    : new Map<string, { name_zh: string; name_en: string }>();
  return {
    total: all?.total ?? 0,
    byRule: codes.map((code, i) => ({ code, count: all?.[`r${i}`] ?? 0 })),
    byUnit: units.map((u) => ({ unitId: u.unit!, nameZh: names.get(u.unit!)?.name_zh ?? null, nameEn: names.get(u.unit!)?.name_en ?? null, count: u.total })),
  };
}
