import { firstDay } from '../domain/billingMonths';
import { AREA_TYPES, lineLossReasonParams, lossRate, type AreaFacts, type AreaLineLossParams, type AreaType, type LineLossReasonParams, type PreparedAreaLineLoss } from '../domain/lineLossRules';
import type { Queryable } from './pool';

/**
 * Station-area line loss (台区线损) in SQL: the area facts of the as-of month as one pass over the areas (joined to the
 * customers by their area), and the rule as the same comparisons `areaLineLossFires` makes (domain/lineLossRules.ts),
 * over 0.01-kWh integers and the doubles `prepareAreaLineLoss` computed. Hooked into db/judgementSql.ts.
 */

interface Bind { bind(v: unknown, cast: string): string }
interface Amount { f: string; m: string }
interface Bills { sum(from: number, n: number): Amount; count(from: number, n: number): string; peer(amount: Amount): string }

const int = (n: number) => {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${n}`);
  return String(n);
};

/** The area pass: per area, its type, the supplied and the billed 0.01 kWh of the month (la_s null: no supply imported). */
export function areaFactsCte(asOfMonth: string, b: Bind): string {
  const m = b.bind(firstDay(asOfMonth), 'date');
  return `la as (
    select a.id as la_id, a.area_type as la_t, (max(s.supplied_kwh) * 100)::bigint as la_s, coalesce((sum(mc.kwh) * 100)::bigint, 0) as la_b
      from station_areas a
      left join area_supply s on s.area_id = a.id and s.month = ${m}
      left join customers ca on ca.area_id = a.id
      left join monthly_consumption mc on mc.account_no = ca.account_no and mc.month = ${m}
     group by a.id, a.area_type)`;
}
/** Columns the f step of the population query carries, and its join. */
export const AREA_F_COLUMNS = ', la.la_t, la.la_s, la.la_b';
export const AREA_F_JOIN = 'left join la on la.la_id = c.area_id';

export function areaLineLossSql(r: PreparedAreaLineLoss, b: Bind, bills: Bills): string {
  const B = r.baselineMonths;
  const [nowAmount, baseAmount] = [bills.sum(0, 1), bills.sum(1, B)];
  const [now, base] = [nowAmount.f, baseAmount.f];
  const upper = `(case f.la_t ${AREA_TYPES.map((t) => `when '${t}' then ${b.bind(r.upper[t], 'float8')}`).join(' ')} end)`;
  const abnormal = `((f.la_s - f.la_b)::float8 / f.la_s::float8 > ${upper}${r.negativeAbnormal ? ' or f.la_s - f.la_b < 0' : ''})`;
  const parts = [
    `f.status = any(${b.bind(r.statuses, 'text[]')})`,
    'f.la_s > 0',
    abnormal,
    `${bills.count(0, 1)} = 1`,
    `${bills.count(1, B)} = ${int(B)}`,
    `${base}::float8 >= ${b.bind(r.minBase, 'float8')}`,
    `${base} > 0`,
    `(${now} * ${int(B)})::float8 <= ${b.bind(r.keep, 'float8')} * ${base}::float8`,
  ];
  if (r.netOfPeers) {
    // customerDropped's net-of-peers comparison: now × peer base ≤ keep × base × peer now, as doubles
    const [peerNow, peerBase] = [bills.peer(nowAmount), bills.peer(baseAmount)];
    parts.push(`${peerNow} > 0`, `${peerBase} > 0`, `${now}::float8 * ${peerBase}::float8 <= ${b.bind(r.keep, 'float8')} * ${base}::float8 * ${peerNow}::float8`);
  }
  return `coalesce((${parts.join(' and ')}), false)`;
}

/** One area's facts in a month, for the per-customer path (the built-in connector). */
export async function areaFactsOf(db: Queryable, areaId: string, month: string): Promise<(AreaFacts & { areaName: string }) | null> {
  const r = await db.query<{ id: string; name: string; area_type: AreaType; supplied: string | null; billed: string }>(
    `select a.id, a.name, a.area_type, (select (s.supplied_kwh * 100)::bigint from area_supply s where s.area_id = a.id and s.month = $2::date)::text as supplied,
            coalesce((select (sum(mc.kwh) * 100)::bigint from customers ca join monthly_consumption mc on mc.account_no = ca.account_no
                       where ca.area_id = a.id and mc.month = $2::date), 0)::text as billed
       from station_areas a where a.id = $1`,
    [areaId, firstDay(month)],
  );
  const a = r.rows[0];
  if (!a) return null;
  return { areaId: a.id, areaName: a.name, areaType: a.area_type, suppliedCenti: a.supplied === null ? null : Number(a.supplied), billedCenti: Number(a.billed) };
}

/**
 * The params of the line-loss reasons of some customers (area, month, loss rate against the norm, the customer's
 * drop): what a stored judgement and a preview show with the code.
 */
export async function lineLossDetails(db: Queryable, params: AreaLineLossParams, asOfMonth: string, accounts: string[]): Promise<Map<string, LineLossReasonParams>> {
  if (!accounts.length) return new Map();
  const months = Array.from({ length: params.baselineMonths + 1 }, (_, k) => k);
  const r = await db.query<{ account_no: string; area_id: string; name: string; area_type: AreaType; supplied: string | null; billed: string; bills: (string | null)[]; peers: string[] | null }>(
    `with la as (
       select a.id, a.name, a.area_type, (max(s.supplied_kwh) * 100)::bigint as supplied, coalesce((sum(mc.kwh) * 100)::bigint, 0) as billed
         from station_areas a
         left join area_supply s on s.area_id = a.id and s.month = $2::date
         left join customers ca on ca.area_id = a.id
         left join monthly_consumption mc on mc.account_no = ca.account_no and mc.month = $2::date
        where a.id in (select area_id from customers where account_no = any($1))
        group by a.id, a.name, a.area_type)${params.netOfPeers ? `,
     -- the peer groups' totals of the same months (station and tariff), once per group, for a drop netted of them
     pg as (
       select g.station_id, g.tariff_category, k, coalesce((sum(pm.kwh) * 100)::bigint, 0) as total
         from (select distinct station_id, tariff_category from customers where account_no = any($1)) g
        cross join unnest($3::int[]) k
         left join (customers pc join monthly_consumption pm on pm.account_no = pc.account_no)
           on pc.station_id = g.station_id and pc.tariff_category = g.tariff_category and pm.month = ($2::date - make_interval(months => k))::date
        group by g.station_id, g.tariff_category, k)` : ''}
     select c.account_no, la.id as area_id, la.name, la.area_type, la.supplied::text as supplied, la.billed::text as billed,
            array(select (mc.kwh * 100)::bigint::text from unnest($3::int[]) k
                    left join monthly_consumption mc on mc.account_no = c.account_no and mc.month = ($2::date - make_interval(months => k))::date
                   order by k) as bills,
            ${params.netOfPeers ? 'array(select pg.total::text from pg where pg.station_id = c.station_id and pg.tariff_category = c.tariff_category order by pg.k)' : 'null::text[]'} as peers
       from customers c join la on la.id = c.area_id
      where c.account_no = any($1)`,
    [accounts, firstDay(asOfMonth), months],
  );
  return new Map(r.rows.map((x) => [x.account_no, lineLossReasonParams(params, asOfMonth, {
    areaId: x.area_id, areaName: x.name, areaType: x.area_type, suppliedCenti: x.supplied === null ? null : Number(x.supplied), billedCenti: Number(x.billed),
  }, x.bills.map((v) => (v === null ? null : Number(v))), (x.peers ?? []).map(Number))]));
}

export interface AreaLoss {
  areaId: string; name: string; stationId: string; areaType: AreaType; month: string;
  suppliedKwh: number | null; billedKwh: number; lossRate: number | null; customers: number;
}

/** Every area of a station subtree in a month with its loss rate (the area list of the back office and the tests). */
export async function areaLossRates(db: Queryable, scope: string, month: string): Promise<AreaLoss[]> {
  const r = await db.query<{ id: string; name: string; station_id: string; area_type: AreaType; supplied: string | null; billed: string; customers: number }>(
    `select a.id, a.name, a.station_id, a.area_type, (max(s.supplied_kwh) * 100)::bigint::text as supplied,
            coalesce((sum(mc.kwh) * 100)::bigint, 0)::text as billed, count(distinct ca.account_no)::int as customers
       from station_areas a
       left join area_supply s on s.area_id = a.id and s.month = $2::date
       left join customers ca on ca.area_id = a.id
       left join monthly_consumption mc on mc.account_no = ca.account_no and mc.month = $2::date
      where a.station_id = $1 or a.station_id like $1 || '.%'
      group by a.id order by a.id`,
    [scope, firstDay(month)],
  );
  return r.rows.map((x) => {
    const supplied = x.supplied === null ? null : Number(x.supplied);
    const rate = lossRate(supplied, Number(x.billed));
    return {
      areaId: x.id, name: x.name, stationId: x.station_id, areaType: x.area_type, month, suppliedKwh: supplied === null ? null : supplied / 100,
      billedKwh: Number(x.billed) / 100, lossRate: rate === null ? null : Math.round(rate * 1e4) / 1e4, customers: x.customers,
    };
  });
}
