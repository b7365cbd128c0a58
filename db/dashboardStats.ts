import { addMonths, monthsBetween } from '../domain/billingMonths';
import { subtreePattern, withinSql } from './orgScope';
import type { Queryable } from './pool';

// The pilot's figures for a period and an org unit. Period figures count what happened in the period (cases opened,
// findings submitted, verifications passed), by Beijing-time month; overdue steps and open escalations are as of now.
// "Recovered" is the back-billing and penalty of the rectification orders whose verification passed in the period:
// the amounts the workflow computed under its penalty rule set (rectification_issued's computations), or — when the
// supervisor confirmed a collected amount other than that total on passing (#17) — the confirmed amount.
// 疑似虚假工单 (#15): visits flagged in the period are findings whose presence verdict was weak (each put its case on
// review); on review now are the open cases whose review is still pending (cases.review_pending).
// The period figures are read from case_stats_monthly, which the projection keeps (db/caseStatsProjection.ts); the
// per-request SQL it replaced stays in db/dashboardStatsReference.ts, the property test's reference.

/** A month as YYYY-MM. */
export type Month = string;

export interface DashboardQuery {
  /** The org unit whose subtree is counted (already checked to lie inside `scope`). */
  unit: string;
  /** The caller's org unit: every query is limited to its subtree as well. */
  scope: string;
  from: Month;
  to: Month;
}

export interface Figures {
  suspected: number;
  checkedOnSite: number;
  confirmed: number;
  /** confirmed / checked on site; null when nothing was checked. */
  confirmationRate: number | null;
  recovered: { backBillingYuan: number; penaltyYuan: number; totalYuan: number };
  overdueSteps: number;
  openEscalations: { tier1: number; tier2: number; tier3: number; total: number };
  /** 疑似虚假工单: open cases on review now, and visits flagged (weak presence verdict) in the period. */
  presenceReview: { pending: number; flagged: number };
}

export interface TrendPoint {
  month: Month;
  suspected: number;
  checkedOnSite: number;
  confirmed: number;
  recoveredYuan: number;
}

export interface UnitFigures extends Figures {
  id: string;
  nameZh: string;
  nameEn: string;
  level: string;
}

export interface OrgUnitRef {
  id: string;
  nameZh: string;
  nameEn: string;
  level: string;
}

export interface DashboardStats {
  unit: OrgUnitRef;
  /** From the caller's own unit down to the selected one (for a breadcrumb). */
  path: OrgUnitRef[];
  period: { from: Month; to: Month };
  asOf: string;
  figures: Figures;
  trend: TrendPoint[];
  /** The selected unit's children, each with its subtree's figures. */
  units: UnitFigures[];
}

/** Months from `from` to `to` inclusive. */
export function periodMonths(from: Month, to: Month): Month[] {
  return Array.from({ length: Math.max(0, monthsBetween(from, to) + 1) }, (_, i) => addMonths(from, i));
}

const round2 = (n: number) => Math.round(n * 100) / 100;

const within = (unit: string, scope: string) => unit === scope || unit.startsWith(`${scope}.`);

export interface PeriodRow { month: Month; org_unit_id: string; suspected: number; checked: number; confirmed: number; flagged: number; back_billing: string; penalty: string }
interface NowRow { org_unit_id: string; overdue: number; tier1: number; tier2: number; tier3: number; on_review: number }

/** Period figures by month: the selected unit's (inside the caller's scope), and each child's. */
export interface PeriodFigures {
  total: PeriodRow[];
  byChild: Map<string, PeriodRow[]>;
}

/** Where the period figures come from: the aggregate (below), or the per-request SQL it replaced (the tests' reference). */
export type PeriodSource = (db: Queryable, q: DashboardQuery, children: string[]) => Promise<PeriodFigures>;

/**
 * The aggregate holds every unit's whole subtree, so the rows counted are those of the selected unit, or of the
 * caller's unit when that lies inside it; a child inside that counts its own rows, a child containing it that
 * unit's rows.
 */
export const aggregatePeriod: PeriodSource = async (db, q, children) => {
  const counted = within(q.unit, q.scope) ? q.unit : within(q.scope, q.unit) ? q.scope : null;
  if (!counted) return { total: [], byChild: new Map() };
  const source = new Map(children.map((c) => [c, within(c, counted) ? c : within(counted, c) ? counted : null] as const));
  const ids = [...new Set([counted, ...[...source.values()].filter((s): s is string => s !== null)])];
  const r = await db.query<PeriodRow>(
    `select org_unit_id, to_char(month, 'YYYY-MM') as month, sum(suspected)::int as suspected, sum(checked)::int as checked,
            sum(confirmed)::int as confirmed, sum(flagged)::int as flagged, sum(back_billing)::text as back_billing, sum(penalty)::text as penalty
       from case_stats_monthly
      where org_unit_id = any($1::text[]) and month >= ($2 || '-01')::date and month <= ($3 || '-01')::date
      group by 1, 2`,
    [ids, q.from, q.to],
  );
  const rowsOf = (id: string | null) => (id === null ? [] : r.rows.filter((row) => row.org_unit_id === id));
  return { total: rowsOf(counted), byChild: new Map(children.map((c) => [c, rowsOf(source.get(c) ?? null)])) };
};

