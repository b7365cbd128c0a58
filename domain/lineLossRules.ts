import { z } from 'zod';
import { AREA_TYPES, AreaType, CustomerStatus, type CustomerStatus as Status } from './customerData';

/**
 * Station-area line loss (台区线损), the judgement family `area_line_loss`. The area meter (台区总表) of a distribution
 * transformer measures what the area was supplied; the customers' bills say what was sold. Loss rate of a month =
 * (supplied − Σ billed) / supplied. Above its area type's norm by more than a margin (or negative, when the rule set
 * says so) the area is abnormal, and in an abnormal area a customer whose consumption dropped against its own trailing
 * baseline is the classic suspect of theft in State Grid practice. Both evaluation paths (one customer here, the
 * population in db/lineLossSql.ts) compare the same integer 0.01-kWh amounts with the same doubles, as the other
 * families do (domain/judgementRules.ts).
 */

export { AREA_TYPES, AreaType };

const percent = z.number().min(0).max(50);

export const AreaLineLossParams = z.strictObject({
  /** Loss-rate norm per area type, percent of the supplied energy (城网 / 镇区 / 农网). */
  normPercent: z.strictObject({ urban: percent, town: percent, rural: percent }),
  /** Abnormal when the month's loss rate exceeds the norm by more than this many percentage points. */
  marginPoints: z.number().min(0).max(50),
  /** A negative loss (more billed than supplied: customers booked to the wrong area, a faulty area meter) is abnormal too. */
  negativeAbnormal: z.boolean(),
  /** Months before the as-of month that make the customer's trailing baseline (all billed). */
  baselineMonths: z.int().min(1).max(12),
  /** The customer's as-of month at most (1 − minDrop) × its baseline average month. */
  minDrop: z.number().gt(0).max(1),
  /** Ignore customers whose baseline average month was below this (kWh). */
  minTrailingAvgMonthlyKwh: z.number().min(0).max(1e9),
  statuses: z.array(CustomerStatus).min(1),
  /**
   * The drop must also go beyond the peers' change over the same months (station and tariff, as THEFT_DROP nets them):
   * the as-of month's share of the peer group at most (1 − minDrop) × the baseline's. Without it, a household whose
   * heating or air-conditioning season ends has "dropped" in every spring and autumn, and in an area above its norm
   * each such household is flagged (#21: on the independent population with simulated area meters, theft precision
   * 92 % → 36–62 % in March). Absent: false (the rule as first published).
   */
  netOfPeers: z.boolean().optional(),
});
export type AreaLineLossParams = z.infer<typeof AreaLineLossParams>;

/** The constants both evaluation paths compare with. */
export interface PreparedAreaLineLoss {
  kind: 'area_line_loss';
  /** History read: the as-of month and the baseline months. */
  months: number;
  baselineMonths: number;
  /** Loss-rate fraction above which an area of the type is abnormal: (norm + margin) / 100. */
  upper: Record<AreaType, number>;
  negativeAbnormal: boolean;
  /** 1 − minDrop. */
  keep: number;
  /** Σ 0.01 kWh the baseline must reach. */
  minBase: number;
  statuses: Status[];
  netOfPeers: boolean;
}

export function prepareAreaLineLoss(p: AreaLineLossParams): PreparedAreaLineLoss {
  const upper = Object.fromEntries(AREA_TYPES.map((t) => [t, (p.normPercent[t] + p.marginPoints) / 100])) as Record<AreaType, number>;
  return {
    kind: 'area_line_loss', months: p.baselineMonths + 1, baselineMonths: p.baselineMonths, upper, negativeAbnormal: p.negativeAbnormal,
    keep: 1 - p.minDrop, minBase: p.minTrailingAvgMonthlyKwh * 100 * p.baselineMonths, statuses: p.statuses, netOfPeers: p.netOfPeers ?? false,
  };
}

/** One area in the as-of month, as the customer's facts carry it; amounts in integer 0.01 kWh. */
export interface AreaFacts {
  areaId: string;
  areaType: AreaType;
  /** The area meter's supplied energy; null: not imported for the month. */
  suppliedCenti: number | null;
  /** Σ billed of the area's customers in the month. */
  billedCenti: number;
}

/** (supplied − billed) / supplied; null without a positive supply. */
export function lossRate(suppliedCenti: number | null, billedCenti: number): number | null {
  if (suppliedCenti === null || !(suppliedCenti > 0)) return null;
  return (suppliedCenti - billedCenti) / suppliedCenti;
}

export function areaAbnormal(r: Pick<PreparedAreaLineLoss, 'upper' | 'negativeAbnormal'>, a: AreaFacts): boolean {
  const rate = lossRate(a.suppliedCenti, a.billedCenti);
  if (rate === null) return false;
  return rate > r.upper[a.areaType] || (r.negativeAbnormal && a.suppliedCenti! - a.billedCenti < 0);
}

/** The peer group's baseline total: peerMonths[1..B] (0.01 kWh; a month the group has no bill in counts 0). */
function peerBaselineOf(baselineMonths: number, peerMonths: readonly number[]): number {
  let base = 0;
  for (let k = 1; k <= baselineMonths; k += 1) base += peerMonths[k] ?? 0;
  return base;
}

