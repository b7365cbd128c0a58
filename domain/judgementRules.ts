import { z } from 'zod';
import type { Priority } from './case';
import { CustomerStatus, MeterEventKind, TariffCategory, type CustomerStatus as Status, type TariffCategory as Tariff } from './customerData';
import type { JudgementResult } from './judgement';
import { addDays, addMonths, chinaMidnight, lastDay } from './billingMonths';
import { AreaLineLossParams, areaLineLossFires, prepareAreaLineLoss, type AreaFacts, type PreparedAreaLineLoss } from './lineLossRules';
import { CalibrationSettings } from './calibration';

/**
 * Initial system judgement (系统初判) rules as data. Each rule kind is evaluated two ways with the same semantics:
 * here for one customer (`evaluateFacts`), and pushed down to SQL over a population (db/judgementSql.ts).
 * To make "the same" exact rather than approximately so, both paths work on integer 0.01-kWh amounts and
 * compare them with constants that `prepareRuleSet` computes once in JavaScript: the SQL binds those very
 * doubles and does the same float8 operations (IEEE 754, like JavaScript). tests/integration/
 * judgementSemantics.property.test.ts checks both on generated data.
 */

export const ANOMALY_TYPES = ['tariff_misuse', 'theft', 'zero_consumption', 'over_capacity', 'whitelist_large', 'meter_tamper'] as const;
export const AnomalyType = z.enum(ANOMALY_TYPES);
export type AnomalyType = z.infer<typeof AnomalyType>;

const Code = z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'must be an upper-case code such as THEFT_DROP');
const CheckItemDef = z.strictObject({ code: Code, textZh: z.string().min(1).max(200), textEn: z.string().min(1).max(200) });
const months = z.int().min(1).max(12);
const kwh = z.number().min(0).max(1e9);

export const ConsumptionLevelParams = z.strictObject({
  tariffCategories: z.array(TariffCategory).min(1),
  whitelist: z.enum(['any', 'only', 'exclude']),
  windowMonths: months,
  /** Average monthly kWh over the window at least this. */
  minAvgMonthlyKwh: kwh,
  /** Flat use: peak month ≤ this × average month (a shop or restaurant; a household peaks with air conditioning). null: any shape. */
  maxPeakToAverage: z.number().min(1).max(12).nullable(),
});
export const ConsumptionDropParams = z.strictObject({
  /** The latest months compared with the same months a year earlier. */
  windowMonths: months,
  /** Every window month at most this share of the same month a year earlier (sudden, sustained). */
  maxOwnRatio: z.number().gt(0).max(1),
  /** The customer's ratio at most this × the peer group's (same station and tariff) ratio. */
  maxPeerRelative: z.number().gt(0).max(10),
  /** Ignore customers whose year-earlier average month was below this. */
  minBaselineAvgMonthlyKwh: kwh,
  /** Only customers in these statuses (a suspended account's drop is expected). */
  statuses: z.array(CustomerStatus).min(1),
  /** A stop to zero is left to the zero-consumption rule. */
  excludeZero: z.boolean(),
});
export const ZeroConsumptionParams = z.strictObject({ windowMonths: months, statuses: z.array(CustomerStatus).min(1) });
export const CapacityExceededParams = z.strictObject({
  windowDays: z.int().min(1).max(60),
  /** A day's kWh ≥ contract kVA × 24 h × this (average load over a whole day near or above the contract). */
  maxUtilisation: z.number().gt(0).max(10),
});
export const MeterEventsParams = z.strictObject({
  windowDays: z.int().min(1).max(365),
  kinds: z.array(MeterEventKind).min(1),
  minCount: z.int().min(1).max(1000),
});

export const RULE_PARAMS = {
  consumption_level: ConsumptionLevelParams,
  consumption_drop: ConsumptionDropParams,
  zero_consumption: ZeroConsumptionParams,
  capacity_exceeded: CapacityExceededParams,
  meter_events: MeterEventsParams,
  area_line_loss: AreaLineLossParams,
} as const;
export type RuleKind = keyof typeof RULE_PARAMS;

const common = {
  code: Code,
  anomalyType: AnomalyType,
  /** Added to the score when the rule fires (score = min(100, Σ weights)). */
  weight: z.int().min(1).max(100),
  textZh: z.string().min(1).max(300),
  textEn: z.string().min(1).max(300),
  checkItems: z.array(CheckItemDef).max(10),
};
export const JudgementRule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('consumption_level'), ...common, params: ConsumptionLevelParams }),
  z.strictObject({ kind: z.literal('consumption_drop'), ...common, params: ConsumptionDropParams }),
  z.strictObject({ kind: z.literal('zero_consumption'), ...common, params: ZeroConsumptionParams }),
  z.strictObject({ kind: z.literal('capacity_exceeded'), ...common, params: CapacityExceededParams }),
  z.strictObject({ kind: z.literal('meter_events'), ...common, params: MeterEventsParams }),
  z.strictObject({ kind: z.literal('area_line_loss'), ...common, params: AreaLineLossParams }),
]);
export type JudgementRule = z.infer<typeof JudgementRule>;