/** Overdue steps, open escalations and cases on review per case unit, as of now. */
async function nowRows(db: Queryable, params: unknown[]): Promise<NowRow[]> {
  const r = await db.query<NowRow>(
    // all from small sets: cases past their deadline (partial index on deadline_at), open escalations (partial index)
    // and cases on review (partial index on review_pending)
    `select org_unit_id, sum(overdue)::int as overdue, sum(tier1)::int as tier1, sum(tier2)::int as tier2, sum(tier3)::int as tier3,
            sum(on_review)::int as on_review
       from (
         select c.org_unit_id, 1 as overdue, 0 as tier1, 0 as tier2, 0 as tier3, 0 as on_review from cases c
          where c.deadline_at < now() and (c.org_unit_id = $1 or c.org_unit_id like $2) and (c.org_unit_id = $3 or c.org_unit_id like $4)
         union all
         select c.org_unit_id, 0, (e.tier = 1)::int, (e.tier = 2)::int, (e.tier = 3)::int, 0
           from escalations e join cases c on c.id = e.case_id
          where e.resolved_at is null and (c.org_unit_id = $1 or c.org_unit_id like $2) and (c.org_unit_id = $3 or c.org_unit_id like $4)
         union all
         select c.org_unit_id, 0, 0, 0, 0, 1 from cases c
          where c.review_pending and c.stage not in ('closed', 'dismissed', 'cancelled')
            and (c.org_unit_id = $1 or c.org_unit_id like $2) and (c.org_unit_id = $3 or c.org_unit_id like $4)
       ) x
      group by org_unit_id`,
    params.slice(0, 4),
  );
  return r.rows;
}

export async function orgUnitRef(db: Queryable, id: string): Promise<OrgUnitRef | null> {
  const r = await db.query<OrgUnitRef>('select id, name_zh as "nameZh", name_en as "nameEn", level from org_units where id = $1', [id]);
  return r.rows[0] ?? null;
}

function emptyFigures(): Figures {
  return {
    suspected: 0, checkedOnSite: 0, confirmed: 0, confirmationRate: null,
    recovered: { backBillingYuan: 0, penaltyYuan: 0, totalYuan: 0 }, overdueSteps: 0, openEscalations: { tier1: 0, tier2: 0, tier3: 0, total: 0 },
    presenceReview: { pending: 0, flagged: 0 },
  };
}

function addPeriod(f: Figures, r: PeriodRow): void {
  f.suspected += r.suspected;
  f.checkedOnSite += r.checked;
  f.confirmed += r.confirmed;
  f.recovered.backBillingYuan += Number(r.back_billing);
  f.recovered.penaltyYuan += Number(r.penalty);
  f.presenceReview.flagged += r.flagged;
}

function addNow(f: Figures, r: NowRow): void {
  f.overdueSteps += r.overdue;
  f.openEscalations.tier1 += r.tier1;
  f.openEscalations.tier2 += r.tier2;
  f.openEscalations.tier3 += r.tier3;
  f.presenceReview.pending += r.on_review;
}

function finish<T extends Figures>(f: T): T {
  f.confirmationRate = f.checkedOnSite > 0 ? Math.round((f.confirmed / f.checkedOnSite) * 10_000) / 10_000 : null;
  f.recovered.backBillingYuan = round2(f.recovered.backBillingYuan);
  f.recovered.penaltyYuan = round2(f.recovered.penaltyYuan);
  f.recovered.totalYuan = round2(f.recovered.backBillingYuan + f.recovered.penaltyYuan);
  const e = f.openEscalations;
  e.total = e.tier1 + e.tier2 + e.tier3;
  return f;
}

/** The selected unit's figures, monthly trend and per-child breakdown. Null when the unit does not exist. */
export async function dashboardStats(db: Queryable, q: DashboardQuery, periodSource: PeriodSource = aggregatePeriod): Promise<DashboardStats | null> {
  const unit = await orgUnitRef(db, q.unit);
  if (!unit) return null;
  const params = [q.unit, subtreePattern(q.unit), q.scope, subtreePattern(q.scope)];
  const [current, children, path] = await Promise.all([
    nowRows(db, params),
    db.query<OrgUnitRef>('select id, name_zh as "nameZh", name_en as "nameEn", level from org_units where parent_id = $1 order by id', [q.unit]),
    // ancestors of the unit that lie inside the caller's scope, outermost first
    db.query<OrgUnitRef>(
      `select id, name_zh as "nameZh", name_en as "nameEn", level from org_units
        where ${withinSql('$1', 'id')} and (id = $2 or id like $3) order by length(id)`,
      [q.unit, q.scope, subtreePattern(q.scope)],
    ),
  ]);
  const period = await periodSource(db, q, children.rows.map((c) => c.id));

  const figures = emptyFigures();
  const months = periodMonths(q.from, q.to);
  const trend = new Map<Month, TrendPoint>(months.map((month) => [month, { month, suspected: 0, checkedOnSite: 0, confirmed: 0, recoveredYuan: 0 }]));
  const units = children.rows.map((c) => ({ ...c, ...emptyFigures() }));
  const childOf = (orgUnit: string) => units.find((u) => within(orgUnit, u.id));

  for (const r of period.total) {
    addPeriod(figures, r);
    const t = trend.get(r.month);
    if (t) {
      t.suspected += r.suspected;
      t.checkedOnSite += r.checked;
      t.confirmed += r.confirmed;
      t.recoveredYuan += Number(r.back_billing) + Number(r.penalty);
    }
  }
  for (const u of units) for (const r of period.byChild.get(u.id) ?? []) addPeriod(u, r);
  for (const r of current) {
    addNow(figures, r);
    const child = childOf(r.org_unit_id);
    if (child) addNow(child, r);
  }
  return {
    unit,
    path: path.rows,
    period: { from: q.from, to: q.to },
    asOf: new Date().toISOString(),
    figures: finish(figures),
    trend: [...trend.values()].map((t) => ({ ...t, recoveredYuan: round2(t.recoveredYuan) })),
    units: units.map(finish),
  };
}
