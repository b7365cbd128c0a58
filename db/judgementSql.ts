import { addDays, firstDay } from '../domain/billingMonths';
import { withinSql } from './orgScope';
import { monthAt, stepEnd, type PreparedRule, type PreparedRuleSet } from '../domain/judgementRules';
import { AREA_F_COLUMNS, AREA_F_JOIN, areaFactsCte, areaLineLossSql } from './lineLossSql';

/**
 * The judgement rules pushed down to SQL over a population, mirroring `evaluateFacts` in domain/judgementRules.ts
 * rule kind by rule kind: same 0.01-kWh integers (bigint), same constants (bound as float8, the doubles
 * `prepareRuleSet` computed), same float8 operations in the same order, so a customer gets the same score and
 * reasons either way. One pass per source table; each rule asks for the window aggregates it needs (shared
 * between rules), computed in that pass. kWh numeric(14,2) is summed as numeric (exact) and only the total is
 * scaled to 0.01 kWh — the same integer as the sum of the scaled values, for a fraction of the work. Missing
 * bills count as 0 in sums and are visible as nulls (not billed), as in `buildFacts`.
 * Table names are unqualified on purpose (the semantics test shadows them with temporary tables).
 */

export interface PopulationQuery {
  /** Org units whose customers are judged; null: every customer. */
  scope: string[] | null;
  /** Only customers scoring at least this (0: everyone). */
  minScore: number;
  limit?: number;
}

/** Query parameters; the same value binds to the same placeholder, so equal expressions are equal text. */
class Binder {
  readonly values: unknown[] = [];
  private readonly seen = new Map<string, string>();
  bind(v: unknown, cast: string): string {
    const key = `${cast}:${JSON.stringify(v)}`;
    let ref = this.seen.get(key);
    if (!ref) {
      this.values.push(v);
      this.seen.set(key, (ref = `$${this.values.length}::${cast}`));
    }
    return ref;
  }
}

/** An amount as two expressions: over the f step (one customer) and over the m pass (to total per peer group). */
interface Amount { f: string; m: string }

/**
 * Aggregates of the bills pass, deduplicated by their SQL. Short windows (≤ SHORT months) are read from one
 * column per month (null = not billed), as one would write them by hand; longer ones get a ranged aggregate.
 */
class BillAggregates {
  static readonly SHORT = 3;
  readonly exprs = new Map<string, string>();
  readonly peers = new Map<string, string>();
  constructor(private readonly p: PreparedRuleSet, private readonly b: Binder) {}
  private col(sql: string): string {
    let a = this.exprs.get(sql);
    if (!a) this.exprs.set(sql, (a = `a${this.exprs.size}`));
    return a;
  }
  private month(k: number): string {
    return this.b.bind(firstDay(monthAt(this.p, k)), 'date');
  }
  /** 0.01 kWh billed for the month at offset k (0 = as-of month); null when not billed. */
  private mon(k: number): string {
    return this.col(`(max(mc.kwh) filter (where mc.month = ${this.month(k)}) * 100)::bigint`);
  }
  private ranged(fn: 'sum' | 'max' | 'min' | 'count', from: number, n: number): string {
    const arg = fn === 'count' ? '*' : 'mc.kwh';
    const scale = fn === 'count' ? '' : ' * 100)::bigint';
    return this.col(`${fn === 'count' ? '' : '('}${fn}(${arg}) filter (where mc.month between ${this.month(from + n - 1)} and ${this.month(from)})${scale}`);
  }
  /** Σ 0.01 kWh over the months at offsets from..from+n-1. */
  sum(from: number, n: number): Amount {
    if (n > BillAggregates.SHORT) {
      const a = this.ranged('sum', from, n);
      return { f: `coalesce(f.${a}, 0)`, m: `coalesce(m.${a}, 0)` };
    }
    const as = range(from, n).map((k) => this.mon(k));
    return { f: `(${as.map((a) => `coalesce(f.${a}, 0)`).join(' + ')})`, m: `(${as.map((a) => `coalesce(m.${a}, 0)`).join(' + ')})` };
  }
  /** The month at offset k as an amount (its peer total is the group's bills of that month). */
  monthAmount(k: number): Amount {
    const a = this.mon(k);
    return { f: `coalesce(f.${a}, 0)`, m: `coalesce(m.${a}, 0)` };
  }
  /** The raw month column (null = not billed). */
  monthCol(k: number): string {
    return `f.${this.mon(k)}`;
  }
  /** Billed months among them, as an amount: summed over the peer group it counts customer-months. */
  countAmount(from: number, n: number): Amount {
    if (n > BillAggregates.SHORT) {
      const a = this.ranged('count', from, n);
      return { f: `coalesce(f.${a}, 0)`, m: `coalesce(m.${a}, 0)` };
    }
    const as = range(from, n).map((k) => this.mon(k));
    return { f: `(${as.map((a) => `(f.${a} is not null)::int`).join(' + ')})`, m: `(${as.map((a) => `(m.${a} is not null)::int`).join(' + ')})` };
  }
  /** Billed months among them. */
  count(from: number, n: number): string {
    if (n > BillAggregates.SHORT) return `coalesce(f.${this.ranged('count', from, n)}, 0)`;
    return `(${range(from, n).map((k) => `(f.${this.mon(k)} is not null)::int`).join(' + ')})`;
  }
  max(from: number, n: number): string {
    if (n > BillAggregates.SHORT) return `coalesce(f.${this.ranged('max', from, n)}, 0)`;
    return `greatest(${range(from, n).map((k) => `coalesce(f.${this.mon(k)}, 0)`).join(', ')})`;
  }
  /** The lowest billed month (callers require every month billed). */
  min(from: number, n: number): string {
    if (n > BillAggregates.SHORT) return `f.${this.ranged('min', from, n)}`;
    return `least(${range(from, n).map((k) => `f.${this.mon(k)}`).join(', ')})`;
  }
  /** The peer group's total of an amount (every customer of the same station and tariff category). */
  peer(amount: Amount): string {
    let a = this.peers.get(amount.m);
    if (!a) this.peers.set(amount.m, (a = `p${this.peers.size}`));
    return `f.${a}`;
  }
}