export const JudgementRuleSet = z.strictObject({
  version: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, dot, dash, underscore; at most 64'),
  source: z.string().min(1).max(300),
  priorityThresholds: z.strictObject({ urgent: z.int().min(1).max(100), high: z.int().min(1).max(100), normal: z.int().min(1).max(100) })
    .refine((t) => t.urgent >= t.high && t.high >= t.normal, { message: 'must satisfy urgent ≥ high ≥ normal', params: { code: 'judgement.thresholds-order' } }),
  /** Default selection threshold of a campaign. */
  campaignMinScore: z.int().min(1).max(100),
  rules: z.array(JudgementRule).min(1).max(50)
    .refine((rs) => new Set(rs.map((r) => r.code)).size === rs.length, { message: 'rule codes must be unique', params: { code: 'judgement.duplicate-codes' } }),
  /** 预计查实率: how closed cases' findings are smoothed into each flag's expected confirmation rate (default when absent). */
  calibration: CalibrationSettings.optional(),
});
export type JudgementRuleSet = z.infer<typeof JudgementRuleSet>;

// ---------------------------------------------------------------- preparation: the constants both paths use

interface PreparedCommon { code: string; weight: number; index: number }
export type PreparedRule = PreparedCommon & (
  | { kind: 'consumption_level'; months: number; tariffs: Tariff[]; whitelist: 'any' | 'only' | 'exclude'; minSum: number; maxPeak: number | null }
  | { kind: 'consumption_drop'; months: number; maxOwnRatio: number; maxPeerRelative: number; minBase: number; statuses: Status[]; excludeZero: boolean }
  | { kind: 'zero_consumption'; months: number; statuses: Status[] }
  /** Days after `after` up to and including `through`; fires when a day's 0.01 kWh ≥ capacity × k. */
  | { kind: 'capacity_exceeded'; after: string; through: string; k: number }
  /** Events with from ≤ occurredAt < to. */
  | { kind: 'meter_events'; from: string; to: string; fromMs: number; toMs: number; kinds: string[]; minCount: number }
  | PreparedAreaLineLoss
);

export interface PreparedRuleSet {
  ruleSet: JudgementRuleSet;
  /** What results report as ruleSetVersion (a campaign's snapshot says so). */
  label: string;
  asOfMonth: string;
  rules: PreparedRule[];
  /** Months of history needed, counting back from asOfMonth (offset 0) — offsets 0..horizonMonths-1. */
  horizonMonths: number;
  needsPeers: boolean;
  /** Some rule reads the customer's station area (台区线损). */
  needsArea: boolean;
  /** Widest daily-reading window: days after `after`, through `through`; null when no rule reads days. */
  days: { after: string; through: string } | null;
  /** Widest meter-event window; null when no rule reads events. */
  events: { from: string; to: string } | null;
}

export function prepareRuleSet(ruleSet: JudgementRuleSet, asOfMonth: string, label = ruleSet.version): PreparedRuleSet {
  const through = lastDay(asOfMonth);
  const eventsTo = chinaMidnight(addDays(through, 1));
  const rules = ruleSet.rules.map((r, index): PreparedRule => {
    const c = { code: r.code, weight: r.weight, index };
    switch (r.kind) {
      case 'consumption_level': {
        const p = r.params;
        return { ...c, kind: r.kind, months: p.windowMonths, tariffs: p.tariffCategories, whitelist: p.whitelist, minSum: p.minAvgMonthlyKwh * 100 * p.windowMonths, maxPeak: p.maxPeakToAverage };
      }
      case 'consumption_drop': {
        const p = r.params;
        return { ...c, kind: r.kind, months: p.windowMonths, maxOwnRatio: p.maxOwnRatio, maxPeerRelative: p.maxPeerRelative, minBase: p.minBaselineAvgMonthlyKwh * 100 * p.windowMonths, statuses: p.statuses, excludeZero: p.excludeZero };
      }
      case 'zero_consumption':
        return { ...c, kind: r.kind, months: r.params.windowMonths, statuses: r.params.statuses };
      case 'capacity_exceeded':
        return { ...c, kind: r.kind, after: addDays(through, -r.params.windowDays), through, k: 24 * r.params.maxUtilisation * 100 };
      case 'meter_events': {
        const from = chinaMidnight(addDays(through, 1 - r.params.windowDays));
        return { ...c, kind: r.kind, from, to: eventsTo, fromMs: Date.parse(from), toMs: Date.parse(eventsTo), kinds: r.params.kinds, minCount: r.params.minCount };
      }
      case 'area_line_loss':
        return { ...c, ...prepareAreaLineLoss(r.params) };
    }
  });
  const horizonMonths = Math.max(1, ...rules.map((r) => (r.kind === 'consumption_drop' ? r.months + 12 : 'months' in r ? r.months : 1)));
  const dayRules = rules.filter((r) => r.kind === 'capacity_exceeded');
  const eventRules = rules.filter((r) => r.kind === 'meter_events');
  return {
    ruleSet, label, asOfMonth, rules, horizonMonths,
    needsPeers: rules.some((r) => r.kind === 'consumption_drop'),
    needsArea: rules.some((r) => r.kind === 'area_line_loss'),
    days: dayRules.length ? { after: dayRules.map((r) => r.after).sort()[0], through } : null,
    events: eventRules.length ? { from: eventRules.map((r) => r.from).sort()[0], to: eventsTo } : null,
  };
}

