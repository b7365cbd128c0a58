import type { Queryable } from './pool';
import { withinSql } from './orgScope';

/**
 * Which rule-set versions cases used, read from the workflow snapshot the read model keeps: the judgement's
 * `ruleSetVersion`, and each penalty computation's on the rectification order.
 */
export type RuleKind = 'judgement' | 'penalty';

const JUDGEMENT_LABEL = "c.snapshot->'judgement'->>'ruleSetVersion'";
/**
 * A campaign's cases carry "<base version>/campaign:<id>" (db/campaigns.ts campaignRuleSetLabel): they used the base
 * rule-set version (with the campaign's weights), so they count under it; the campaign is a detail of the case.
 */
const CAMPAIGN_MARK = '/campaign:';
const JUDGEMENT_VERSION = `split_part(${JUDGEMENT_LABEL}, '${CAMPAIGN_MARK}', 1)`;
const JUDGEMENT_CAMPAIGN = `nullif(split_part(${JUDGEMENT_LABEL}, '${CAMPAIGN_MARK}', 2), '')`;
/** The rectification order's computations as a jsonb array ('[]' before there is one). */
const COMPUTATIONS = "case when jsonb_typeof(c.snapshot->'rectification'->'computations') = 'array' then c.snapshot->'rectification'->'computations' else '[]'::jsonb end";

/** Columns of a case row with its rule versions (alias c = cases, o = org_units). */
export const CASE_WITH_VERSIONS = `c.id, c.case_no, c.customer_account_no, c.customer_name, c.org_unit_id, o.name_zh as org_unit_name, c.origin, c.stage,
  c.priority, c.problem_type, c.created_at, c.closed_at, ${JUDGEMENT_VERSION} as judgement_version,
  ${JUDGEMENT_CAMPAIGN} as judgement_campaign_id, (select k.name from campaigns k where k.id::text = ${JUDGEMENT_CAMPAIGN}) as judgement_campaign_name,
  array(select distinct e->>'ruleSetVersion' from jsonb_array_elements(${COMPUTATIONS}) e where e->>'ruleSetVersion' is not null order by 1) as penalty_versions`;

export interface CaseVersionsRow {
  id: string; case_no: string; customer_account_no: string; customer_name: string; org_unit_id: string; org_unit_name: string | null; origin: string;
  stage: string; priority: string; problem_type: string | null; created_at: Date; closed_at: Date | null; judgement_version: string | null; penalty_versions: string[];
  judgement_campaign_id: string | null; judgement_campaign_name: string | null;
}

export interface CaseWithVersions {
  id: string; caseNo: string; customerAccountNo: string; customerName: string; orgUnitId: string; orgUnitName: string | null; origin: string; stage: string;
  priority: string; problemType: string | null; createdAt: string; closedAt: string | null; judgementRuleSetVersion: string | null; penaltyRuleSetVersions: string[];
  /** The campaign whose weights the judgement used (its version is the campaign's base version). */
  judgementCampaign: { id: string; name: string | null } | null;
}

export const toCaseWithVersions = (r: CaseVersionsRow): CaseWithVersions => ({
  id: r.id, caseNo: r.case_no, customerAccountNo: r.customer_account_no, customerName: r.customer_name, orgUnitId: r.org_unit_id, orgUnitName: r.org_unit_name,
  origin: r.origin, stage: r.stage, priority: r.priority, problemType: r.problem_type, createdAt: r.created_at.toISOString(), closedAt: r.closed_at?.toISOString() ?? null,
  judgementRuleSetVersion: r.judgement_version, penaltyRuleSetVersions: r.penalty_versions,
  judgementCampaign: r.judgement_campaign_id ? { id: r.judgement_campaign_id, name: r.judgement_campaign_name } : null,
});

/** Cases inside an org subtree: `$n` is the org unit. */
export const inOrg = (p: string) => withinSql('c.org_unit_id', p);

export interface CampaignUsage { id: string; name: string | null; cases: number }
export interface VersionUsage { kind: RuleKind; version: string; cases: number; campaigns: CampaignUsage[] }

/**
 * How many cases (inside the org unit) each judgement and penalty rule-set version was used by; a judgement version's
 * count includes the cases of campaigns based on it, which are also listed per campaign.
 */
export async function ruleVersionUsage(db: Queryable, orgUnit: string): Promise<VersionUsage[]> {
  const r = await db.query<{ kind: RuleKind; version: string; campaign_id: string | null; campaign_name: string | null; cases: number }>(
    `select 'judgement' as kind, j.version, j.campaign_id, k.name as campaign_name, count(*)::int as cases
       from (select ${JUDGEMENT_VERSION} as version, ${JUDGEMENT_CAMPAIGN} as campaign_id
               from cases c where ${inOrg('$1')} and ${JUDGEMENT_LABEL} is not null) j
       left join campaigns k on k.id::text = j.campaign_id
      group by 2, 3, 4
     union all
     select 'penalty', e->>'ruleSetVersion', null, null, count(distinct c.id)::int
       from cases c cross join lateral jsonb_array_elements(${COMPUTATIONS}) e
      where ${inOrg('$1')} and e->>'ruleSetVersion' is not null group by 2
     order by 1, 2, 4 nulls first, 3 nulls first`,
    [orgUnit],
  );
  const out: VersionUsage[] = [];
  for (const row of r.rows) {
    let u = out.at(-1);
    if (!u || u.kind !== row.kind || u.version !== row.version) out.push((u = { kind: row.kind, version: row.version, cases: 0, campaigns: [] }));
    u.cases += row.cases;
    if (row.campaign_id) u.campaigns.push({ id: row.campaign_id, name: row.campaign_name, cases: row.cases });
  }
  return out;
}

/** The cases (inside the org unit) that used one version, newest first. */
export async function casesUsingVersion(db: Queryable, orgUnit: string, kind: RuleKind, version: string, range: [number, number]): Promise<{ rows: CaseWithVersions[]; total: number }> {
  const uses = kind === 'judgement'
    ? `${JUDGEMENT_LABEL} is not null and ${JUDGEMENT_VERSION} = $2`
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
