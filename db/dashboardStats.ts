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

interface PeriodRow { month: Month; org_unit_id: string; suspected: number; checked: number; confirmed: number; flagged: number; back_billing: string; penalty: string }
interface NowRow { org_unit_id: string; overdue: number; tier1: number; tier2: number; tier3: number; on_review: number }

// $1 unit, $2 unit.%, $3 scope, $4 scope.%, $5 from month, $6 to month
const SCOPED_CASES = `select c.id, c.org_unit_id, c.created_at from cases c
   where (c.org_unit_id = $1 or c.org_unit_id like $2) and (c.org_unit_id = $3 or c.org_unit_id like $4)`;
const PERIOD = `(($5 || '-01')::timestamp at time zone 'Asia/Shanghai')`;
const PERIOD_END = `((($6 || '-01')::date + interval '1 month')::timestamp at time zone 'Asia/Shanghai')`;

/** Period figures per Beijing-time month and per case unit (station). */
async function periodRows(db: Queryable, params: unknown[]): Promise<PeriodRow[]> {
  const r = await db.query<PeriodRow>(
    `with scoped as (${SCOPED_CASES}),
     -- verifications passed in the period, and the amounts of their cases' rectification orders (one order per case)
     passed as (
       select e.case_id, s.org_unit_id, e.occurred_at, (e.payload->>'confirmedCollectedYuan')::numeric as confirmed
         from case_events e join scoped s on s.id = e.case_id
        where e.type = 'verified' and e.payload->>'outcome' = 'pass' and e.occurred_at >= ${PERIOD} and e.occurred_at < ${PERIOD_END}
     ),
     amounts as (
       select o.case_id, sum((x->>'backBillingYuan')::numeric) as back_billing, sum((x->>'penaltyYuan')::numeric) as penalty
         from case_events o join passed p on p.case_id = o.case_id
         cross join lateral jsonb_array_elements(coalesce(o.payload->'computations', '[]'::jsonb)) x
        where o.type = 'rectification_issued'
        group by o.case_id
     ),
     facts as (
       select s.org_unit_id, s.created_at as at, 1 as suspected, 0 as checked, 0 as confirmed, 0 as flagged, 0::numeric as back_billing, 0::numeric as penalty
         from scoped s where s.created_at >= ${PERIOD} and s.created_at < ${PERIOD_END}
       union all
       -- a visit sent back and done again has findings twice: both count as checked, each weak one as flagged
       select s.org_unit_id, e.occurred_at, 0, 1, (e.payload->>'result' = 'confirmed')::int, (e.payload->'presence'->>'weak' = 'true')::int, 0, 0
         from case_events e join scoped s on s.id = e.case_id
        where e.type = 'findings_submitted' and e.occurred_at >= ${PERIOD} and e.occurred_at < ${PERIOD_END}
       union all
       -- a collected amount the supervisor confirmed (#17) counts instead of the computed one, split in the same
       -- proportion (the penalty's share rounded to the fen, the back-billing the rest)
       select p.org_unit_id, p.occurred_at, 0, 0, 0, 0,
              case when p.confirmed is null or coalesce(a.back_billing + a.penalty, 0) = 0 then coalesce(a.back_billing, 0)
                   else p.confirmed - round(a.penalty * p.confirmed / (a.back_billing + a.penalty), 2) end,
              case when p.confirmed is null or coalesce(a.back_billing + a.penalty, 0) = 0 then coalesce(a.penalty, 0)
                   else round(a.penalty * p.confirmed / (a.back_billing + a.penalty), 2) end
         from passed p left join amounts a on a.case_id = p.case_id
     )
     select to_char(at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, org_unit_id,
            sum(suspected)::int as suspected, sum(checked)::int as checked, sum(confirmed)::int as confirmed, coalesce(sum(flagged), 0)::int as flagged,
            sum(back_billing)::text as back_billing, sum(penalty)::text as penalty
       from facts group by 1, 2`,
    params,
  );
  return r.rows;
}

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

const within = (unit: string, scope: string) => unit === scope || unit.startsWith(`${scope}.`);

/** The selected unit's figures, monthly trend and per-child breakdown. Null when the unit does not exist. */
export async function dashboardStats(db: Queryable, q: DashboardQuery): Promise<DashboardStats | null> {
  const unit = await orgUnitRef(db, q.unit);
  if (!unit) return null;
  const params = [q.unit, subtreePattern(q.unit), q.scope, subtreePattern(q.scope), q.from, q.to];
  const [period, current, children, path] = await Promise.all([
    periodRows(db, params),
    nowRows(db, params),
    db.query<OrgUnitRef>('select id, name_zh as "nameZh", name_en as "nameEn", level from org_units where parent_id = $1 order by id', [q.unit]),
    // ancestors of the unit that lie inside the caller's scope, outermost first
    db.query<OrgUnitRef>(
      `select id, name_zh as "nameZh", name_en as "nameEn", level from org_units
        where ${withinSql('$1', 'id')} and (id = $2 or id like $3) order by length(id)`,
      [q.unit, q.scope, subtreePattern(q.scope)],
    ),
  ]);

  const figures = emptyFigures();
  const months = periodMonths(q.from, q.to);
  const trend = new Map<Month, TrendPoint>(months.map((month) => [month, { month, suspected: 0, checkedOnSite: 0, confirmed: 0, recoveredYuan: 0 }]));
  const units = children.rows.map((c) => ({ ...c, ...emptyFigures() }));
  const childOf = (orgUnit: string) => units.find((u) => within(orgUnit, u.id));

  for (const r of period) {
    addPeriod(figures, r);
    const t = trend.get(r.month);
    if (t) {
      t.suspected += r.suspected;
      t.checkedOnSite += r.checked;
      t.confirmed += r.confirmed;
      t.recoveredYuan += Number(r.back_billing) + Number(r.penalty);
    }
    const child = childOf(r.org_unit_id);
    if (child) addPeriod(child, r);
  }
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
