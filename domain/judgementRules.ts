import { z } from 'zod';
import type { Priority } from './case';
import { CustomerStatus, MeterEventKind, TariffCategory, type CustomerStatus as Status, type TariffCategory as Tariff } from './customerData';
import type { JudgementResult } from './judgement';
import { addDays, addMonths, chinaMidnight, lastDay } from './billingMonths';
import { chinaDate, chinaDayNumber } from './calendar';
import { JUDGEMENT_REASON_CODES } from './judgementReasonTexts';
import { AreaLineLossParams, areaLineLossFires, lossRate, peerRatioOf, prepareAreaLineLoss, type AreaFacts, type PreparedAreaLineLoss } from './lineLossRules';
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
  /**
   * Steady use: lowest month ≥ this × average month. A home's use falls in the mild spring and autumn months between
   * the air-conditioning and the heating seasons; a shop's or restaurant's does not. null (or absent): any trough.
   */
  minTroughToAverage: z.number().gt(0).max(1).nullable().optional(),
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
/**
 * Theft's signature on the data a utility has: a step down that lasts, measured against the customer's own months
 * before it and against the peer group (same station and tariff) over the same months, so a season everyone shares
 * cancels out. The onset is searched: the drop may have started anywhere from `windowMonths` to `maxOnsetMonths`
 * ago, compared with the `baselineMonths` just before it. Where two years of bills exist, the same months a year
 * earlier must agree (a customer whose own season differs from the peers' is not a drop).
 */
export const ConsumptionTrendParams = z.strictObject({
  /** The drop lasts at least this many months (fewer is a vacation, not a theft). */
  windowMonths: z.int().min(1).max(6),
  /** The latest onset searched, in months before the as-of month. */
  maxOnsetMonths: z.int().min(1).max(12),
  /** Months before the onset that make the baseline. */
  baselineMonths: z.int().min(1).max(12),
  /** Share of the peer group, averaged over the months since the onset, at most this × the baseline's. */
  maxOwnRatio: z.number().gt(0).max(1),
  /** Every month since the onset at most this × the baseline (sustained, not one low month). */
  maxMonthRatio: z.number().gt(0).max(1),
  /** Where the same months a year earlier are billed: the window's share at most this × theirs. null: no year-over-year check. */
  maxYearOverYearRatio: z.number().gt(0).max(1).nullable(),
  /** Ignore customers whose baseline averaged below this per month. */
  minBaselineAvgMonthlyKwh: kwh,
  /**
   * A home left empty keeps only its standby load: daily frozen readings present on each of the last
   * `vacancyDays` days, all above zero and the largest at most this × the smallest, read as vacancy, not theft.
   * null: no vacancy check.
   */
  vacancyMaxDayRatio: z.number().min(1).max(100).nullable(),
  vacancyDays: z.int().min(1).max(60),
  /**
   * A clean step: the highest month since the onset at most this × the lowest month before it (shares of the peer
   * group), over the baseline and any earlier months of the last year. A customer whose own season swings more or
   * less than its peers' (air conditioning, heating) has low months before the "onset" too; a theft does not.
   * null (or absent): no step check.
   */
  maxStepRatio: z.number().gt(0).max(10).nullable().optional(),
  /**
   * The vacancy reading also needs the largest of those days at most this many kWh: an empty home's standby (a
   * refrigerator, a router) is a kWh or two a day, while a shop's, a workshop's or a pump's steady days are their
   * business running. null (or absent): no ceiling.
   */
  vacancyMaxDayKwh: kwh.nullable().optional(),
  /**
   * A month since the onset billed at exactly zero is a stop (an irrigation pump idle all winter, a meter that
   * stopped), not a drop: such an onset does not count, the zero-consumption rules judge it. Absent: false.
   */
  excludeZeroMonths: z.boolean().optional(),
  /**
   * The season-matched check where the same months a year earlier are not billed (the year-over-year check does it
   * where they are): the customer's share of the peer group in the `offSeasonMonths` mildest months since the onset at
   * most this × its share in the mildest months before it (the baseline and the rest of the year), mildest meaning the
   * lowest peer-group average per customer. Neither air conditioning nor heating runs then, so a customer whose own
   * season is stronger or weaker than its neighbours' keeps its off-season level; a bypass lowers every month.
   * null (or absent): no check.
   */
  maxOffSeasonRatio: z.number().gt(0).max(1).nullable().optional(),
  /** How many mildest months on each side (absent: 2). */
  offSeasonMonths: z.int().min(1).max(3).optional(),
  statuses: z.array(CustomerStatus).min(1),
  /** A stop to zero is left to the zero-consumption rules. */
  excludeZero: z.boolean(),
});
/** Consumption far above the household norm: the peer group's average per customer over the same months. */
export const ConsumptionNormParams = z.strictObject({
  tariffCategories: z.array(TariffCategory).min(1),
  whitelist: z.enum(['any', 'only', 'exclude']),
  windowMonths: months,
  /** Absolute floor of the average month. */
  minAvgMonthlyKwh: kwh,
  /** Average month at least this × the peer group's average month per customer (same station and tariff). */
  minPeerMultiple: z.number().min(1).max(100),
  /** Flat use: peak month ≤ this × average month (as consumption_level's). null (or absent): any shape. */
  maxPeakToAverage: z.number().min(1).max(12).nullable().optional(),
});
/**
 * Zero consumption that a vacancy or the season does not explain: an account that used power in the months just
 * before stops to exactly zero while its peer group keeps using power in the same months (an irrigation pump's
 * winter is the whole group's winter).
 */
