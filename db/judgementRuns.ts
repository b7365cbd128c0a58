import type pg from 'pg';
import { firstDay } from '../domain/billingMonths';
import { DEFAULT_CALIBRATION } from '../domain/calibration';
import type { PreparedRuleSet } from '../domain/judgementRules';
import { AreaLineLossParams, type LineLossReasonParams } from '../domain/lineLossRules';
import { expectedRateSql } from './calibration';
import { populationJudgementSql, type PopulationQuery } from './judgementSql';
import { lineLossDetails } from './lineLossSql';
import { withinSql } from './orgScope';
import { withTransaction, type Queryable } from './pool';

/**
 * The stored daily judgement run (#21): the whole customer base judged once per rule-set version and data month, the
 * flagged customers stored with score, families, reasons (with their expected confirmation rates and, for line loss,
 * their data) — what the back office reads instead of judging again, without a rate limit.
 */

export interface StoredReason {
  code: string;
  family: string;
  weight: number;
  /** 预计查实率 of this flag for the customer's unit. */
  expectedRate: number;
  params?: LineLossReasonParams;
}

export interface StoredJudgement {
  runId: number;
  ruleSetVersion: string;
  asOfMonth: string;
  accountNo: string;
  score: number;
  families: string[];
  reasons: StoredReason[];
  expectedRate: number;
}

export interface JudgementRun {
  id: number;
  ruleSetVersion: string;
  asOfMonth: string;
  status: 'running' | 'completed' | 'failed';
  customers: number | null;
  flagged: number | null;
  error: string | null;
  triggeredBy: string;
  startedAt: string;
  completedAt: string | null;
}

export const priorOf = (p: PreparedRuleSet) => p.ruleSet.calibration?.priorRate ?? DEFAULT_CALIBRATION.priorRate;

/**
 * The population judgement with each customer's rated reasons and expected rate; `minExpectedRate` keeps only flags
 * at least that likely to be confirmed. Rows: account_no, score, reasons (codes), rated (JSON), expected_rate.
 */
export function ratedPopulationSql(p: PreparedRuleSet, q: PopulationQuery, minExpectedRate: number | null = null): { text: string; values: unknown[] } {
  const base = populationJudgementSql(p, { scope: q.scope, minScore: q.minScore });
  const r = expectedRateSql(p, base.values.length, priorOf(p));
  const values = [...base.values, ...r.values];
  let text = `select x.account_no, x.score, x.reasons, ${r.reasons} as rated, ${r.rate} as expected_rate
                from (${base.text}) x join customers c on c.account_no = x.account_no`;
  if (minExpectedRate !== null) {
    values.push(minExpectedRate);
    text = `select * from (${text}) y where y.expected_rate >= $${values.length}::float8`;
  }
  return { text: `${text} order by score desc, account_no${q.limit === undefined ? '' : ` limit ${q.limit}`}`, values };
}

interface RunRow {
  id: string; rule_set_version: string; data_month: string; status: JudgementRun['status']; customers: number | null; flagged: number | null;
  error: string | null; triggered_by: string; started_at: Date; completed_at: Date | null;
}
const RUN_COLUMNS = `id, rule_set_version, to_char(data_month, 'YYYY-MM') as data_month, status, customers, flagged, error, triggered_by, started_at, completed_at`;
const toRun = (r: RunRow): JudgementRun => ({
  id: Number(r.id), ruleSetVersion: r.rule_set_version, asOfMonth: r.data_month, status: r.status, customers: r.customers, flagged: r.flagged, error: r.error,
  triggeredBy: r.triggered_by, startedAt: r.started_at.toISOString(), completedAt: r.completed_at?.toISOString() ?? null,
});

/**
 * Judges every customer and stores the flagged ones under (version, month), replacing an earlier run of the same key
 * in one transaction: readers see the old rows or the new ones, never half.
 */
export async function storeJudgementRun(pool: pg.Pool, p: PreparedRuleSet, triggeredBy: string): Promise<JudgementRun> {
  const run = await pool.query<{ id: string }>(
    `insert into judgement_runs (rule_set_version, data_month, status, triggered_by, started_at)
     values ($1, $2::date, 'running', $3, now())
     on conflict (rule_set_version, data_month) do update set status = 'running', triggered_by = excluded.triggered_by, started_at = now(), completed_at = null, error = null
     returning id`,
    [p.label, firstDay(p.asOfMonth), triggeredBy],
  );
  const runId = run.rows[0].id;
  try {
    return await withTransaction(pool, async (db) => {
      // one writer per run (the schedule and a manual run of the same version and month): the second waits, then replaces
      await db.query("select pg_advisory_xact_lock(hashtext('judgement_run'), $1::int)", [Number(runId) % 2_147_483_647]);
      await db.query('delete from judgement_run_results where run_id = $1', [runId]);
      const sql = ratedPopulationSql(p, { scope: null, minScore: 1 });
      const n = sql.values.length;
      await db.query(
        `insert into judgement_run_results (run_id, account_no, unit_id, score, families, reason_codes, reasons, expected_rate)
         select $${n + 1}::bigint, y.account_no, coalesce(c.grid_id, c.station_id), y.score,
                array(select distinct e->>'family' from jsonb_array_elements(y.rated) e order by 1), y.reasons, y.rated, y.expected_rate
           from (${sql.text}) y join customers c on c.account_no = y.account_no`,
        [...sql.values, runId],
      );
      await attachLineLossParams(db, runId, p);
      const r = await db.query<RunRow>(
        `update judgement_runs set status = 'completed', completed_at = now(),
                customers = (select count(*) from customers)::int, flagged = (select count(*) from judgement_run_results where run_id = $1)::int
          where id = $1 returning ${RUN_COLUMNS}`,
        [runId],
      );
      return toRun(r.rows[0]);
    });
  } catch (e) {
    await pool.query("update judgement_runs set status = 'failed', error = $2, completed_at = now() where id = $1", [runId, (e as Error).message.slice(0, 1000)]);
    throw e;
  }
}

