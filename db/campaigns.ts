import type pg from 'pg';
import { withinSql } from './orgScope';
import { withTransaction, type Queryable } from './pool';
import { JudgementRuleSet, prepareRuleSet, type PreparedRuleSet } from '../domain/judgementRules';
import type { CampaignRecord } from '../domain/campaign';
import { populationJudgementSql } from './judgementSql';
import { ratedPopulationSql } from './judgementRuns';

/** The population a campaign selects from: judged, and rated when it selects by expected confirmation rate (预计查实率). */
function selectionSql(p: PreparedRuleSet, scope: string[], minScore: number, minExpectedRate: number | null | undefined) {
  return minExpectedRate === null || minExpectedRate === undefined ? populationJudgementSql(p, { scope, minScore }) : ratedPopulationSql(p, { scope, minScore }, minExpectedRate);
}

interface CampaignRow {
  id: string; name: string; theme: string | null; scope: string[]; org_unit_id: string; rule_set: unknown; base_rule_set_version: string;
  min_score: number; min_expected_rate: number | null; case_cap: number; batch_size: number; as_of_month: string | null; field_deadline: string | null; ends_on: string | null;
  status: CampaignRecord['status']; matched: number | null; selected: number | null; created_count: number; failed_count: number; skipped_count: number;
  created_by: string; created_at: Date; started_at: Date | null; completed_at: Date | null;
}

const COLUMNS = `id, name, theme, scope, org_unit_id, rule_set, base_rule_set_version, min_score, min_expected_rate, case_cap, batch_size,
  to_char(as_of_month, 'YYYY-MM') as as_of_month, field_deadline::text as field_deadline, ends_on::text as ends_on, status,
  matched, selected, created_count, failed_count, skipped_count, created_by, created_at, started_at, completed_at`;

export interface Campaign extends CampaignRecord {
  ruleSet: JudgementRuleSet;
}

function toCampaign(r: CampaignRow): Campaign {
  const ruleSet = JudgementRuleSet.parse(r.rule_set);
  return {
    id: r.id, name: r.name, theme: r.theme, scope: r.scope, orgUnitId: r.org_unit_id, ruleSetVersion: r.base_rule_set_version,
    rules: ruleSet.rules.map((x) => ({ code: x.code, kind: x.kind, textZh: x.textZh, textEn: x.textEn, weight: x.weight, params: x.params })),
    minScore: r.min_score, minExpectedRate: r.min_expected_rate, caseCap: r.case_cap, batchSize: r.batch_size, asOfMonth: r.as_of_month, fieldDeadline: r.field_deadline, endsOn: r.ends_on,
    status: r.status, matched: r.matched, selected: r.selected, created: r.created_count, failed: r.failed_count, skipped: r.skipped_count, createdBy: r.created_by,
    createdAt: r.created_at.toISOString(), startedAt: r.started_at?.toISOString() ?? null, completedAt: r.completed_at?.toISOString() ?? null, ruleSet,
  };
}

/** The label judgement results of a campaign's cases carry: base version plus the campaign. */
export const campaignRuleSetLabel = (c: Pick<Campaign, 'id' | 'ruleSetVersion'>) => `${c.ruleSetVersion}/campaign:${c.id}`;

export function prepareCampaign(c: Campaign, asOfMonth: string): PreparedRuleSet {
  return prepareRuleSet(c.ruleSet, asOfMonth, campaignRuleSetLabel(c));
}

export interface NewCampaign {
  id: string; name: string; theme: string | null; scope: string[]; orgUnitId: string; ruleSet: JudgementRuleSet; baseVersion: string;
  minScore: number; minExpectedRate?: number | null; caseCap: number; batchSize: number; asOfMonth: string | null; fieldDeadline: string | null; endsOn: string | null; createdBy: string;
}

export async function insertCampaign(db: Queryable, c: NewCampaign): Promise<Campaign> {
  const r = await db.query<CampaignRow>(
    `insert into campaigns (id, name, theme, scope, org_unit_id, rule_set, base_rule_set_version, min_score, case_cap, batch_size, as_of_month,
                            field_deadline, ends_on, status, created_by, created_at, min_expected_rate)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::date, $12, $13, 'draft', $14, now(), $15)
     returning ${COLUMNS}`,
    [c.id, c.name, c.theme, c.scope, c.orgUnitId, JSON.stringify(c.ruleSet), c.baseVersion, c.minScore, c.caseCap, c.batchSize,
      c.asOfMonth ? `${c.asOfMonth}-01` : null, c.fieldDeadline, c.endsOn, c.createdBy, c.minExpectedRate ?? null],
  );
  return toCampaign(r.rows[0]);
}

/** Visible to a caller when one of its scope units and the caller's org unit contain one another. */
function visibleTo(params: unknown[], orgUnit: string): string {
  params.push(orgUnit);
  const o = `$${params.length}::text`;
  return `exists (select 1 from unnest(c.scope) s(id) where ${withinSql('s.id', o)} or ${withinSql(o, 's.id')})`;
}