/** The month at history offset k (0 = as-of month). */
export const monthAt = (p: Pick<PreparedRuleSet, 'asOfMonth'>, k: number) => addMonths(p.asOfMonth, -k);

// ---------------------------------------------------------------- one customer

/** What the rules read about one customer; amounts in integer 0.01 kWh. */
export interface CustomerFacts {
  accountNo: string;
  tariffCategory: Tariff;
  whitelist: boolean;
  status: Status;
  stationId: string;
  capacityKva: number | null;
  /** Billed 0.01 kWh by offset from the as-of month; null = no bill for that month. Length horizonMonths. */
  months: (number | null)[];
  /** Peer group (same station and tariff) total 0.01 kWh by offset; length horizonMonths. */
  peerMonths: number[];
  days: { date: string; kwhCenti: number }[];
  events: { kind: string; atMs: number }[];
  /** The customer's station area in the as-of month (rules of the area_line_loss family); absent: not read. */
  area?: AreaFacts | null;
}

export interface Evaluation {
  accountNo: string;
  score: number;
  /** Codes of the rules that fired, in rule-set order. */
  fired: string[];
}

function fires(r: PreparedRule, f: CustomerFacts): boolean {
  switch (r.kind) {
    case 'consumption_level': {
      if (!r.tariffs.includes(f.tariffCategory)) return false;
      if ((r.whitelist === 'only' && !f.whitelist) || (r.whitelist === 'exclude' && f.whitelist)) return false;
      let sum = 0;
      let max = 0;
      for (let k = 0; k < r.months; k += 1) {
        const v = f.months[k];
        if (v === null) return false;
        sum += v;
        if (v > max) max = v;
      }
      if (!(sum >= r.minSum)) return false;
      return r.maxPeak === null || max * r.months <= r.maxPeak * sum;
    }
    case 'consumption_drop': {
      if (!r.statuses.includes(f.status)) return false;
      let ownW = 0;
      let ownB = 0;
      let peerW = 0;
      let peerB = 0;
      for (let k = 0; k < r.months; k += 1) {
        const now = f.months[k];
        const before = f.months[k + 12];
        if (now === null || before === null) return false;
        if (!(now <= r.maxOwnRatio * before)) return false;
        ownW += now;
        ownB += before;
        peerW += f.peerMonths[k];
        peerB += f.peerMonths[k + 12];
      }
      if (!(ownB >= r.minBase) || !(ownB > 0) || !(peerB > 0) || (r.excludeZero && ownW === 0)) return false;
      return ownW / ownB <= r.maxPeerRelative * (peerW / peerB);
    }
    case 'zero_consumption': {
      if (!r.statuses.includes(f.status)) return false;
      for (let k = 0; k < r.months; k += 1) if (f.months[k] !== 0) return false;
      return true;
    }
    case 'capacity_exceeded': {
      if (f.capacityKva === null || !(f.capacityKva > 0)) return false;
      let max: number | null = null;
      for (const d of f.days) if (d.date > r.after && d.date <= r.through && (max === null || d.kwhCenti > max)) max = d.kwhCenti;
      return max !== null && max >= f.capacityKva * r.k;
    }
    case 'meter_events': {
      let n = 0;
      for (const e of f.events) if (r.kinds.includes(e.kind) && e.atMs >= r.fromMs && e.atMs < r.toMs) n += 1;
      return n >= r.minCount;
    }
    case 'area_line_loss':
      return areaLineLossFires(r, f);
  }
}

