import type { Queryable } from './pool';
import { withinSql } from './orgScope';

/**
 * Which rule-set versions cases used, read from the workflow snapshot the read model keeps: the judgement's
 * `ruleSetVersion`, and each penalty computation's on the rectification order.
 */
export type RuleKind = 'judgement' | 'penalty';

const JUDGEMENT_VERSION = "c.snapshot->'judgement'->>'ruleSetVersion'";
/** The rectification order's computations as a jsonb array ('[]' before there is one). */
const COMPUTATIONS = "case when jsonb_typeof(c.snapshot->'rectification'->'computations') = 'array' then c.snapshot->'rectification'->'computations' else '[]'::jsonb end";

/** Columns of a case row with its rule versions (alias c = cases, o = org_units). */
export const CASE_WITH_VERSIONS = `c.id, c.case_no, c.customer_account_no, c.customer_name, c.org_unit_id, o.name_zh as org_unit_name, c.origin, c.stage,
  c.priority, c.problem_type, c.created_at, c.closed_at, ${JUDGEMENT_VERSION} as judgement_version,
  array(select distinct e->>'ruleSetVersion' from jsonb_array_elements(${COMPUTATIONS}) e where e->>'ruleSetVersion' is not null order by 1) as penalty_versions`;

export interface CaseVersionsRow {
  id: string; case_no: string; customer_account_no: string; customer_name: string; org_unit_id: string; org_unit_name: string | null; origin: string;
  stage: string; priority: string; problem_type: string | null; created_at: Date; closed_at: Date | null; judgement_version: string | null; penalty_versions: string[];
}

export interface CaseWithVersions {
  id: string; caseNo: string; customerAccountNo: string; customerName: string; orgUnitId: string; orgUnitName: string | null; origin: string; stage: string;
  priority: string; problemType: string | null; createdAt: string; closedAt: string | null; judgementRuleSetVersion: string | null; penaltyRuleSetVersions: string[];
}

export const toCaseWithVersions = (r: CaseVersionsRow): CaseWithVersions => ({
  id: r.id, caseNo: r.case_no, customerAccountNo: r.customer_account_no, customerName: r.customer_name, orgUnitId: r.org_unit_id, orgUnitName: r.org_unit_name,
  origin: r.origin, stage: r.stage, priority: r.priority, problemType: r.problem_type, createdAt: r.created_at.toISOString(), closedAt: r.closed_at?.toISOString() ?? null,
  judgementRuleSetVersion: r.judgement_version, penaltyRuleSetVersions: r.penalty_versions,
});

/** Cases inside an org subtree: `$n` is the org unit. */
export const inOrg = (p: string) => withinSql('c.org_unit_id', p);

/** How many cases (inside the org unit) each judgement and penalty rule-set version was used by. */
export async function ruleVersionUsage(db: Queryable, orgUnit: string): Promise<{ kind: RuleKind; version: string; cases: number }[]> {
  const r = await db.query<{ kind: RuleKind; version: string; cases: number }>(
    `select 'judgement' as kind, ${JUDGEMENT_VERSION} as version, count(*)::int as cases
       from cases c where ${inOrg('$1')} and ${JUDGEMENT_VERSION} is not null group by 2
     union all
     select 'penalty', e->>'ruleSetVersion', count(distinct c.id)::int
       from cases c cross join lateral jsonb_array_elements(${COMPUTATIONS}) e
      where ${inOrg('$1')} and e->>'ruleSetVersion' is not null group by 2
     order by 1, 2`,
    [orgUnit],
  );
  return r.rows;
}

/** The cases (inside the org unit) that used one version, newest first. */
export async function casesUsingVersion(db: Queryable, orgUnit: string, kind: RuleKind, version: string, range: [number, number]): Promise<{ rows: CaseWithVersions[]; total: number }> {
  const uses = kind === 'judgement'
    ? `${JUDGEMENT_VERSION} = $2`
    : `exists (select 1 from jsonb_array_elements(${COMPUTATIONS}) e where e->>'ruleSetVersion' = $2)`;
  const where = `${inOrg('$1')} and ${uses}`;
  const [total, rows] = await Promise.all([
    db.query<{ n: number }>(`select count(*)::int as n from cases c where ${where}`, [orgUnit, version]),
    db.query<CaseVersionsRow>(
      `select ${CASE_WITH_VERSIONS} from cases c left join org_units o on o.id = c.org_unit_id
        where ${where} order by c.created_at desc, c.id limit $3 offset $4`,
      [orgUnit, version, range[1] - range[0] + 1, range[0]],
    ),
  ]);
  return { rows: rows.rows.map(toCaseWithVersions), total: total.rows[0].n };
}
