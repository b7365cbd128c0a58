import { firstDay } from '../domain/billingMonths';
import type { AreaType } from '../domain/lineLossRules';
import type { Queryable } from './pool';

/**
 * The data behind a flag's chart (#21 item 4): the peer group's level per month and the customer's station area's
 * loss per month, over the months a flag names. The peer group is the judgement's (domain/judgementRules.ts): every
 * customer of the same station and tariff category, the customer included; its average is what the rules compare
 * with (Σ billed / customers billed), its median what a person reads best beside one customer's bars.
 */

export interface PeerMonth {
  month: string;
  /** Customers of the group billed in the month. */
  customers: number;
  medianKwh: number | null;
  avgKwh: number | null;
}

const monthOf = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 7) : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`);

/** The group's median and average kWh per billed month from..to (months nobody was billed are absent). */
export async function peerMonths(db: Queryable, stationId: string, tariffCategory: string, from: string, to: string): Promise<PeerMonth[]> {
  const r = await db.query<{ month: string; customers: number; median: number | null; avg: number | null }>(
    `select to_char(mc.month, 'YYYY-MM') as month, count(*)::int as customers,
            round((percentile_cont(0.5) within group (order by mc.kwh))::numeric, 2) as median, round(avg(mc.kwh), 2) as avg
       from customers c join monthly_consumption mc on mc.account_no = c.account_no
      where c.station_id = $1 and c.tariff_category = $2 and mc.month between $3::date and $4::date
      group by mc.month order by mc.month`,
    [stationId, tariffCategory, firstDay(from), firstDay(to)],
  );
  return r.rows.map((x) => ({ month: monthOf(x.month), customers: x.customers, medianKwh: x.median, avgKwh: x.avg }));
}

export interface AreaMonth {
  month: string;
  /** The area meter's supplied energy; null: not imported for the month. */
  suppliedKwh: number | null;
  billedKwh: number;
}

export interface AreaSeries {
  areaId: string;
  name: string;
  areaType: AreaType;
  months: AreaMonth[];
}

/**
 * An area's supplied and billed energy per month from..to (every month of the range, billed 0 when nobody was), the
 * same sums as the line-loss rule's area pass (db/lineLossSql.ts areaFactsCte), month by month.
 */
export async function areaMonths(db: Queryable, areaId: string, from: string, to: string): Promise<AreaSeries | null> {
  const a = await db.query<{ id: string; name: string; area_type: AreaType }>('select id, name, area_type from station_areas where id = $1', [areaId]);
  const area = a.rows[0];
  if (!area) return null;
  const r = await db.query<{ month: string; supplied: number | null; billed: number }>(
    `select to_char(g.m, 'YYYY-MM') as month, s.supplied_kwh as supplied,
            coalesce((select sum(mc.kwh) from customers ca join monthly_consumption mc on mc.account_no = ca.account_no
                       where ca.area_id = $1 and mc.month = g.m::date), 0) as billed
       from generate_series($2::date, $3::date, interval '1 month') g(m)
       left join area_supply s on s.area_id = $1 and s.month = g.m::date
      order by g.m`,
    [areaId, firstDay(from), firstDay(to)],
  );
  return { areaId: area.id, name: area.name, areaType: area.area_type, months: r.rows.map((x) => ({ month: x.month, suppliedKwh: x.supplied, billedKwh: x.billed })) };
}