export const ZeroUnexplainedParams = z.strictObject({
  windowMonths: months,
  statuses: z.array(CustomerStatus).min(1),
  /** Months before the zero stretch that must show use … */
  priorMonths: months,
  /** … averaging at least this per month (a flat empty all year is a vacancy, not a stopped meter). */
  minPriorAvgMonthlyKwh: kwh,
  /** The peer group's average per customer in the zero months at least this × theirs in the prior months. null: no season check. */
  minPeerSeasonShare: z.number().min(0).max(10).nullable(),
});
/**
 * Zero consumption that the meter's own records make more suspicious (State Grid practice: a stopped or bypassed meter
 * goes silent or loses voltage, a home left empty keeps reporting its zero): the zero_unexplained pattern, and daily
 * frozen readings missing on some of the last days or power-loss (失压/断电) events in the last days. A rule set adds it
 * beside its zero_unexplained rule with the same base parameters, so its weight raises that flag's score and priority.
 */
export const ZeroSignalsParams = z.strictObject({
  ...ZeroUnexplainedParams.shape,
  /** Days, ending on the as-of month's last day, whose daily frozen readings are counted. */
  readingDays: z.int().min(1).max(60),
  /** At least this many of them without a frozen reading. null: readings not considered. */
  minMissingDays: z.int().min(1).max(60).nullable(),
  /** Days, ending on the as-of month's last day, whose meter events are counted. */
  eventDays: z.int().min(1).max(365),
  eventKinds: z.array(MeterEventKind).min(1),
  /** At least this many events of those kinds. null: events not considered. */
  minEvents: z.int().min(1).max(1000).nullable(),
  /**
   * Outage-aware counting: a power-loss event on a day when at least this share of the meters of the customer's
   * outage unit (its station area 台区 where known, else its grid 网格, else its station 供电所) reported a power loss
   * too is a feeder or transformer outage, not a sign on this meter, and is not counted. null (or absent): every event
   * counts (2026.3).
   */
  outageMinShare: z.number().gt(0).max(1).nullable().optional(),
  /** … and at least this many meters that day (a unit of a few meters shares nothing by chance). null (or absent): 2. */
  outageMinMeters: z.int().min(2).max(10_000).nullable().optional(),
});
export const MeterEventsParams = z.strictObject({
  windowDays: z.int().min(1).max(365),
  kinds: z.array(MeterEventKind).min(1),
  minCount: z.int().min(1).max(1000),
  /**
   * An event within this many China days (before or after) of a completed metering work order (计量工单: meter
   * replacement, verification, rotation, fault repair, installation) on the same account is the utility's own visit,
   * not a sign of tampering, and is not counted. 0: the visit's own day only. null (or absent): every event counts (2026.2–.3).
   */
  excludeNearWorkOrderDays: z.int().min(0).max(90).nullable().optional(),
});