const int = (n: number) => {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${n}`);
  return String(n);
};
const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

/** `unit` (an SQL expression) lies inside one of the scope units: orgWithin, one comparison pair per unit. */
function within(unit: string, scope: string[], b: Binder): string {
  return `(${scope.map((s) => {
    const id = b.bind(s, 'text');
    return withinSql(unit, id);
  }).join(' or ')})`;
}

function ruleSql(r: PreparedRule, b: Binder, bills: BillAggregates): string {
  switch (r.kind) {
    case 'consumption_level': {
      const W = r.months;
      const parts = [`f.tariff_category = any(${b.bind(r.tariffs, 'text[]')})`];
      if (r.whitelist === 'only') parts.push('f.whitelist');
      if (r.whitelist === 'exclude') parts.push('not f.whitelist');
      parts.push(`${bills.count(0, W)} = ${int(W)}`, `${bills.sum(0, W).f}::float8 >= ${b.bind(r.minSum, 'float8')}`);
      if (r.maxPeak !== null) parts.push(`(${bills.max(0, W)} * ${int(W)})::float8 <= ${b.bind(r.maxPeak, 'float8')} * ${bills.sum(0, W).f}::float8`);
      if (r.minTrough !== null) parts.push(`coalesce((${bills.min(0, W)} * ${int(W)})::float8 >= ${b.bind(r.minTrough, 'float8')} * ${bills.sum(0, W).f}::float8, false)`);
      return `(${parts.join(' and ')})`;
    }
    case 'consumption_drop': {
      const W = r.months;
      const [now, before] = [bills.sum(0, W), bills.sum(12, W)];
      const ratio = b.bind(r.maxOwnRatio, 'float8');
      const parts = [
        `f.status = any(${b.bind(r.statuses, 'text[]')})`,
        `${bills.count(0, W)} = ${int(W)}`,
        `${bills.count(12, W)} = ${int(W)}`,
        ...(r.excludeZero ? [`${now.f} > 0`] : []),
        ...range(0, W).map((k) => `${bills.max(k, 1)}::float8 <= ${ratio} * ${bills.max(k + 12, 1)}::float8`),
        `${before.f}::float8 >= ${b.bind(r.minBase, 'float8')}`,
        `${before.f} > 0`,
        `${bills.peer(before)} > 0`,
        `coalesce(${now.f}::float8 / nullif(${before.f}, 0)::float8 <= ${b.bind(r.maxPeerRelative, 'float8')} * (${bills.peer(now)}::float8 / nullif(${bills.peer(before)}, 0)::float8), false)`,
      ];
      return `(${parts.join(' and ')})`;
    }
    case 'zero_consumption':
      return `(f.status = any(${b.bind(r.statuses, 'text[]')}) and ${bills.count(0, r.months)} = ${int(r.months)} and ${bills.sum(0, r.months).f} = 0)`;
    case 'capacity_exceeded':
      return `coalesce(f.contract_capacity_kva > 0 and f.d${r.index}::float8 >= f.contract_capacity_kva::float8 * ${b.bind(r.k, 'float8')}, false)`;
    case 'meter_events':
      return `(f.e${r.index} >= ${int(r.minCount)})`;
    case 'consumption_trend':
      return trendSql(r, b, bills);
    case 'consumption_norm': {
      const W = r.months;
      const sum = bills.sum(0, W);
      const parts = [`f.tariff_category = any(${b.bind(r.tariffs, 'text[]')})`];
      if (r.whitelist === 'only') parts.push('f.whitelist');
      if (r.whitelist === 'exclude') parts.push('not f.whitelist');
      parts.push(
        `${bills.count(0, W)} = ${int(W)}`,
        `${sum.f}::float8 >= ${b.bind(r.minSum, 'float8')}`,
        `coalesce(${sum.f}::float8 / ${int(W)} >= ${b.bind(r.multiple, 'float8')} * (${bills.peer(sum)}::float8 / nullif(${bills.peer(bills.countAmount(0, W))}, 0)::float8), false)`,
      );
      if (r.maxPeak !== null) parts.push(`(${bills.max(0, W)} * ${int(W)})::float8 <= ${b.bind(r.maxPeak, 'float8')} * ${sum.f}::float8`);
      return `(${parts.join(' and ')})`;
    }
    case 'zero_unexplained':
      return zeroSql(r, b, bills);
    case 'zero_signals': {
      // zeroSignals in domain/judgementRules.ts: readings missing (f.zn: readings in the window) or events (f.e), less
      // the power-loss events of outage days where the rule nets them out (f.o)
      const signals = [
        ...(r.minMissing === null ? [] : [`${int(r.readingDays)} - coalesce(f.zn${r.index}, 0) >= ${int(r.minMissing)}`]),
        ...(r.minEvents === null ? [] : [`f.e${r.index}${r.outage === null ? '' : ` - f.o${r.index}`} >= ${int(r.minEvents)}`]),
      ];
      return `(${zeroSql(r, b, bills)} and ${signals.length ? `(${signals.join(' or ')})` : 'false'})`;
    }
    case 'area_line_loss':
      return areaLineLossSql(r, b, bills);
  }
}

/** The zero_unexplained pattern (zero_signals adds the meter's records to it). */
function zeroSql(r: Extract<PreparedRule, { kind: 'zero_unexplained' | 'zero_signals' }>, b: Binder, bills: BillAggregates): string {
  const [W, P] = [r.months, r.prior];
  const parts = [
    `f.status = any(${b.bind(r.statuses, 'text[]')})`,
    `${bills.count(0, W)} = ${int(W)}`,
    `${bills.sum(0, W).f} = 0`,
    `${bills.sum(W, P).f}::float8 >= ${b.bind(r.minPriorSum, 'float8')}`,
  ];
  if (r.minPeerShare !== null) {
    const [pw, cw, pp, cp] = [bills.peer(bills.sum(0, W)), bills.peer(bills.countAmount(0, W)), bills.peer(bills.sum(W, P)), bills.peer(bills.countAmount(W, P))];
    parts.push(`coalesce(${cw} > 0 and ${cp} > 0 and ${pw}::float8 / nullif(${cw}, 0)::float8 >= ${b.bind(r.minPeerShare, 'float8')} * (${pp}::float8 / nullif(${cp}, 0)::float8), false)`);
  }
  return `(${parts.join(' and ')})`;
}

/** `checkTrend` in domain/judgementRules.ts, step for step (shares summed in month order, same bound ratios). */
function trendSql(r: Extract<PreparedRule, { kind: 'consumption_trend' }>, b: Binder, bills: BillAggregates): string {
  const W = r.months;
  const x = (k: number) => `(${bills.monthCol(k)}::float8 / nullif(${bills.peer(bills.monthAmount(k))}, 0)::float8)`;
  const sumX = (from: number, n: number) => `(${range(from, n).map(x).join(' + ')})`;
  const parts = [`f.status = any(${b.bind(r.statuses, 'text[]')})`, `${bills.count(0, W)} = ${int(W)}`];
  if (r.excludeZero) parts.push(`${bills.sum(0, W).f} > 0`);
  // where the year-over-year check applies, the off-season check does not (checkTrend)
  let yoyApplies = 'false';
  if (r.maxYoy !== null) {
    const available = range(0, W).map((k) => `${bills.monthCol(k + 12)} is not null and ${bills.peer(bills.monthAmount(k + 12))} > 0`).join(' and ');
    parts.push(`(case when ${available} then coalesce(${sumX(0, W)} <= ${b.bind(r.maxYoy, 'float8')} * ${sumX(12, W)}, false) else true end)`);
    yoyApplies = `(${available})`;
  }
  if (r.vacancyRatio !== null) {
    const ceiling = r.vacancyMaxCenti === null ? '' : ` and f.dmax${r.index} <= ${int(r.vacancyMaxCenti)}`;
    parts.push(`not coalesce(f.dn${r.index} = ${int(r.vacancyDays)} and f.dmin${r.index} > 0 and f.dmax${r.index}::float8 <= ${b.bind(r.vacancyRatio, 'float8')} * f.dmin${r.index}::float8${ceiling}, false)`);
  }
  // mildestShare: the n known months of offsets from..to-1 with the lowest peer level (per billed customer; none
  // billed sorts last, as Infinity does), ties to the smaller offset, their shares added in that order
  const level = (k: number) => `(${bills.peer(bills.monthAmount(k))}::float8 / nullif(${bills.peer(bills.countAmount(k, 1))}, 0)::float8)`;
  const mildest = (from: number, to: number) => `(select sum(v.x order by v.l, v.k) / count(*)::float8 from (select v.l, v.k, v.x from (values ${range(from, to - from).map((k) => `(${level(k)}, ${int(k)}, ${x(k)})`).join(', ')}) v(l, k, x) where v.x is not null order by v.l, v.k limit ${int(r.offMonths)}) v)`;
  const candidates = range(r.months, r.maxOnset - r.months + 1).map((s) => {
    const baseLevel = `(${sumX(s, r.base)} / ${int(r.base)})`;
    const own = `(${range(s, r.base).map((k) => bills.monthCol(k)).join(' + ')})`;
    // the step: greatest/least skip unknown months (null) as the loop in trendFrom does; the baseline's are known
    const step = r.maxStep === null ? ''
      : ` and greatest(${range(0, s).map(x).join(', ')}) <= ${b.bind(r.maxStep, 'float8')} * least(${range(s, stepEnd(r, s) - s).map(x).join(', ')})`;
    const zero = r.zeroMonths ? range(0, s).map((k) => ` and ${bills.monthCol(k)} <> 0`).join('') : '';
    // last, so that it is only evaluated for the few customers the cheaper tests leave
    const off = r.maxOff === null ? '' : ` and (${yoyApplies} or ${mildest(0, s)} <= ${b.bind(r.maxOff, 'float8')} * ${mildest(s, stepEnd(r, s))})`;
    return `coalesce(${own}::float8 >= ${b.bind(r.minBaseSum, 'float8')} and ${sumX(0, s)} / ${int(s)} <= ${b.bind(r.maxOwnRatio, 'float8')} * ${baseLevel}${range(0, s).map((k) => ` and ${x(k)} <= ${b.bind(r.maxMonthRatio, 'float8')} * ${baseLevel}`).join('')}${step}${zero}${off}, false)`;
  });
  parts.push(`(${candidates.join('\n            or ')})`);
  return `coalesce(${parts.join(' and ')}, false)`;
}

/** Rows (account_no, score, reasons) of the customers in scope scoring ≥ minScore, best first, then by account. */
export function populationJudgementSql(p: PreparedRuleSet, q: PopulationQuery): { text: string; values: unknown[] } {
  const b = new Binder();
  const scope = q.scope;
  const bills = new BillAggregates(p, b);
  // Rules first: they decide which aggregates the passes below compute.
  const rules = p.rules.map((r) => `${ruleSql(r, b, bills)} as r${r.index}`);
  const aggs = [...bills.exprs].map(([sql, alias]) => ({ sql, alias }));
  const peerAggs = [...bills.peers].map(([sql, alias]) => ({ sql, alias }));
  const ctes: string[] = [];

  // The passes aggregate the whole window of each table (a scan and a hash aggregate, whatever the scope);
  // the scope applies when customers are joined — as one would write it by hand, and the plan a whole city's
  // campaign needs.
  ctes.push(`m as (
    select mc.account_no${aggs.map((a) => `,\n           ${a.sql} as ${a.alias}`).join('')}
      from monthly_consumption mc
     where mc.month between ${b.bind(firstDay(monthAt(p, p.horizonMonths - 1)), 'date')} and ${b.bind(firstDay(p.asOfMonth), 'date')}
     group by mc.account_no)`);
  const dayRules = p.rules.filter((r) => r.kind === 'capacity_exceeded');
  const vacancyRules = p.rules.filter((r) => r.kind === 'consumption_trend' && r.vacancyRatio !== null);
  const dayCols = [
    ...dayRules.map((r) => r.kind === 'capacity_exceeded' ? [`(max(dr.day_kwh) filter (where dr.reading_date > ${b.bind(r.after, 'date')}) * 100)::bigint as d${r.index}`] : []),
    ...vacancyRules.map((r) => {
      if (r.kind !== 'consumption_trend') return [];
      const w = `filter (where dr.reading_date > ${b.bind(r.vacancyAfter, 'date')})`;
      return [`count(*) ${w} as dn${r.index}`, `(min(dr.day_kwh) ${w} * 100)::bigint as dmin${r.index}`, `(max(dr.day_kwh) ${w} * 100)::bigint as dmax${r.index}`];
    }),
  ].flat();
  const readingRules = p.rules.filter((r) => r.kind === 'zero_signals' && r.minMissing !== null);
  dayCols.push(...readingRules.map((r) => (r.kind === 'zero_signals' ? `count(*) filter (where dr.reading_date > ${b.bind(r.readingAfter, 'date')}) as zn${r.index}` : '')));
  const dayAliases = [...dayRules.map((r) => [`d${r.index}`]), ...vacancyRules.map((r) => [`dn${r.index}`, `dmin${r.index}`, `dmax${r.index}`]), ...readingRules.map((r) => [`zn${r.index}`])].flat();
  if (p.days && dayCols.length) {
    ctes.push(`d as (
    select dr.account_no, ${dayCols.join(', ')}
      from daily_readings dr
     where dr.reading_date > ${b.bind(p.days.after, 'date')} and dr.reading_date <= ${b.bind(p.days.through, 'date')}
     group by dr.account_no)`);
  }
  const eventRules = p.rules.filter((r): r is Extract<PreparedRule, { kind: 'meter_events' | 'zero_signals' }> => r.kind === 'meter_events' || (r.kind === 'zero_signals' && r.minEvents !== null));
  if (p.events && eventRules.length) {
    // Events near a completed metering work order (nearWorkOrder in domain/judgementRules.ts): the China days between
    // the event and the account's nearest visit (wo.gap; null: none), read only where a rule excludes them.
    // (looked up only for events of the kinds those rules count: the power-loss events of the zero rules are many)
    const nearRules = eventRules.filter((r): r is Extract<PreparedRule, { kind: 'meter_events' }> => r.kind === 'meter_events' && r.nearVisitDays !== null);
    const near = (r: PreparedRule) => (r.kind === 'meter_events' && r.nearVisitDays !== null ? ` and (wo.gap is null or wo.gap > ${int(r.nearVisitDays)})` : '');
    const visits = nearRules.length ? `
      left join lateral (
        select min(abs((me.occurred_at at time zone 'Asia/Shanghai')::date - (w.done_at at time zone 'Asia/Shanghai')::date)) as gap
          from metering_work_orders w
         where me.kind = any(${b.bind([...new Set(nearRules.flatMap((r) => r.kinds))].sort(), 'text[]')})
           and w.account_no = me.account_no and w.status = 'completed' and w.done_at is not null) wo on true` : '';
    ctes.push(`e as (
    select me.account_no, ${eventRules.map((r) => `count(*) filter (where me.kind = any(${b.bind(r.kinds, 'text[]')}) and me.occurred_at >= ${b.bind(r.from, 'timestamptz')}${near(r)}) as e${r.index}`).join(', ')}
      from meter_events me${visits}
     where me.occurred_at >= ${b.bind(p.events.from, 'timestamptz')} and me.occurred_at < ${b.bind(p.events.to, 'timestamptz')}
       and me.kind = any(${b.bind([...new Set(eventRules.flatMap((r) => r.kinds))].sort(), 'text[]')})
     group by me.account_no)`);
  }
  const outageRules = p.rules.filter((r): r is Extract<PreparedRule, { kind: 'zero_signals' }> => r.kind === 'zero_signals' && r.outage !== null);
  if (p.events && outageRules.length) {
    // Outage-aware counting (outageUnitOf, outageFactsByUnit in domain/judgementRules.ts): each meter's power-loss events
    // by China day and outage unit, how many meters of the unit lost power that day (pl.n) and how many meters the unit
    // has (accounts not closed); per rule, the customer's power-loss events on the unit's outage days.
    const unit = (c: string) => `coalesce('a:' || ${c}.area_id, 'g:' || ${c}.grid_id, 's:' || ${c}.station_id)`;
    ctes.push(`pl as (
    select me.account_no, ${unit('c')} as unit, (me.occurred_at at time zone 'Asia/Shanghai')::date as day, count(*) as k
      from meter_events me join customers c on c.account_no = me.account_no
     where me.kind = 'power_loss' and me.occurred_at >= ${b.bind(p.events.from, 'timestamptz')} and me.occurred_at < ${b.bind(p.events.to, 'timestamptz')}
     group by 1, 2, 3)`, `pu as (
    select ${unit('c')} as unit, count(*) filter (where c.status <> 'closed') as meters
      from customers c
     where ${unit('c')} in (select unit from pl)
     group by 1)`, `o as (
    select x.account_no, ${outageRules.map((r) => `coalesce(sum(x.k) filter (where x.day >= ${b.bind(addDays(r.through, 1 - r.eventDays), 'date')} and x.n >= ${int(r.outage!.minMeters)} and x.n::float8 >= ${b.bind(r.outage!.minShare, 'float8')} * pu.meters::float8), 0) as o${r.index}`).join(', ')}
      from (select pl.*, count(*) over (partition by pl.unit, pl.day) as n from pl) x join pu on pu.unit = x.unit
     group by x.account_no)`);
  }
  if (peerAggs.length) {
    // Peer group totals: every customer of the same station and tariff category (all groups: the bills pass
    // covered everyone anyway, and the join below keeps the ones in scope).
    ctes.push(`p as (
    select c.station_id, c.tariff_category, ${peerAggs.map((a) => `sum(${a.sql})::bigint as ${a.alias}`).join(', ')}
      from customers c join m on m.account_no = c.account_no
     group by c.station_id, c.tariff_category)`);
  }
  if (p.needsArea) ctes.push(areaFactsCte(p.asOfMonth, b));
  ctes.push(`f as (
    select c.account_no, c.tariff_category, c.whitelist, c.status, c.contract_capacity_kva
           ${aggs.map((a) => `, m.${a.alias}`).join('')}
           ${dayAliases.map((a) => `, d.${a}`).join('')}
           ${eventRules.map((r) => `, coalesce(e.e${r.index}, 0) as e${r.index}`).join('')}
           ${outageRules.map((r) => `, coalesce(o.o${r.index}, 0) as o${r.index}`).join('')}
           ${peerAggs.map((a) => `, coalesce(p.${a.alias}, 0) as ${a.alias}`).join('')}
           ${p.needsArea ? AREA_F_COLUMNS : ''}
      from customers c
      left join m on m.account_no = c.account_no
      ${dayCols.length ? 'left join d on d.account_no = c.account_no' : ''}
      ${eventRules.length ? 'left join e on e.account_no = c.account_no' : ''}
      ${outageRules.length ? 'left join o on o.account_no = c.account_no' : ''}
      ${peerAggs.length ? 'left join p on p.station_id = c.station_id and p.tariff_category = c.tariff_category' : ''}
      ${p.needsArea ? AREA_F_JOIN : ''}
     ${scope ? `where ${within('coalesce(c.grid_id, c.station_id)', scope, b)}` : ''})`);
  // "offset 0" keeps this a step of its own: each rule is evaluated once per customer, not again for the score,
  // the reasons and the threshold.
  ctes.push(`r as (
    select f.account_no, ${rules.join(',\n           ')}
      from f offset 0)`);

  const score = `least(100, ${p.rules.map((r) => `(case when r.r${r.index} then ${int(r.weight)} else 0 end)`).join(' + ')})`;
  const reasons = `array_remove(array[${p.rules.map((r) => `case when r.r${r.index} then ${b.bind(r.code, 'text')} end`).join(', ')}], null)`;
  const text = `with ${ctes.join(',\n  ')}
select account_no, score, reasons from (select r.account_no, ${score} as score, ${reasons} as reasons from r) x
 where score >= ${int(q.minScore)}
 order by score desc, account_no${q.limit === undefined ? '' : ` limit ${int(q.limit)}`}`;
  return { text, values: b.values };
}