/**
 * The customer's drop against its trailing baseline: months[0] the as-of month, months[1..B] the baseline; with
 * netOfPeers also against the peer group's totals of the same months (peerMonths, the same offsets).
 */
export function customerDropped(r: PreparedAreaLineLoss, months: readonly (number | null)[], peerMonths: readonly number[] = []): boolean {
  const now = months[0];
  if (now === null || now === undefined) return false;
  let base = 0;
  for (let k = 1; k <= r.baselineMonths; k += 1) {
    const v = months[k];
    if (v === null || v === undefined) return false;
    base += v;
  }
  if (!(base >= r.minBase && base > 0 && now * r.baselineMonths <= r.keep * base)) return false;
  if (!r.netOfPeers) return true;
  const peerNow = peerMonths[0] ?? 0;
  const peerBase = peerBaselineOf(r.baselineMonths, peerMonths);
  // now / peerNow ≤ keep × base / peerBase, multiplied out (doubles, in the order the SQL multiplies them)
  return peerNow > 0 && peerBase > 0 && now * peerBase <= r.keep * base * peerNow;
}

export function areaLineLossFires(
  r: PreparedAreaLineLoss,
  f: { status: Status; months: readonly (number | null)[]; peerMonths?: readonly number[]; area?: AreaFacts | null },
): boolean {
  if (!r.statuses.includes(f.status) || !f.area) return false;
  return areaAbnormal(r, f.area) && customerDropped(r, f.months, f.peerMonths);
}

/** What a line-loss reason shows (its params): the area, the month, its loss rate against the norm, the customer's drop. */
export interface LineLossReasonParams {
  areaId: string;
  areaName: string | null;
  areaType: AreaType;
  month: string;
  /** Fractions (0.123 = 12.3 %), rounded to 4 decimals. */
  lossRate: number | null;
  norm: number;
  suppliedKwh: number | null;
  billedKwh: number;
  /** 1 − as-of month / baseline average month. */
  drop: number | null;
  baselineAvgKwh: number | null;
  monthKwh: number | null;
  /** With netOfPeers: the peer group's as-of month against its baseline average month (0.82 = down 18 %). */
  peerRatio?: number | null;
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * The peer group's as-of month against its baseline average month (peerMonths[0] and [1..B], 0.01 kWh), rounded to 4
 * decimals: what a netted drop was measured against. Null without a positive baseline.
 */
export function peerRatioOf(baselineMonths: number, peerMonths: readonly number[]): number | null {
  const base = peerBaselineOf(baselineMonths, peerMonths);
  return base > 0 ? round4(((peerMonths[0] ?? 0) * baselineMonths) / base) : null;
}

export function lineLossReasonParams(
  params: AreaLineLossParams, month: string, area: AreaFacts & { areaName: string | null }, months: readonly (number | null)[], peerMonths: readonly number[] = [],
): LineLossReasonParams {
  const rate = lossRate(area.suppliedCenti, area.billedCenti);
  const base = months.slice(1, params.baselineMonths + 1);
  const complete = base.length === params.baselineMonths && base.every((v) => v !== null && v !== undefined);
  const avg = complete ? (base as number[]).reduce((s, v) => s + v, 0) / params.baselineMonths : null;
  const now = months[0] ?? null;
  return {
    areaId: area.areaId, areaName: area.areaName, areaType: area.areaType, month,
    lossRate: rate === null ? null : round4(rate), norm: round4(params.normPercent[area.areaType] / 100),
    suppliedKwh: area.suppliedCenti === null ? null : area.suppliedCenti / 100, billedKwh: area.billedCenti / 100,
    drop: avg && now !== null ? round4(1 - now / avg) : null, baselineAvgKwh: avg === null ? null : Math.round(avg) / 100, monthKwh: now === null ? null : now / 100,
    ...(params.netOfPeers ? { peerRatio: peerRatioOf(params.baselineMonths, peerMonths) } : {}),
  };
}

/** The family's default rule (a rule set adds it like any other rule). */
export const DEFAULT_AREA_LINE_LOSS_PARAMS: AreaLineLossParams = {
  normPercent: { urban: 5, town: 7, rural: 9 }, marginPoints: 3, negativeAbnormal: true, baselineMonths: 3, minDrop: 0.3,
  minTrailingAvgMonthlyKwh: 30, statuses: ['active'],
};

/** The family's rule as a rule set carries it (weights and texts are the rule set's data like every rule's). */
export const AREA_LINE_LOSS_RULE = {
  code: 'AREA_LINE_LOSS',
  kind: 'area_line_loss',
  anomalyType: 'theft',
  weight: 50,
  textZh: '所在台区线损率超出同类台区标准，且该户电量较自身前期明显下降，疑似窃电',
  textEn: 'The station area loses more than its norm and the customer\'s use dropped against its own recent months: suspected theft',
  checkItems: [
    { code: 'METER_SEAL', textZh: '检查计量装置封印、接线及表箱是否完好', textEn: 'Check the meter seals, wiring and meter box' },
    { code: 'BYPASS_LINE', textZh: '排查表前私接、绕越计量的线路', textEn: 'Look for connections bypassing the meter' },
  ],
  params: DEFAULT_AREA_LINE_LOSS_PARAMS,
} as const satisfies { kind: 'area_line_loss'; params: AreaLineLossParams } & Record<string, unknown>;
