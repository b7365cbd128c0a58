import { addDays, addMonths, chinaMidnight, firstDay, lastDay } from '../domain/billingMonths';

/**
 * The floor for bench:judgement: the default rule set (domain/defaultJudgementRules.ts) written by hand as one
 * query, the way one would without a rules engine — constants inlined, kWh summed as numeric, one conditional
 * aggregate per feature. Keep it in step with the default rules; the bench checks both select the same customers.
 */
export function handWrittenJudgementSql(asOfMonth: string, scopeRoot: string): string {
  const m = (k: number) => `date '${firstDay(addMonths(asOfMonth, -k))}'`;
  const through = lastDay(asOfMonth);
  const eventsTo = chinaMidnight(addDays(through, 1));
  const eventsFrom = chinaMidnight(addDays(through, 1 - 90));
  return `
with bills as (
  select account_no,
         sum(kwh) filter (where month >= ${m(11)}) as kwh12, max(kwh) filter (where month >= ${m(11)}) as peak12, count(*) filter (where month >= ${m(11)}) as n12,
         sum(kwh) filter (where month >= ${m(2)}) as kwh3, count(*) filter (where month >= ${m(2)}) as n3,
         max(kwh) filter (where month = ${m(0)}) as m0, max(kwh) filter (where month = ${m(1)}) as m1, max(kwh) filter (where month = ${m(2)}) as m2,
         max(kwh) filter (where month = ${m(12)}) as y0, max(kwh) filter (where month = ${m(13)}) as y1, max(kwh) filter (where month = ${m(14)}) as y2
    from monthly_consumption
   where month between ${m(14)} and ${m(0)}
   group by account_no
),
peers as (
  select c.station_id, c.tariff_category, sum(coalesce(b.m0, 0) + coalesce(b.m1, 0) + coalesce(b.m2, 0)) as recent, sum(coalesce(b.y0, 0) + coalesce(b.y1, 0) + coalesce(b.y2, 0)) as year_before
    from customers c join bills b on b.account_no = c.account_no
   group by c.station_id, c.tariff_category
),
days as (
  select account_no, max(day_kwh) as max_day from daily_readings
   where reading_date > date '${addDays(through, -30)}' and reading_date <= date '${through}' group by account_no
),
events as (
  select account_no, count(*) as n from meter_events
   where kind in ('tamper', 'cover_open', 'reverse_flow') and occurred_at >= '${eventsFrom}' and occurred_at < '${eventsTo}' group by account_no
),
flags as (
  select c.account_no,
         coalesce(c.tariff_category = 'residential' and not c.whitelist and b.n12 = 12 and b.kwh12 >= 450 * 12 and b.peak12 * 12 <= 1.4 * b.kwh12, false) as tariff_misuse,
         coalesce(c.status = 'active' and b.m0 <= 0.5 * b.y0 and b.m1 <= 0.5 * b.y1 and b.m2 <= 0.5 * b.y2
                  and b.m0 + b.m1 + b.m2 > 0 and b.y0 + b.y1 + b.y2 >= 60 * 3 and p.year_before > 0
                  and (b.m0 + b.m1 + b.m2) / (b.y0 + b.y1 + b.y2) <= 0.6 * (p.recent / p.year_before), false) as theft,
         coalesce(c.status = 'active' and b.n3 = 3 and b.kwh3 = 0, false) as zero_active,
         coalesce(c.contract_capacity_kva > 0 and d.max_day >= c.contract_capacity_kva * 24 * 0.9, false) as over_capacity,
         coalesce(c.tariff_category = 'residential' and c.whitelist and b.n3 = 3 and b.kwh3 >= 900 * 3, false) as whitelist_large,
         coalesce(e.n >= 1, false) as meter_tamper
    from customers c
    left join bills b on b.account_no = c.account_no
    left join peers p on p.station_id = c.station_id and p.tariff_category = c.tariff_category
    left join days d on d.account_no = c.account_no
    left join events e on e.account_no = c.account_no
   where c.station_id like '${scopeRoot}.%'
)
select account_no, score, reasons from (
  select account_no,
         least(100, 60 * tariff_misuse::int + 70 * theft::int + 45 * zero_active::int + 50 * over_capacity::int + 50 * whitelist_large::int + 60 * meter_tamper::int) as score,
         array_remove(array[case when tariff_misuse then 'TARIFF_MISUSE' end, case when theft then 'THEFT_DROP' end, case when zero_active then 'ZERO_ACTIVE' end,
                            case when over_capacity then 'OVER_CAPACITY' end, case when whitelist_large then 'WHITELIST_LARGE' end, case when meter_tamper then 'METER_TAMPER' end], null) as reasons
    from flags
) x
where score >= 40
order by score desc, account_no`;
}