export async function getCampaign(db: Queryable, id: string, orgUnit?: string): Promise<Campaign | null> {
  const params: unknown[] = [id];
  const where = ['c.id = $1', ...(orgUnit ? [visibleTo(params, orgUnit)] : [])];
  const r = await db.query<CampaignRow>(`select ${COLUMNS} from campaigns c where ${where.join(' and ')}`, params);
  return r.rows[0] ? toCampaign(r.rows[0]) : null;
}

export async function listCampaigns(db: Queryable, orgUnit: string, status: string[] | undefined, range: [number, number]): Promise<{ rows: Campaign[]; total: number }> {
  const params: unknown[] = [];
  const where = [visibleTo(params, orgUnit)];
  if (status?.length) {
    params.push(status);
    where.push(`c.status = any($${params.length})`);
  }
  const total = await db.query<{ n: number }>(`select count(*)::int as n from campaigns c where ${where.join(' and ')}`, params);
  const rows = await db.query<CampaignRow>(
    `select ${COLUMNS} from campaigns c where ${where.join(' and ')} order by c.created_at desc, c.id limit ${range[1] - range[0] + 1} offset ${range[0]}`,
    params,
  );
  return { rows: rows.rows.map(toCampaign), total: total.rows[0].n };
}

/** How many customers a campaign would select, and per rule; one evaluation of the population. */
export async function previewSelection(db: Queryable, p: PreparedRuleSet, scope: string[], minScore: number, minExpectedRate?: number | null): Promise<{ matched: number; withOpenCase: number; byRule: Record<string, number> }> {
  const sql = selectionSql(p, scope, minScore, minExpectedRate);
  const codes = p.rules.map((r) => r.code);
  const n = sql.values.length + codes.length;
  const r = await db.query<Record<string, number>>(
    `select count(*)::int as matched, ${codes.map((_, i) => `count(*) filter (where $${sql.values.length + 1 + i}::text = any(x.reasons))::int as r${i}`).join(', ')},
            count(*) filter (where exists (select 1 from cases c where c.customer_account_no = x.account_no and c.stage <> all($${n + 1}::text[])))::int as open_cases
       from (${sql.text}) x`,
    [...sql.values, ...codes, ['closed', 'dismissed', 'cancelled']],
  );
  const row = r.rows[0];
  return { matched: row.matched, withOpenCase: row.open_cases, byRule: Object.fromEntries(codes.map((c, i) => [c, row[`r${i}`]])) };
}

/**
 * What running a draft would do now: of the top caseCap matches (the selection's order: score, then account), how
 * many already have an open case (skipped at launch, one open case per customer) and how many cases would open.
 */
export async function launchSelection(db: Queryable, p: PreparedRuleSet, scope: string[], minScore: number, caseCap: number, minExpectedRate?: number | null): Promise<{ selected: number; skipped: number }> {
  const sql = selectionSql(p, scope, minScore, minExpectedRate);
  const n = sql.values.length;
  const r = await db.query<{ selected: number; skipped: number }>(
    `select count(*)::int as selected,
            count(*) filter (where exists (select 1 from cases c where c.customer_account_no = s.account_no and c.stage <> all($${n + 2}::text[])))::int as skipped
       from (select x.account_no, row_number() over (order by x.score desc, x.account_no) as rank from (${sql.text}) x) s
      where s.rank <= $${n + 1}::int`,
    [...sql.values, caseCap, ['closed', 'dismissed', 'cancelled']],
  );
  return r.rows[0];
}

/**
 * Evaluates the population once and stores the selection (top caseCap by score, then account). Idempotent: a
 * campaign whose selection exists returns it unchanged, so a retried or replayed activity selects nothing new.
 */
export async function selectCampaign(pool: pg.Pool, campaignId: string, latestMonth: () => Promise<string | null>): Promise<{ matched: number; selected: number; asOfMonth: string }> {
  return withTransaction(pool, async (db) => {
    const c = (await db.query<CampaignRow>(`select ${COLUMNS} from campaigns c where id = $1 for update`, [campaignId])).rows[0];
    if (!c) throw new Error(`campaign ${campaignId} does not exist`);
    const campaign = toCampaign(c);
    const asOfMonth = campaign.asOfMonth ?? (await latestMonth());
    if (!asOfMonth) throw new Error('there is no billing data to judge (billing_periods is empty)');
    if (c.selected !== null) return { matched: c.matched ?? 0, selected: c.selected, asOfMonth };
    const sql = selectionSql(prepareCampaign(campaign, asOfMonth), campaign.scope, campaign.minScore, campaign.minExpectedRate);
    const n = sql.values.length;
    const r = await db.query<{ inserted: number; matched: number }>(
      `with sel as (select x.account_no, x.score, x.reasons, count(*) over () as matched, row_number() over (order by x.score desc, x.account_no) as rank
                      from (${sql.text}) x),
            ins as (insert into campaign_selections (campaign_id, account_no, rank, score, reasons)
                    select $${n + 1}::uuid, account_no, rank, score, reasons from sel where rank <= $${n + 2}::int
                    on conflict do nothing returning 1)
       select (select count(*) from ins)::int as inserted, coalesce((select max(matched) from sel), 0)::int as matched`,
      [...sql.values, campaignId, campaign.caseCap],
    );
    const { inserted, matched } = r.rows[0];
    await db.query(
      `update campaigns set matched = $2, selected = $3, as_of_month = $4::date, status = case when status = 'draft' then 'running' else status end,
              started_at = coalesce(started_at, now()) where id = $1`,
      [campaignId, matched, inserted, `${asOfMonth}-01`],
    );
    return { matched, selected: inserted, asOfMonth };
  });
}