/** The line-loss reasons get their data (area, loss rate, norm, the customer's drop). */
async function attachLineLossParams(db: Queryable, runId: string, p: PreparedRuleSet): Promise<void> {
  for (const rule of p.ruleSet.rules) {
    if (rule.kind !== 'area_line_loss') continue;
    const accounts = (await db.query<{ account_no: string }>('select account_no from judgement_run_results where run_id = $1 and $2 = any(reason_codes)', [runId, rule.code])).rows.map((x) => x.account_no);
    const details = await lineLossDetails(db, rule.params, p.asOfMonth, accounts);
    if (!details.size) continue;
    await db.query(
      `update judgement_run_results r
          set reasons = (select jsonb_agg(case when e->>'code' = $2 then e || jsonb_build_object('params', d.params) else e end) from jsonb_array_elements(r.reasons) e)
         from unnest($3::text[], $4::jsonb[]) d(account_no, params)
        where r.run_id = $1 and r.account_no = d.account_no`,
      [runId, rule.code, [...details.keys()], [...details.values()].map((v) => JSON.stringify(v))],
    );
  }
}

export async function listJudgementRuns(db: Queryable, range: [number, number]): Promise<{ rows: JudgementRun[]; total: number }> {
  const total = await db.query<{ n: number }>('select count(*)::int as n from judgement_runs');
  const r = await db.query<RunRow>(`select ${RUN_COLUMNS} from judgement_runs order by started_at desc, id desc limit $1 offset $2`, [range[1] - range[0] + 1, range[0]]);
  return { rows: r.rows.map(toRun), total: total.rows[0].n };
}

/** The version in force on a day, read without its document (db/ruleSets.ts ruleSetInForceOn's order): a cheap lookup. */
export async function inForceVersion(db: Queryable, day: string): Promise<string | null> {
  const r = await db.query<{ version: string }>(
    `select version from judgement_rule_sets where status = 'published' and effective_from <= $1::date
      order by effective_from desc, published_at desc, version desc limit 1`,
    [day],
  );
  return r.rows[0]?.version ?? null;
}

/**
 * The line-loss rule's params of the version in force (its first such rule), read from the document without parsing
 * the rest of it; null when it has none.
 */
export async function inForceLineLossParams(db: Queryable, day: string): Promise<AreaLineLossParams | null> {
  const r = await db.query<{ params: unknown }>(
    `select (select x->'params' from jsonb_array_elements(document->'rules') x where x->>'kind' = 'area_line_loss' limit 1) as params
       from judgement_rule_sets where status = 'published' and effective_from <= $1::date
      order by effective_from desc, published_at desc, version desc limit 1`,
    [day],
  );
  const parsed = AreaLineLossParams.safeParse(r.rows[0]?.params);
  return parsed.success ? parsed.data : null;
}

/** The completed run of a version and month, else the latest completed run of the version, else the latest completed one. */
export async function findCompletedRun(db: Queryable, version?: string, month?: string): Promise<JudgementRun | null> {
  const r = await db.query<RunRow>(
    `select ${RUN_COLUMNS} from judgement_runs where status = 'completed'
      order by (rule_set_version = $1 and data_month = $2::date) desc nulls last, (rule_set_version = $1) desc nulls last, data_month desc, completed_at desc limit 1`,
    [version ?? null, month ? firstDay(month) : null],
  );
  return r.rows[0] ? toRun(r.rows[0]) : null;
}

/** One completed run by its id (null: no such run, or it has not completed). */
export async function completedRunById(db: Queryable, id: number): Promise<JudgementRun | null> {
  const r = await db.query<RunRow>(`select ${RUN_COLUMNS} from judgement_runs where id = $1 and status = 'completed'`, [id]);
  return r.rows[0] ? toRun(r.rows[0]) : null;
}

export async function storedJudgementOf(db: Queryable, run: JudgementRun, accountNo: string): Promise<StoredJudgement | null> {
  const r = await db.query<{ score: number; families: string[]; reasons: StoredReason[]; expected_rate: number }>(
    'select score, families, reasons, expected_rate from judgement_run_results where run_id = $1 and account_no = $2',
    [run.id, accountNo],
  );
  const x = r.rows[0];
  if (!x) return null;
  return { runId: run.id, ruleSetVersion: run.ruleSetVersion, asOfMonth: run.asOfMonth, accountNo, score: x.score, families: x.families, reasons: x.reasons, expectedRate: x.expected_rate };
}