export function evaluateFacts(p: PreparedRuleSet, f: CustomerFacts): Evaluation {
  const fired = p.rules.filter((r) => fires(r, f));
  return { accountNo: f.accountNo, score: Math.min(100, fired.reduce((s, r) => s + r.weight, 0)), fired: fired.map((r) => r.code) };
}

export function priorityOf(rs: JudgementRuleSet, score: number): Priority {
  const t = rs.priorityThresholds;
  return score >= t.urgent ? 'urgent' : score >= t.high ? 'high' : score >= t.normal ? 'normal' : 'low';
}

/** The case workflow's view: score, reasons with texts, suggested check items (deduplicated), priority. */
export function toJudgementResult(p: PreparedRuleSet, e: Evaluation): JudgementResult {
  const rules = p.ruleSet.rules.filter((r) => e.fired.includes(r.code));
  const checkItems = new Map<string, { code: string; textZh: string; textEn: string }>();
  for (const r of rules) for (const c of r.checkItems) if (!checkItems.has(c.code)) checkItems.set(c.code, c);
  return {
    ruleSetVersion: p.label,
    score: e.score,
    reasons: rules.map((r) => ({ code: r.code, weight: r.weight, textZh: r.textZh, textEn: r.textEn })),
    checkItems: [...checkItems.values()],
    priority: priorityOf(p.ruleSet, e.score),
  };
}

export interface RuleChoice {
  code: string;
  params?: Record<string, unknown>;
  weight?: number;
}

/**
 * A campaign's rules: chosen codes of a rule set with parameter or weight overrides, validated again as a rule
 * set. Errors name the path in the campaign body (rules.N.params.X).
 */
export function selectRules(rs: JudgementRuleSet, choice: RuleChoice[] | undefined, version: string):
  { ok: true; ruleSet: JudgementRuleSet } | { ok: false; errors: { path: string; message: string }[] } {
  const errors: { path: string; message: string }[] = [];
  const chosen: RuleChoice[] = choice ?? rs.rules.map((r) => ({ code: r.code }));
  const rules = chosen.map((c, i) => {
    const r = rs.rules.find((x) => x.code === c.code);
    if (!r) errors.push({ path: `rules.${i}.code`, message: `no rule ${c.code} in rule set ${rs.version}` });
    return r ? { ...r, ...(c.weight === undefined ? {} : { weight: c.weight }), params: { ...r.params, ...(c.params ?? {}) } } : null;
  });
  if (errors.length) return { ok: false, errors };
  const parsed = JudgementRuleSet.safeParse({ ...rs, version, rules });
  if (parsed.success) return { ok: true, ruleSet: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((x) => ({ path: x.path.map(String).join('.'), message: x.message })) };
}

// ---------------------------------------------------------------- facts from upstream records

/** 0.01 kWh as an integer: the unit both evaluation paths add up exactly. */
export const centi = (kwh: number) => Math.round(kwh * 100);

/**
 * Builds one customer's facts from upstream records (any extra records outside the windows are ignored).
 * The per-customer judgement and the tests' in-memory evaluation both go through here.
 */
export function buildFacts(
  p: PreparedRuleSet,
  archive: { accountNo: string; tariffCategory: Tariff; whitelist: boolean; status: Status; stationId: string; contractCapacityKva: number | null },
  bills: { month: string; kwh: number }[],
  peerTotals: { month: string; kwhCenti: number }[],
  days: { date: string; dayKwh: number }[],
  events: { kind: string; occurredAt: string }[],
  area?: AreaFacts | null,
): CustomerFacts {
  const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
  const asOf = monthIndex(p.asOfMonth);
  const offset = (month: string) => asOf - monthIndex(month);
  const months: (number | null)[] = Array.from({ length: p.horizonMonths }, () => null);
  for (const b of bills) {
    const k = offset(b.month);
    if (k >= 0 && k < p.horizonMonths) months[k] = centi(b.kwh);
  }
  const peerMonths = Array.from({ length: p.horizonMonths }, () => 0);
  for (const t of peerTotals) {
    const k = offset(t.month);
    if (k >= 0 && k < p.horizonMonths) peerMonths[k] = t.kwhCenti;
  }
  return {
    accountNo: archive.accountNo,
    tariffCategory: archive.tariffCategory,
    whitelist: archive.whitelist,
    status: archive.status,
    stationId: archive.stationId,
    capacityKva: archive.contractCapacityKva,
    months,
    peerMonths,
    days: days.map((d) => ({ date: d.date, kwhCenti: centi(d.dayKwh) })),
    events: events.map((e) => ({ kind: e.kind, atMs: Date.parse(e.occurredAt) })),
    ...(p.needsArea ? { area: area ?? null } : {}),
  };
}