export async function pendingSelections(db: Queryable, campaignId: string, limit: number): Promise<string[]> {
  const r = await db.query<{ account_no: string }>(
    "select account_no from campaign_selections where campaign_id = $1 and status = 'pending' order by rank limit $2",
    [campaignId, limit],
  );
  return r.rows.map((x) => x.account_no);
}

/**
 * Marks a batch's outcome and moves the campaign's counters by the rows that actually changed, in one transaction,
 * so a retried batch (whose cases were already started) does not count them twice.
 */
export async function recordBatchOutcome(
  pool: pg.Pool, campaignId: string, created: { accountNo: string; caseId: string }[], failed: { accountNo: string; error: string }[],
  skipped: { accountNo: string; existingCaseId: string }[] = [],
): Promise<{ created: number; failed: number; selected: number; skipped: number }> {
  return withTransaction(pool, async (db) => {
    const c = await db.query(
      `update campaign_selections s set status = 'created', case_id = u.case_id, updated_at = now()
         from unnest($2::text[], $3::uuid[]) u(account_no, case_id)
        where s.campaign_id = $1 and s.account_no = u.account_no and s.status = 'pending'`,
      [campaignId, created.map((x) => x.accountNo), created.map((x) => x.caseId)],
    );
    const f = await db.query(
      `update campaign_selections s set status = 'failed', error = u.error, updated_at = now()
         from unnest($2::text[], $3::text[]) u(account_no, error)
        where s.campaign_id = $1 and s.account_no = u.account_no and s.status = 'pending'`,
      [campaignId, failed.map((x) => x.accountNo), failed.map((x) => x.error)],
    );
    const k = await db.query(
      `update campaign_selections s set status = 'skipped', existing_case_id = u.case_id, updated_at = now()
         from unnest($2::text[], $3::uuid[]) u(account_no, case_id)
        where s.campaign_id = $1 and s.account_no = u.account_no and s.status = 'pending'`,
      [campaignId, skipped.map((x) => x.accountNo), skipped.map((x) => x.existingCaseId)],
    );
    const r = await db.query<{ created_count: number; failed_count: number; skipped_count: number; selected: number }>(
      `update campaigns set created_count = created_count + $2, failed_count = failed_count + $3, skipped_count = skipped_count + $4 where id = $1
       returning created_count, failed_count, skipped_count, selected`,
      [campaignId, c.rowCount ?? 0, f.rowCount ?? 0, k.rowCount ?? 0],
    );
    const row = r.rows[0];
    return { created: row.created_count, failed: row.failed_count, skipped: row.skipped_count, selected: row.selected ?? 0 };
  });
}

export async function setCampaignStatus(db: Queryable, campaignId: string, status: 'running' | 'paused' | 'completed'): Promise<void> {
  await db.query(
    `update campaigns set status = $2, completed_at = case when $2 = 'completed' then coalesce(completed_at, now()) else completed_at end
      where id = $1 and status <> 'completed'`,
    [campaignId, status],
  );
}

/** One page of a campaign's selections, best rank first, with the customer's name and station. */
export async function campaignSelectionsPage(db: Queryable, campaignId: string, range: [number, number]) {
  const r = await db.query<{ account_no: string; name: string; station_id: string; rank: number; score: number; reasons: string[]; status: 'pending'; case_id: string | null; existing_case_id: string | null; error: string | null }>(
    `select s.account_no, cu.name, cu.station_id, s.rank, s.score, s.reasons, s.status, s.case_id, s.existing_case_id, s.error
       from campaign_selections s join customers cu on cu.account_no = s.account_no
      where s.campaign_id = $1 order by s.rank limit $2 offset $3`,
    [campaignId, range[1] - range[0] + 1, range[0]],
  );
  return r.rows.map((x) => ({ accountNo: x.account_no, customerName: x.name, stationId: x.station_id, rank: x.rank, score: x.score, reasons: x.reasons, status: x.status, caseId: x.case_id, existingCaseId: x.existing_case_id, error: x.error }));
}

/** A draft campaign whose workflow was started is running from now on (a started one keeps its start time). */
export async function markCampaignRunning(db: Queryable, id: string): Promise<void> {
  await db.query("update campaigns set status = 'running', started_at = coalesce(started_at, now()) where id = $1 and status = 'draft'", [id]);
}