export interface PreviewCustomer {
  accountNo: string;
  customerName: string;
  stationId: string;
  score: number;
  expectedRate: number;
  reasons: StoredReason[];
  openCaseId: string | null;
}

export interface SelectionFilter {
  scope: string[];
  minScore: number;
  minExpectedRate: number | null;
  /** The campaign's rules: code and weight (a stored reason counts only if its code is chosen, with the chosen weight). */
  rules: { code: string; weight: number }[];
}

export type Keyset = { score: number; accountNo: string } | null;

/**
 * One keyset page of a campaign's selection read from a stored run: the run's reasons the campaign chose, scored with
 * the campaign's weights, at its thresholds, best first (score, then account), after `after`.
 */
export async function storedSelectionPage(db: Queryable, runId: number, f: SelectionFilter, after: Keyset, limit: number): Promise<PreviewCustomer[]> {
  const params: unknown[] = [runId, f.rules.map((r) => r.code), f.rules.map((r) => r.weight), f.minScore];
  const scope = f.scope.map((s) => {
    params.push(s);
    return withinSql('r.unit_id', `$${params.length}::text`);
  });
  params.push(f.minExpectedRate ?? 0, limit);
  const [minRate, lim] = [params.length - 1, params.length];
  let keyset = '';
  if (after) {
    params.push(after.score, after.accountNo);
    keyset = `and (y.score < $${params.length - 1} or (y.score = $${params.length - 1} and y.account_no > $${params.length}))`;
  }
  const r = await db.query<{ account_no: string; name: string; station_id: string; score: number; expected_rate: number; reasons: StoredReason[]; open_case: string | null }>(
    `select y.*, cu.name, cu.station_id,
            (select c.id::text from cases c where c.customer_account_no = y.account_no and c.stage <> all('{closed,dismissed,cancelled}') limit 1) as open_case
       from (select r.account_no, least(100, sum(w.weight))::int as score, max((e->>'expectedRate')::float8) as expected_rate,
                    jsonb_agg(e || jsonb_build_object('weight', w.weight) order by w.ord) as reasons
               from judgement_run_results r
               cross join lateral jsonb_array_elements(r.reasons) e
               join unnest($2::text[], $3::int[]) with ordinality w(code, weight, ord) on w.code = e->>'code'
              where r.run_id = $1 and (${scope.join(' or ')})
              group by r.account_no) y
       join customers cu on cu.account_no = y.account_no
      where y.score >= $4 and y.expected_rate >= $${minRate}::float8 ${keyset}
      order by y.score desc, y.account_no limit $${lim}`,
    params,
  );
  return r.rows.map(toPreviewCustomer);
}

/** The same page judged now (a campaign whose rules differ from the stored run's): the population query, keyset-filtered. */
export async function liveSelectionPage(db: Queryable, p: PreparedRuleSet, f: Pick<SelectionFilter, 'scope' | 'minScore' | 'minExpectedRate'>, after: Keyset, limit: number): Promise<PreviewCustomer[]> {
  const sql = ratedPopulationSql(p, { scope: f.scope, minScore: f.minScore }, f.minExpectedRate);
  const params = [...sql.values, limit];
  let keyset = '';
  if (after) {
    params.push(after.score, after.accountNo);
    keyset = `where (z.score < $${params.length - 1} or (z.score = $${params.length - 1} and z.account_no > $${params.length}))`;
  }
  const r = await db.query<{ account_no: string; name: string; station_id: string; score: number; expected_rate: number; reasons: StoredReason[]; open_case: string | null }>(
    `select z.account_no, z.score, z.expected_rate, z.rated as reasons, cu.name, cu.station_id,
            (select c.id::text from cases c where c.customer_account_no = z.account_no and c.stage <> all('{closed,dismissed,cancelled}') limit 1) as open_case
       from (${sql.text}) z join customers cu on cu.account_no = z.account_no ${keyset}
      order by z.score desc, z.account_no limit $${sql.values.length + 1}`,
    params,
  );
  const rows = r.rows.map(toPreviewCustomer);
  for (const rule of p.ruleSet.rules) {
    if (rule.kind !== 'area_line_loss') continue;
    const details = await lineLossDetails(db, rule.params, p.asOfMonth, rows.filter((x) => x.reasons.some((e) => e.code === rule.code)).map((x) => x.accountNo));
    for (const row of rows) for (const e of row.reasons) if (e.code === rule.code && details.has(row.accountNo)) e.params = details.get(row.accountNo);
  }
  return rows;
}

function toPreviewCustomer(x: { account_no: string; name: string; station_id: string; score: number; expected_rate: number; reasons: StoredReason[]; open_case: string | null }): PreviewCustomer {
  return { accountNo: x.account_no, customerName: x.name, stationId: x.station_id, score: x.score, expectedRate: x.expected_rate, reasons: x.reasons, openCaseId: x.open_case };
}
