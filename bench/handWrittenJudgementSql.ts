import { addDays, addMonths, chinaMidnight, firstDay, lastDay } from '../domain/billingMonths';

/**
 * The floor for bench:judgement: the default rule set (domain/defaultJudgementRules.ts) written by hand as one
 * query, the way one would without a rules engine — constants inlined, one conditional aggregate per feature, the
 * onset search of the drop rule spelled out once per candidate onset. Keep it in step with the default rules; the
 * bench checks both select the same customers.
 */
export function handWrittenJudgementSql(asOfMonth: string, scopeRoot: string): string {
  const m = (k: number) => `date '${firstDay(addMonths(asOfMonth, -k))}'`;
  const through = lastDay(asOfMonth);
  const eventsTo = chinaMidnight(addDays(through, 1));
  const eventsFrom = chinaMidnight(addDays(through, 1 - 90));
  const ks = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
  // THEFT_DROP: the customer's share of its peers' consumption, month by month
  const x = (k: number) => `(b.m${k} * 100)::bigint::float8 / nullif(p.p${k}, 0)::float8`;
  const sumX = (from: number, n: number) => `(${ks(from, n).map(x).join(' + ')})`;
  // the same months a year earlier billed: the year-over-year check applies (and the off-season one does not)
  const yoyAvailable = `(b.m12 is not null and b.m13 is not null and b.m14 is not null and p.p12 > 0 and p.p13 > 0 and p.p14 > 0)`;
  // the mean share of the two months with the lowest peer average per billed customer
  const mildest = (from: number, to: number) => `(select sum(v.x order by v.l, v.k) / count(*)::float8 from (select v.l, v.k, v.x from (values ${ks(from, to - from).map((k) => `(p.p${k}::float8 / nullif(p.n${k}, 0)::float8, ${k}, ${x(k)})`).join(', ')}) v(l, k, x) where v.x is not null order by v.l, v.k limit 2) v)`;
  const onset = (s: number) => {
    const level = `(${sumX(s, 3)} / 3)`;
    // the clean step: the highest month since the onset at most the lowest of the baseline and the rest of the year
    const step = `greatest(${ks(0, s).map(x).join(', ')}) <= 1::float8 * least(${ks(s, Math.max(s + 3, 12) - s).map(x).join(', ')})`;
    const noZero = ks(0, s).map((k) => `b.m${k} <> 0`).join(' and ');
    const offSeason = `(${yoyAvailable} or ${mildest(0, s)} <= 0.7::float8 * ${mildest(s, Math.max(s + 3, 12))})`;
    return `coalesce((b.m${s} + b.m${s + 1} + b.m${s + 2}) >= 90 and ${sumX(0, s)} / ${s} <= 0.7::float8 * ${level}${ks(0, s).map((k) => ` and ${x(k)} <= 0.8::float8 * ${level}`).join('')} and ${step} and ${noZero} and ${offSeason}, false)`;
  };
  return `
with bills as (
  select account_no,
         sum(kwh) filter (where month >= ${m(11)}) as kwh12, max(kwh) filter (where month >= ${m(11)}) as peak12, min(kwh) filter (where month >= ${m(11)}) as low12, count(*) filter (where month >= ${m(11)}) as n12,
         sum(kwh) filter (where month between ${m(11)} and ${m(2)}) as kwh_prior,
         ${ks(0, 15).map((k) => `max(kwh) filter (where month = ${m(k)}) as m${k}`).join(', ')}
    from monthly_consumption
   where month between ${m(14)} and ${m(0)}
   group by account_no
),
peers as (
  select c.station_id, c.tariff_category,
         ${ks(0, 15).map((k) => `coalesce(sum((b.m${k} * 100)::bigint), 0) as p${k}`).join(', ')},
         ${ks(0, 12).map((k) => `coalesce(sum((b.m${k} is not null)::int), 0) as n${k}`).join(', ')},
         coalesce(sum((b.kwh12 * 100)::bigint), 0) as p_year, coalesce(sum(b.n12), 0) as n_year,
         coalesce(sum((coalesce(b.m0, 0) * 100)::bigint + (coalesce(b.m1, 0) * 100)::bigint), 0) as p_zero, coalesce(sum((b.m0 is not null)::int + (b.m1 is not null)::int), 0) as n_zero,
         coalesce(sum((b.kwh_prior * 100)::bigint), 0) as p_prior, coalesce(sum(b.n12 - (b.m0 is not null)::int - (b.m1 is not null)::int), 0) as n_prior
    from customers c join bills b on b.account_no = c.account_no
   group by c.station_id, c.tariff_category
),
days as (
  select account_no, max(day_kwh) as max_day, min(day_kwh) as min_day, count(*) as n_days from daily_readings
   where reading_date > date '${addDays(through, -30)}' and reading_date <= date '${through}' group by account_no
),
areas as (
  select a.id, a.area_type, (max(s.supplied_kwh) * 100)::bigint as supplied, coalesce((sum(mc.kwh) * 100)::bigint, 0) as billed
    from station_areas a
    left join area_supply s on s.area_id = a.id and s.month = ${m(0)}
    left join customers ca on ca.area_id = a.id
    left join monthly_consumption mc on mc.account_no = ca.account_no and mc.month = ${m(0)}
   group by a.id, a.area_type
),
loss as (
  select me.account_no, coalesce('a:' || c.area_id, 'g:' || c.grid_id, 's:' || c.station_id) as unit, (me.occurred_at at time zone 'Asia/Shanghai')::date as day, count(*) as k
    from meter_events me join customers c on c.account_no = me.account_no
   where me.kind = 'power_loss' and me.occurred_at >= '${eventsFrom}' and me.occurred_at < '${eventsTo}' group by 1, 2, 3
),
unit_meters as (
  select coalesce('a:' || area_id, 'g:' || grid_id, 's:' || station_id) as unit, count(*) filter (where status <> 'closed') as meters from customers group by 1
),
outage_days as (
  select l.unit, l.day from loss l join unit_meters u on u.unit = l.unit
   group by l.unit, l.day, u.meters having count(*) >= 3 and count(*)::float8 >= 0.1::float8 * u.meters::float8
),
own_loss as (
  select l.account_no, sum(l.k) as n from loss l
   where not exists (select 1 from outage_days o where o.unit = l.unit and o.day = l.day) group by l.account_no
),
-- METER_TAMPER: tamper and cover-open events, less those within 3 China days of a completed metering work order
events as (
  select me.account_no, count(*) as n from meter_events me
   where me.kind in ('tamper', 'cover_open') and me.occurred_at >= '${eventsFrom}' and me.occurred_at < '${eventsTo}'
     and not exists (select 1 from metering_work_orders w
                      where w.account_no = me.account_no and w.status = 'completed'
                        and abs((me.occurred_at at time zone 'Asia/Shanghai')::date - (w.done_at at time zone 'Asia/Shanghai')::date) <= 3)
   group by me.account_no
),
flags as (
  select c.account_no,
         coalesce(c.tariff_category = 'residential' and not c.whitelist and b.n12 = 12 and b.kwh12 >= 380 * 12 and b.peak12 * 12 <= 1.4 * b.kwh12 and b.low12 * 12 >= 0.8 * b.kwh12, false) as tariff_misuse,
         coalesce(c.tariff_category = 'residential' and not c.whitelist and b.n12 = 12 and b.kwh12 >= 450 * 12 and b.peak12 * 12 <= 1.4 * b.kwh12
                  and (b.kwh12 * 100)::bigint::float8 / 12 >= 2.5 * (p.p_year::float8 / nullif(p.n_year, 0)), false) as tariff_misuse_peer,
         coalesce(c.status = 'active' and b.m0 is not null and b.m1 is not null and b.m2 is not null and b.m0 + b.m1 + b.m2 > 0
                  and (case when b.m12 is not null and b.m13 is not null and b.m14 is not null and p.p12 > 0 and p.p13 > 0 and p.p14 > 0
                            then coalesce(${sumX(0, 3)} <= 0.75::float8 * ${sumX(12, 3)}, false) else true end)
                  and not coalesce(d.n_days = 30 and d.min_day > 0 and d.max_day <= 2 * d.min_day and d.max_day <= 3, false)
                  and (${ks(3, 7).map(onset).join('\n                       or ')}), false) as theft,
         coalesce(c.status = 'active' and b.m0 = 0 and b.m1 = 0 and coalesce(b.kwh_prior, 0) >= 10 * 10
                  and p.n_zero > 0 and p.n_prior > 0 and p.p_zero::float8 / p.n_zero >= 0.3::float8 * (p.p_prior::float8 / p.n_prior), false) as zero_active,
         coalesce(30 - coalesce(d.n_days, 0) >= 7, false) or coalesce(ol.n >= 1, false) as zero_signals,
         coalesce(c.status = 'active' and a.supplied > 0
                  and ((a.supplied - a.billed)::float8 / a.supplied::float8 > (case a.area_type when 'urban' then 0.08 when 'town' then 0.1 when 'rural' then 0.12 end)::float8 or a.supplied - a.billed < 0)
                  and b.m0 is not null and b.m1 is not null and b.m2 is not null and b.m3 is not null
                  and ((b.m1 * 100)::bigint + (b.m2 * 100)::bigint + (b.m3 * 100)::bigint) >= 9000
                  and ((b.m0 * 100)::bigint * 3)::float8 <= 0.7::float8 * ((b.m1 * 100)::bigint + (b.m2 * 100)::bigint + (b.m3 * 100)::bigint)::float8
                  -- net of the peers' change over the same months
                  and p.p0 > 0 and (p.p1 + p.p2 + p.p3) > 0
                  and (b.m0 * 100)::bigint::float8 * (p.p1 + p.p2 + p.p3)::float8
                      <= 0.7::float8 * ((b.m1 * 100)::bigint + (b.m2 * 100)::bigint + (b.m3 * 100)::bigint)::float8 * p.p0::float8, false) as area_line_loss,
         coalesce(c.contract_capacity_kva > 0 and d.max_day >= c.contract_capacity_kva * 24 * 0.7, false) as over_capacity,
         coalesce(c.tariff_category = 'residential' and c.whitelist and b.n12 = 12 and b.kwh12 >= 600 * 12
                  and (b.kwh12 * 100)::bigint::float8 / 12 >= 4 * (p.p_year::float8 / nullif(p.n_year, 0)), false) as whitelist_large,
         coalesce(c.tariff_category = 'residential' and c.whitelist and b.n12 = 12 and b.kwh12 >= 600 * 12 and b.peak12 * 12 <= 1.4 * b.kwh12, false) as whitelist_flat,
         coalesce(e.n >= 1, false) as meter_tamper
    from customers c
    left join bills b on b.account_no = c.account_no
    left join peers p on p.station_id = c.station_id and p.tariff_category = c.tariff_category
    left join days d on d.account_no = c.account_no
    left join events e on e.account_no = c.account_no
    left join own_loss ol on ol.account_no = c.account_no
    left join areas a on a.id = c.area_id
   where c.station_id like '${scopeRoot}.%'
)
select account_no, score, reasons from (
  select account_no,
         least(100, 60 * tariff_misuse::int + 60 * tariff_misuse_peer::int + 70 * theft::int + 45 * zero_active::int + 25 * (zero_active and zero_signals)::int + 50 * over_capacity::int
                    + 50 * whitelist_large::int + 50 * whitelist_flat::int + 60 * meter_tamper::int + 50 * area_line_loss::int) as score,
         array_remove(array[case when tariff_misuse then 'TARIFF_MISUSE' end, case when tariff_misuse_peer then 'TARIFF_MISUSE_PEER' end, case when theft then 'THEFT_DROP' end, case when zero_active then 'ZERO_ACTIVE' end,
                            case when zero_active and zero_signals then 'ZERO_SIGNALS' end, case when over_capacity then 'OVER_CAPACITY' end,
                            case when whitelist_large then 'WHITELIST_LARGE' end, case when whitelist_flat then 'WHITELIST_FLAT' end, case when meter_tamper then 'METER_TAMPER' end, case when area_line_loss then 'AREA_LINE_LOSS' end], null) as reasons
    from flags
) x
where score >= 40
order by score desc, account_no`;
}