export const RULE_PARAMS = {
  consumption_level: ConsumptionLevelParams,
  consumption_drop: ConsumptionDropParams,
  zero_consumption: ZeroConsumptionParams,
  capacity_exceeded: CapacityExceededParams,
  meter_events: MeterEventsParams,
  consumption_trend: ConsumptionTrendParams,
  consumption_norm: ConsumptionNormParams,
  zero_unexplained: ZeroUnexplainedParams,
  area_line_loss: AreaLineLossParams,
  zero_signals: ZeroSignalsParams,
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
  z.strictObject({ kind: z.literal('consumption_trend'), ...common, params: ConsumptionTrendParams }),
  z.strictObject({ kind: z.literal('consumption_norm'), ...common, params: ConsumptionNormParams }),
  z.strictObject({ kind: z.literal('zero_unexplained'), ...common, params: ZeroUnexplainedParams }),
  z.strictObject({ kind: z.literal('area_line_loss'), ...common, params: AreaLineLossParams }),
  z.strictObject({ kind: z.literal('zero_signals'), ...common, params: ZeroSignalsParams }),
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
interface PreparedZeroUnexplained { kind: 'zero_unexplained'; months: number; statuses: Status[]; prior: number; minPriorSum: number; minPeerShare: number | null }
export type PreparedRule = PreparedCommon & (
  | { kind: 'consumption_level'; months: number; tariffs: Tariff[]; whitelist: 'any' | 'only' | 'exclude'; minSum: number; maxPeak: number | null; minTrough: number | null }
  | { kind: 'consumption_drop'; months: number; maxOwnRatio: number; maxPeerRelative: number; minBase: number; statuses: Status[]; excludeZero: boolean }
  | { kind: 'zero_consumption'; months: number; statuses: Status[] }
  /** Days after `after` up to and including `through`; fires when a day's 0.01 kWh ≥ capacity × k. */
  | { kind: 'capacity_exceeded'; after: string; through: string; k: number }
  /** Events with from ≤ occurredAt < to. */
  | { kind: 'meter_events'; from: string; to: string; fromMs: number; toMs: number; kinds: string[]; minCount: number;
      /** China days around a completed metering work order whose events do not count; null: every event counts. */
      nearVisitDays: number | null }
  /** Vacancy days: after `vacancyAfter` up to and including `through` (null: no vacancy check). */
  | { kind: 'consumption_trend'; months: number; maxOnset: number; base: number; maxOwnRatio: number; maxMonthRatio: number; maxYoy: number | null;
      minBaseSum: number; vacancyRatio: number | null; vacancyDays: number; vacancyAfter: string; through: string; statuses: Status[]; excludeZero: boolean; maxStep: number | null;
      /** 0.01 kWh; null: no ceiling. */
      vacancyMaxCenti: number | null; zeroMonths: boolean; maxOff: number | null; offMonths: number }
  | { kind: 'consumption_norm'; months: number; tariffs: Tariff[]; whitelist: 'any' | 'only' | 'exclude'; minSum: number; multiple: number; maxPeak: number | null }
  | PreparedZeroUnexplained
  /** Readings: days after `readingAfter` up to and including `through`; events with from ≤ occurredAt < to. */
  | (Omit<PreparedZeroUnexplained, 'kind'> & { kind: 'zero_signals'; readingDays: number; readingAfter: string; through: string; minMissing: number | null;
      eventDays: number; from: string; to: string; fromMs: number; toMs: number; kinds: string[]; minEvents: number | null;
      /** Outage-aware counting of power-loss events (null: every event counts). */
      outage: { minShare: number; minMeters: number } | null })
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
  /** Some rule counts power-loss events net of outages: the facts carry the outage unit's power-loss counts by day. */
  needsOutages: boolean;
  /**
   * Completed metering work orders (计量工单) done from `from` (inclusive) to `to` (exclusive): every one within some
   * rule's days of an event in the event window; null when no rule excludes events near a work order.
   */
  visits: { from: string; to: string } | null;
}

export function prepareRuleSet(ruleSet: JudgementRuleSet, asOfMonth: string, label = ruleSet.version): PreparedRuleSet {
  const through = lastDay(asOfMonth);
  const eventsTo = chinaMidnight(addDays(through, 1));
  const rules = ruleSet.rules.map((r, index): PreparedRule => {
    const c = { code: r.code, weight: r.weight, index };
    switch (r.kind) {
      case 'consumption_level': {
        const p = r.params;
        return { ...c, kind: r.kind, months: p.windowMonths, tariffs: p.tariffCategories, whitelist: p.whitelist, minSum: p.minAvgMonthlyKwh * 100 * p.windowMonths, maxPeak: p.maxPeakToAverage, minTrough: p.minTroughToAverage ?? null };
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
        return {
          ...c, kind: r.kind, from, to: eventsTo, fromMs: Date.parse(from), toMs: Date.parse(eventsTo), kinds: r.params.kinds, minCount: r.params.minCount,
          nearVisitDays: r.params.excludeNearWorkOrderDays ?? null,
        };
      }
      case 'consumption_trend': {
        const p = r.params;
        // Onsets from windowMonths to maxOnsetMonths (an onset below the window is no onset at all).
        return {
          ...c, kind: r.kind, months: p.windowMonths, maxOnset: Math.max(p.windowMonths, p.maxOnsetMonths), base: p.baselineMonths, maxOwnRatio: p.maxOwnRatio,
          maxMonthRatio: p.maxMonthRatio, maxYoy: p.maxYearOverYearRatio, minBaseSum: p.minBaselineAvgMonthlyKwh * 100 * p.baselineMonths, vacancyRatio: p.vacancyMaxDayRatio,
          vacancyDays: p.vacancyDays, vacancyAfter: addDays(through, -p.vacancyDays), through, statuses: p.statuses, excludeZero: p.excludeZero, maxStep: p.maxStepRatio ?? null,
          vacancyMaxCenti: p.vacancyMaxDayKwh === null || p.vacancyMaxDayKwh === undefined ? null : centi(p.vacancyMaxDayKwh), zeroMonths: p.excludeZeroMonths ?? false,
          maxOff: p.maxOffSeasonRatio ?? null, offMonths: p.offSeasonMonths ?? 2,
        };
      }
      case 'consumption_norm': {
        const p = r.params;
        return { ...c, kind: r.kind, months: p.windowMonths, tariffs: p.tariffCategories, whitelist: p.whitelist, minSum: p.minAvgMonthlyKwh * 100 * p.windowMonths, multiple: p.minPeerMultiple, maxPeak: p.maxPeakToAverage ?? null };
      }
      case 'zero_unexplained': {
        const p = r.params;
        return { ...c, kind: r.kind, months: p.windowMonths, statuses: p.statuses, prior: p.priorMonths, minPriorSum: p.minPriorAvgMonthlyKwh * 100 * p.priorMonths, minPeerShare: p.minPeerSeasonShare };
      }
      case 'area_line_loss':
        return { ...c, ...prepareAreaLineLoss(r.params) };
      case 'zero_signals': {
        const p = r.params;
        const from = chinaMidnight(addDays(through, 1 - p.eventDays));
        return {
          ...c, kind: r.kind, months: p.windowMonths, statuses: p.statuses, prior: p.priorMonths, minPriorSum: p.minPriorAvgMonthlyKwh * 100 * p.priorMonths, minPeerShare: p.minPeerSeasonShare,
          readingDays: p.readingDays, readingAfter: addDays(through, -p.readingDays), through, minMissing: p.minMissingDays,
          eventDays: p.eventDays, from, to: eventsTo, fromMs: Date.parse(from), toMs: Date.parse(eventsTo), kinds: p.eventKinds, minEvents: p.minEvents,
          // only power-loss events are what an outage leaves; without them (or without events) there is nothing to net out
          outage: p.outageMinShare === null || p.outageMinShare === undefined || p.minEvents === null || !p.eventKinds.includes('power_loss') ? null
            : { minShare: p.outageMinShare, minMeters: p.outageMinMeters ?? 2 },
        };
      }
    }
  });
  const horizonMonths = Math.max(1, ...rules.map(horizonOf));
  const dayRules = rules.filter((r) => r.kind === 'capacity_exceeded' || (r.kind === 'consumption_trend' && r.vacancyRatio !== null) || (r.kind === 'zero_signals' && r.minMissing !== null));
  const eventRules = rules.filter((r): r is Extract<PreparedRule, { kind: 'meter_events' | 'zero_signals' }> => r.kind === 'meter_events' || (r.kind === 'zero_signals' && r.minEvents !== null));
  return {
    ruleSet, label, asOfMonth, rules, horizonMonths,
    needsPeers: rules.some((r) => PEER_KINDS.has(r.kind) || (r.kind === 'area_line_loss' && r.netOfPeers)),
    needsArea: rules.some((r) => r.kind === 'area_line_loss'),
    days: dayRules.length ? { after: dayRules.map((r) => (r.kind === 'capacity_exceeded' ? r.after : r.kind === 'consumption_trend' ? r.vacancyAfter : r.kind === 'zero_signals' ? r.readingAfter : through)).sort()[0], through } : null,
    events: eventRules.length ? { from: eventRules.map((r) => r.from).sort()[0], to: eventsTo } : null,
    needsOutages: rules.some((r) => r.kind === 'zero_signals' && r.outage !== null),
    visits: visitWindow(rules),
  };
}

/**
 * The days whose completed metering work orders some rule reads: the widest event window of the rules that exclude
 * events near one, widened by their days on both sides (China midnights, as the events' window).
 */
function visitWindow(rules: PreparedRule[]): { from: string; to: string } | null {
  const near = rules.filter((r): r is Extract<PreparedRule, { kind: 'meter_events' }> => r.kind === 'meter_events' && r.nearVisitDays !== null);
  if (!near.length) return null;
  const days = Math.max(...near.map((r) => r.nearVisitDays!));
  const from = near.map((r) => r.from).sort()[0];
  const dayOf = (iso: string) => chinaDate(Date.parse(iso));
  return { from: chinaMidnight(addDays(dayOf(from), -days)), to: chinaMidnight(addDays(dayOf(near[0].to), days)) };
}

const PEER_KINDS = new Set<RuleKind>(['consumption_drop', 'consumption_trend', 'consumption_norm', 'zero_unexplained', 'zero_signals']);

/** Months of history a rule reads, counting the as-of month. */
function horizonOf(r: PreparedRule): number {
  switch (r.kind) {
    case 'consumption_drop': return r.months + 12;
    case 'consumption_trend': return Math.max(r.maxOnset + r.base, r.maxYoy === null ? 0 : r.months + 12, r.maxStep === null && r.maxOff === null ? 0 : 12);
    case 'zero_unexplained': case 'zero_signals': return r.months + r.prior;
    case 'capacity_exceeded': case 'meter_events': return 1;
    default: return r.months;
  }
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
  /** Customers of the peer group billed in the month, by offset; length horizonMonths. */
  peerCounts: number[];
  days: { date: string; kwhCenti: number }[];
  events: { kind: string; atMs: number }[];
  /** The customer's station area in the as-of month (rules of the area_line_loss family); absent: not read. */
  area?: AreaFacts | null;
  /** The customer's outage unit over the event window (rules counting power loss net of outages); absent or null: unknown, every event counts. */
  outage?: OutageFacts | null;
  /**
   * Completed metering work orders (计量工单) of the account: the China day numbers (days since 1970-01-01, China
   * time) they were done, in the set's visit window (rules excluding events near a visit); absent: not read.
   */
  visitDays?: number[];
}

/**
 * Power loss in the customer's outage unit (see `outageUnitOf`): how many meters it has (accounts not closed) and, per
 * China day of the event window, how many of them reported a power loss that day.
 */
export interface OutageFacts {
  meters: number;
  days: Record<string, number>;
}

export interface Evaluation {
  accountNo: string;
  score: number;
  /** Codes of the rules that fired, in rule-set order. */
  fired: string[];
  /** Per fired rule: what its explanation quotes (one customer's judgement; the population SQL returns codes only). */
  details?: Record<string, ReasonParams>;
}

/** What a flag quotes in its explanation (months compared, baseline, peer level …): figures in kWh or shares. */
export type ReasonParams = Record<string, number | string>;

const sumOf = (xs: (number | null)[], from: number, n: number) => {
  let s = 0;
  for (let k = from; k < from + n; k += 1) s += xs[k] ?? 0;
  return s;
};
const kwhOf = (centiKwh: number) => Math.round(centiKwh) / 100;
const share = (x: number) => Math.round(x * 1000) / 1000;

/** The rule's verdict: false, or the figures its explanation quotes. */
function check(r: PreparedRule, f: CustomerFacts, p: Pick<PreparedRuleSet, 'asOfMonth'>): false | ReasonParams {
  switch (r.kind) {
    case 'consumption_level': {
      if (!r.tariffs.includes(f.tariffCategory)) return false;
      if ((r.whitelist === 'only' && !f.whitelist) || (r.whitelist === 'exclude' && f.whitelist)) return false;
      let sum = 0;
      let max = 0;
      let min = Infinity;
      for (let k = 0; k < r.months; k += 1) {
        const v = f.months[k];
        if (v === null) return false;
        sum += v;
        if (v > max) max = v;
        if (v < min) min = v;
      }
      if (!(sum >= r.minSum)) return false;
      if (!(r.maxPeak === null || max * r.months <= r.maxPeak * sum)) return false;
      if (!(r.minTrough === null || min * r.months >= r.minTrough * sum)) return false;
      return { from: monthAt(p, r.months - 1), to: p.asOfMonth, avgKwh: kwhOf(sum / r.months), peakKwh: kwhOf(max), ...(r.minTrough === null ? {} : { troughKwh: kwhOf(min) }) };
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
      if (!(ownW / ownB <= r.maxPeerRelative * (peerW / peerB))) return false;
      return { from: monthAt(p, r.months - 1), to: p.asOfMonth, baselineFrom: monthAt(p, r.months + 11), baselineTo: monthAt(p, 12), avgKwh: kwhOf(ownW / r.months), baselineAvgKwh: kwhOf(ownB / r.months), ratio: share(ownW / ownB), peerRatio: share(peerW / peerB) };
    }
    case 'zero_consumption': {
      if (!r.statuses.includes(f.status)) return false;
      for (let k = 0; k < r.months; k += 1) if (f.months[k] !== 0) return false;
      return { from: monthAt(p, r.months - 1), to: p.asOfMonth };
    }
    case 'capacity_exceeded': {
      if (f.capacityKva === null || !(f.capacityKva > 0)) return false;
      let max: number | null = null;
      let day = '';
      for (const d of f.days) if (d.date > r.after && d.date <= r.through && (max === null || d.kwhCenti > max)) [max, day] = [d.kwhCenti, d.date];
      if (!(max !== null && max >= f.capacityKva * r.k)) return false;
      return { date: day, dayKwh: kwhOf(max), capacityKva: f.capacityKva, utilisation: share(max / (f.capacityKva * 2400)) };
    }
    case 'meter_events': {
      let n = 0;
      let nearVisit = 0;
      for (const e of f.events) {
        if (!(r.kinds.includes(e.kind) && e.atMs >= r.fromMs && e.atMs < r.toMs)) continue;
        if (r.nearVisitDays !== null && nearWorkOrder(r.nearVisitDays, f.visitDays, e.atMs)) nearVisit += 1;
        else n += 1;
      }
      return n >= r.minCount ? { count: n, kinds: r.kinds.join(','), ...(nearVisit > 0 ? { workOrderEvents: nearVisit } : {}) } : false;
    }
    case 'consumption_trend':
      return checkTrend(r, f, p);
    case 'consumption_norm': {
      if (!r.tariffs.includes(f.tariffCategory)) return false;
      if ((r.whitelist === 'only' && !f.whitelist) || (r.whitelist === 'exclude' && f.whitelist)) return false;
      let sum = 0;
      let max = 0;
      let peer = 0;
      let customers = 0;
      for (let k = 0; k < r.months; k += 1) {
        const v = f.months[k];
        if (v === null) return false;
        sum += v;
        if (v > max) max = v;
        peer += f.peerMonths[k];
        customers += f.peerCounts[k];
      }
      if (!(sum >= r.minSum) || !(customers > 0)) return false;
      if (!(r.maxPeak === null || max * r.months <= r.maxPeak * sum)) return false;
      if (!(sum / r.months >= r.multiple * (peer / customers))) return false;
      return { from: monthAt(p, r.months - 1), to: p.asOfMonth, avgKwh: kwhOf(sum / r.months), peerAvgKwh: kwhOf(peer / customers), multiple: share(sum / r.months / (peer / customers)) };
    }
    case 'zero_unexplained':
      return checkZero(r, f, p);
    case 'zero_signals': {
      const zero = checkZero(r, f, p);
      if (!zero) return false;
      const signals = zeroSignals(r, f);
      return signals && { ...zero, ...signals };
    }
    case 'area_line_loss': {
      if (!areaLineLossFires(r, f)) return false;
      const a = f.area!;
      const rate = lossRate(a.suppliedCenti, a.billedCenti);
      const base = sumOf(f.months, 1, r.baselineMonths) / r.baselineMonths;
      return {
        // an abnormal area has a loss rate (its supplied energy is known)
        areaId: a.areaId, month: p.asOfMonth, lossRate: Math.round((rate ?? 0) * 1e4) / 1e4, billedKwh: kwhOf(a.billedCenti),
        ...(a.suppliedCenti === null ? {} : { suppliedKwh: kwhOf(a.suppliedCenti) }), monthKwh: kwhOf(f.months[0] ?? 0), baselineAvgKwh: kwhOf(base),
        // a netted drop fired only with a positive peer baseline: the ratio is there
        ...(r.netOfPeers ? { peerRatio: peerRatioOf(r.baselineMonths, f.peerMonths)! } : {}),
      };
    }
  }
}

/** The zero_unexplained pattern (zero_signals starts from it). */
function checkZero(r: Omit<PreparedZeroUnexplained, 'kind'>, f: CustomerFacts, p: Pick<PreparedRuleSet, 'asOfMonth'>): false | ReasonParams {
  if (!r.statuses.includes(f.status)) return false;
  for (let k = 0; k < r.months; k += 1) if (f.months[k] !== 0) return false;
  const prior = sumOf(f.months, r.months, r.prior);
  if (!(prior >= r.minPriorSum)) return false;
  const out: ReasonParams = { from: monthAt(p, r.months - 1), to: p.asOfMonth, priorFrom: monthAt(p, r.months + r.prior - 1), priorTo: monthAt(p, r.months), priorAvgKwh: kwhOf(prior / r.prior) };
  if (r.minPeerShare === null) return out;
  const [pw, cw, pp, cp] = [sumOf(f.peerMonths, 0, r.months), sumOf(f.peerCounts, 0, r.months), sumOf(f.peerMonths, r.months, r.prior), sumOf(f.peerCounts, r.months, r.prior)];
  if (!(cw > 0) || !(cp > 0)) return false;
  if (!(pw / cw >= r.minPeerShare * (pp / cp))) return false;
  return { ...out, peerAvgKwh: kwhOf(pw / cw), peerPriorAvgKwh: kwhOf(pp / cp) };
}

/**
 * The meter's own records: days of the reading window without a frozen reading, power-loss events in the event window;
 * either reaching its bound is a signal. Mirrored in db/judgementSql.ts (zero_signals).
 */
export function zeroSignals(r: Extract<PreparedRule, { kind: 'zero_signals' }>, f: Pick<CustomerFacts, 'days' | 'events' | 'outage'>): false | ReasonParams {
  const read = new Set<string>();
  for (const d of f.days) if (d.date > r.readingAfter && d.date <= r.through) read.add(d.date);
  const missing = r.readingDays - read.size;
  let events = 0;
  let outageEvents = 0;
  for (const e of f.events) {
    if (!(r.kinds.includes(e.kind) && e.atMs >= r.fromMs && e.atMs < r.toMs)) continue;
    if (r.outage !== null && e.kind === 'power_loss' && outageDay(r.outage, f.outage, chinaDate(e.atMs))) outageEvents += 1;
    else events += 1;
  }
  const byReadings = r.minMissing !== null && missing >= r.minMissing;
  const byEvents = r.minEvents !== null && events >= r.minEvents;
  if (!byReadings && !byEvents) return false;
  return { missingDays: missing, readingDays: r.readingDays, events, eventKinds: r.kinds.join(','), eventDays: r.eventDays, ...(outageEvents > 0 ? { outageEvents } : {}) };
}

/**
 * An event on a China day within `days` days of a completed metering work order's day (mirrored in db/judgementSql.ts:
 * the difference of the two China dates, absolute).
 */
function nearWorkOrder(days: number, visitDays: number[] | undefined, atMs: number): boolean {
  if (!visitDays?.length) return false;
  const d = chinaDayNumber(atMs);
  return visitDays.some((v) => Math.abs(v - d) <= days);
}

/**
 * A day of an outage in the customer's unit: enough of its meters reported a power loss that day (counts and share
 * compared as the SQL does: integers, and float8 share × meters).
 */
function outageDay(bounds: { minShare: number; minMeters: number }, o: OutageFacts | null | undefined, day: string): boolean {
  const n = o?.days[day] ?? 0;
  return n >= bounds.minMeters && n >= bounds.minShare * o!.meters;
}

/**
 * The unit whose meters an outage takes down together: the station area (台区, one transformer) where the customer's
 * is known, else its grid (网格), else its station (供电所) — the finest the archive holds, so an outage of a feeder
 * shows in each of its areas, and one transformer's in its own. The key is what the SQL groups by.
 */
export function outageUnitOf(c: { areaId?: string | null; gridId?: string | null; stationId: string }): string {
  return c.areaId ? `a:${c.areaId}` : c.gridId ? `g:${c.gridId}` : `s:${c.stationId}`;
}

/**
 * Outage facts of every unit from a population's records (the in-memory judges; the SQL and the connector count the
 * same from the tables): meters not closed, and per China day in [fromMs, toMs) the meters reporting a power loss.
 */
export function outageFactsByUnit(
  customers: Iterable<{ accountNo: string; areaId?: string | null; gridId?: string | null; stationId: string; status: Status; events: { kind: string; occurredAt: string }[] }>,
  window: { from: string; to: string },
): Map<string, OutageFacts> {
  const [fromMs, toMs] = [Date.parse(window.from), Date.parse(window.to)];
  const units = new Map<string, { meters: number; days: Map<string, Set<string>> }>();
  for (const c of customers) {
    const key = outageUnitOf(c);
    let u = units.get(key);
    if (!u) units.set(key, (u = { meters: 0, days: new Map() }));
    if (c.status !== 'closed') u.meters += 1;
    for (const e of c.events) {
      const at = Date.parse(e.occurredAt);
      if (e.kind !== 'power_loss' || !(at >= fromMs && at < toMs)) continue;
      const day = chinaDate(at);
      let who = u.days.get(day);
      if (!who) u.days.set(day, (who = new Set()));
      who.add(c.accountNo);
    }
  }
  return new Map([...units].map(([key, u]) => [key, { meters: u.meters, days: Object.fromEntries([...u.days].map(([d, who]) => [d, who.size])) }]));
}

/** The customer's share of its peer group's consumption in the month at offset k; null when unknown. */
function shareAt(f: CustomerFacts, k: number): number | null {
  const v = f.months[k];
  const peer = f.peerMonths[k];
  return v === null || v === undefined || !(peer > 0) ? null : v / peer;
}

/**
 * The steps are mirrored one for one in db/judgementSql.ts (trendSql): shares summed in month order, divided by
 * the number of months, compared with the bound ratios.
 */
function checkTrend(r: Extract<PreparedRule, { kind: 'consumption_trend' }>, f: CustomerFacts, p: Pick<PreparedRuleSet, 'asOfMonth'>): false | ReasonParams {
  if (!r.statuses.includes(f.status)) return false;
  let own = 0;
  for (let k = 0; k < r.months; k += 1) {
    const v = f.months[k];
    if (v === null) return false;
    own += v;
  }
  if (r.excludeZero && own === 0) return false;
  let yoy: ReasonParams = {};
  // Where the year-over-year check compares season with season, the off-season check is not needed.
  let offSeason = r.maxOff !== null;
  if (r.maxYoy !== null) {
    let available = true;
    for (let k = 0; k < r.months; k += 1) if (f.months[k + 12] === null || !(f.peerMonths[k + 12] > 0)) available = false;
    if (available) {
      let now = 0;
      let before = 0;
      for (let k = 0; k < r.months; k += 1) {
        const x = shareAt(f, k);
        if (x === null) return false;
        now += x;
        before += shareAt(f, k + 12)!;
      }
      if (!(now <= r.maxYoy * before)) return false;
      offSeason = false;
      yoy = { yearBeforeFrom: monthAt(p, r.months + 11), yearBeforeTo: monthAt(p, 12), yearOverYear: share(now / before) };
    }
  }
  if (r.vacancyRatio !== null) {
    let [n, min, max] = [0, Infinity, -Infinity];
    for (const d of f.days) {
      if (!(d.date > r.vacancyAfter && d.date <= r.through)) continue;
      n += 1;
      if (d.kwhCenti < min) min = d.kwhCenti;
      if (d.kwhCenti > max) max = d.kwhCenti;
    }
    if (n === r.vacancyDays && min > 0 && max <= r.vacancyRatio * min && (r.vacancyMaxCenti === null || max <= r.vacancyMaxCenti)) return false;
  }
  // Fires when any onset qualifies; the explanation quotes the deepest step (the onset with the lowest ratio).
  let best: { s: number; ownBase: number; ratio: number } | null = null;
  for (let s = r.months; s <= r.maxOnset; s += 1) {
    const found = trendFrom(r, f, s, offSeason);
    if (found && (best === null || found.ratio < best.ratio)) best = { s, ...found };
  }
  if (best === null) return false;
  const s = best.s;
  return {
    from: monthAt(p, s - 1), to: p.asOfMonth, baselineFrom: monthAt(p, s + r.base - 1), baselineTo: monthAt(p, s),
    avgKwh: kwhOf(sumOf(f.months, 0, s) / s), baselineAvgKwh: kwhOf(best.ownBase / r.base), ratio: share(best.ratio), ...yoy,
  };
}

/** The step check reads months s..stepEnd-1 before an onset s: the baseline and the rest of the last year. */
export const stepEnd = (r: { base: number }, s: number) => Math.max(s + r.base, 12);

/** The drop started s months ago: months 0..s-1 against months s..s+base-1. */
function trendFrom(r: Extract<PreparedRule, { kind: 'consumption_trend' }>, f: CustomerFacts, s: number, offSeason: boolean): { ownBase: number; ratio: number } | null {
  let after = 0;
  let before = 0;
  let ownBase = 0;
  for (let k = 0; k < s; k += 1) {
    const x = shareAt(f, k);
    if (x === null) return null;
    after += x;
  }
  for (let k = s; k < s + r.base; k += 1) {
    const x = shareAt(f, k);
    if (x === null) return null;
    before += x;
    ownBase += f.months[k]!;
  }
  if (!(ownBase >= r.minBaseSum)) return null;
  const level = before / r.base;
  if (!(after / s <= r.maxOwnRatio * level)) return null;
  for (let k = 0; k < s; k += 1) if (!(shareAt(f, k)! <= r.maxMonthRatio * level)) return null;
  if (r.maxStep !== null) {
    let high = -Infinity;
    for (let k = 0; k < s; k += 1) high = Math.max(high, shareAt(f, k)!);
    // the baseline months are all known (above); earlier months of the year count where billed
    let low = Infinity;
    for (let k = s; k < stepEnd(r, s); k += 1) {
      const x = shareAt(f, k);
      if (x !== null) low = Math.min(low, x);
    }
    if (!(high <= r.maxStep * low)) return null;
  }
  if (r.zeroMonths) for (let k = 0; k < s; k += 1) if (f.months[k] === 0) return null;
  if (offSeason) {
    const since = mildestShare(f, 0, s, r.offMonths);
    const before = mildestShare(f, s, stepEnd(r, s), r.offMonths);
    if (!(since !== null && before !== null && since <= r.maxOff! * before)) return null;
  }
  return { ownBase, ratio: after / s / level };
}

/** The peer group's average per customer in the month at offset k (Infinity when no customer of it was billed). */
const peerLevel = (f: CustomerFacts, k: number) => (f.peerCounts[k] > 0 ? f.peerMonths[k] / f.peerCounts[k] : Infinity);

/**
 * The customer's mean share over the n months of offsets from..to-1 (billed, peers known) with the lowest peer level,
 * ties to the later month; shares added in that order. null: no such month. Mirrored in db/judgementSql.ts.
 */
function mildestShare(f: CustomerFacts, from: number, to: number, n: number): number | null {
  const ks: number[] = [];
  for (let k = from; k < to; k += 1) if (shareAt(f, k) !== null) ks.push(k);
  const picked = ks.sort((a, b) => peerLevel(f, a) - peerLevel(f, b) || a - b).slice(0, n);
  if (!picked.length) return null;
  let sum = 0;
  for (const k of picked) sum += shareAt(f, k)!;
  return sum / picked.length;
}

export function evaluateFacts(p: PreparedRuleSet, f: CustomerFacts): Evaluation {
  const details: Record<string, ReasonParams> = {};
  const fired = p.rules.filter((r) => {
    const c = check(r, f, p);
    if (c) details[r.code] = c;
    return c !== false;
  });
  return { accountNo: f.accountNo, score: Math.min(100, fired.reduce((s, r) => s + r.weight, 0)), fired: fired.map((r) => r.code), details };
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
    reasons: rules.map((r) => ({
      code: r.code, weight: r.weight, textZh: r.textZh, textEn: r.textEn,
      ...(e.details?.[r.code] ? { reasonCode: JUDGEMENT_REASON_CODES[r.kind], params: e.details[r.code] } : {}),
    })),
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
  peerTotals: { month: string; kwhCenti: number; customers?: number }[],
  days: { date: string; dayKwh: number }[],
  events: { kind: string; occurredAt: string }[],
  area?: AreaFacts | null,
  outage?: OutageFacts | null,
  /** Completed metering work orders: when each visit was done (ISO instants); read only where the rules need them. */
  visits?: { doneAt: string }[],
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
  const peerCounts = Array.from({ length: p.horizonMonths }, () => 0);
  for (const t of peerTotals) {
    const k = offset(t.month);
    if (k >= 0 && k < p.horizonMonths) [peerMonths[k], peerCounts[k]] = [t.kwhCenti, t.customers ?? 0];
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
    peerCounts,
    days: days.map((d) => ({ date: d.date, kwhCenti: centi(d.dayKwh) })),
    events: events.map((e) => ({ kind: e.kind, atMs: Date.parse(e.occurredAt) })),
    ...(p.needsArea ? { area: area ?? null } : {}),
    ...(p.needsOutages ? { outage: outage ?? null } : {}),
    ...(p.visits ? { visitDays: visitDaysIn(p.visits, visits ?? []) } : {}),
  };
}

/** The China day numbers of the visits done in the window [from, to) (the connector reads the same window). */
function visitDaysIn(w: { from: string; to: string }, visits: { doneAt: string }[]): number[] {
  const [fromMs, toMs] = [Date.parse(w.from), Date.parse(w.to)];
  return visits.map((v) => Date.parse(v.doneAt)).filter((t) => t >= fromMs && t < toMs).map(chinaDayNumber);
}
