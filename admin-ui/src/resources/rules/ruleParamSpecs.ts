import { valuesOf } from '../../data/enumValues';
import type { JudgementRuleSetDocument } from './judgementEditorModel';

// Each judgement rule kind's parameters as a form: the unit, the bounds of the server's schema
// (domain/judgementRules.ts) and how people enter it. Shares (0.5 = half) are entered and shown as percentages;
// the conversion shifts the decimal point of the number's own shortest spelling, so 0.07 ⇄ 7 and back exactly.

type JudgementRule = JudgementRuleSetDocument['rules'][number];
export type RuleKind = JudgementRule['kind'];
type ParamsOf<K extends RuleKind> = Extract<JudgementRule, { kind: K }>['params'];

export const TARIFF_CATEGORIES = valuesOf<ParamsOf<'consumption_level'>['tariffCategories'][number]>()(['residential', 'commercial', 'general_industrial', 'large_industrial', 'agricultural']);
export const CUSTOMER_STATUSES = valuesOf<ParamsOf<'zero_consumption'>['statuses'][number]>()(['active', 'suspended', 'closed']);
export const METER_EVENT_KINDS = valuesOf<ParamsOf<'meter_events'>['kinds'][number]>()(['tamper', 'cover_open', 'reverse_flow', 'power_loss']);
export const WHITELIST_OPTIONS = valuesOf<ParamsOf<'consumption_level'>['whitelist']>()(['any', 'only', 'exclude']);

export type Unit = 'kwh' | 'months' | 'days' | 'times' | 'percent' | 'count';

/**
 * `text`: the key of the label and help when the same parameter name means something else in this kind.
 * `optional`: the server's schema lets it be absent (rule sets published before it existed lack it), and absent means
 * what empty (null) or unticked means; so empty or unticked it is left out, and such a rule set saves back unchanged.
 */
export type ParamSpec = { text?: string; optional?: boolean } & (
  | {
      name: string;
      type: 'number';
      unit: Unit;
      /** Bounds as entered (percent fields in percent). */
      min: number;
      max: number;
      /** The lower bound itself is refused (> min). */
      minExclusive?: boolean;
      integer?: boolean;
      /** Stored as a share (0–1…), entered as a percentage. */
      percent?: boolean;
      /** Empty means null ("no limit"). */
      nullable?: boolean;
    }
  | { name: string; type: 'multi'; choices: 'tariffCategory' | 'status' | 'meterEventKind'; values: readonly string[] }
  | { name: string; type: 'select'; choices: 'whitelist'; values: readonly string[] }
  | { name: string; type: 'boolean' }
);

const months = { type: 'number', unit: 'months', min: 1, max: 12, integer: true } as const;
const kwh = { type: 'number', unit: 'kwh', min: 0, max: 1e9 } as const;
const norm = { type: 'number', unit: 'percent', min: 0, max: 50 } as const;

/** A param by its (possibly dotted) name: normPercent.urban. */
export function paramAt(params: Record<string, unknown> | undefined, name: string): unknown {
  return name.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), params);
}
function setParam(out: Record<string, unknown>, name: string, v: unknown): void {
  const [head = name, ...rest] = name.split('.');
  if (!rest.length) out[head] = v;
  else setParam((out[head] = { ...((out[head] as Record<string, unknown>) ?? {}) }) as Record<string, unknown>, rest.join('.'), v);
}

export const PARAM_SPECS: Record<RuleKind, ParamSpec[]> = {
  consumption_level: [
    { name: 'tariffCategories', type: 'multi', choices: 'tariffCategory', values: TARIFF_CATEGORIES },
    { name: 'whitelist', type: 'select', choices: 'whitelist', values: WHITELIST_OPTIONS },
    { name: 'windowMonths', ...months },
    { name: 'minAvgMonthlyKwh', ...kwh },
    { name: 'maxPeakToAverage', type: 'number', unit: 'times', min: 1, max: 12, nullable: true },
    { name: 'minTroughToAverage', type: 'number', unit: 'percent', min: 0, minExclusive: true, max: 100, percent: true, nullable: true, optional: true },
  ],
  consumption_drop: [
    { name: 'windowMonths', ...months },
    { name: 'maxOwnRatio', type: 'number', unit: 'percent', min: 0, minExclusive: true, max: 100, percent: true },
    { name: 'maxPeerRelative', type: 'number', unit: 'percent', min: 0, minExclusive: true, max: 1000, percent: true },
    { name: 'minBaselineAvgMonthlyKwh', ...kwh },
    { name: 'statuses', type: 'multi', choices: 'status', values: CUSTOMER_STATUSES },
    { name: 'excludeZero', type: 'boolean' },
  ],
  zero_consumption: [
    { name: 'windowMonths', ...months },
    { name: 'statuses', type: 'multi', choices: 'status', values: CUSTOMER_STATUSES },
  ],
  capacity_exceeded: [
    { name: 'windowDays', type: 'number', unit: 'days', min: 1, max: 60, integer: true },
    { name: 'maxUtilisation', type: 'number', unit: 'percent', min: 0, minExclusive: true, max: 1000, percent: true },
  ],
  meter_events: [
    { name: 'windowDays', type: 'number', unit: 'days', min: 1, max: 365, integer: true },
    { name: 'kinds', type: 'multi', choices: 'meterEventKind', values: METER_EVENT_KINDS },
    { name: 'minCount', type: 'number', unit: 'count', min: 1, max: 1000, integer: true },
    { name: 'excludeNearWorkOrderDays', type: 'number', unit: 'days', min: 0, max: 90, integer: true, nullable: true, optional: true },
  ],
  consumption_trend: [
    { name: 'windowMonths', text: 'trendWindowMonths', type: 'number', unit: 'months', min: 1, max: 6, integer: true },
    { name: 'maxOnsetMonths', ...months },
    { name: 'baselineMonths', ...months },
    { name: 'maxOwnRatio', text: 'trendMaxOwnRatio', type: 'number', unit: 'percent', min: 0, minExclusive: true, max: 100, percent: true },
    { name: 'maxMonthRatio', type: 'number', unit: 'percent', min: 0, minExclusive: true, max: 100, percent: true },
    { name: 'maxYearOverYearRatio', type: 'number', unit: 'percent', min: 0, minExclusive: true, max: 100, percent: true, nullable: true },
    { name: 'minBaselineAvgMonthlyKwh', text: 'trendMinBaselineAvgMonthlyKwh', ...kwh },
    { name: 'vacancyMaxDayRatio', type: 'number', unit: 'times', min: 1, max: 100, nullable: true },
    { name: 'vacancyDays', type: 'number', unit: 'days', min: 1, max: 60, integer: true },
    { name: 'maxStepRatio', type: 'number', unit: 'times', min: 0, minExclusive: true, max: 10, nullable: true, optional: true },
    { name: 'vacancyMaxDayKwh', ...kwh, nullable: true, optional: true },
    { name: 'excludeZeroMonths', type: 'boolean', optional: true },
    { name: 'maxOffSeasonRatio', type: 'number', unit: 'percent', min: 0, minExclusive: true, max: 100, percent: true, nullable: true, optional: true },
    { name: 'offSeasonMonths', type: 'number', unit: 'months', min: 1, max: 3, integer: true, optional: true },
    { name: 'statuses', type: 'multi', choices: 'status', values: CUSTOMER_STATUSES },
    { name: 'excludeZero', type: 'boolean' },
  ],
  consumption_norm: [
    { name: 'tariffCategories', type: 'multi', choices: 'tariffCategory', values: TARIFF_CATEGORIES },
    { name: 'whitelist', type: 'select', choices: 'whitelist', values: WHITELIST_OPTIONS },
    { name: 'windowMonths', ...months },
    { name: 'minAvgMonthlyKwh', ...kwh },
    { name: 'minPeerMultiple', type: 'number', unit: 'times', min: 1, max: 100 },
    { name: 'maxPeakToAverage', type: 'number', unit: 'times', min: 1, max: 12, nullable: true, optional: true },
  ],
  zero_unexplained: [
    { name: 'windowMonths', ...months },
    { name: 'statuses', type: 'multi', choices: 'status', values: CUSTOMER_STATUSES },
    { name: 'priorMonths', ...months },
    { name: 'minPriorAvgMonthlyKwh', ...kwh },
    { name: 'minPeerSeasonShare', type: 'number', unit: 'percent', min: 0, max: 1000, percent: true, nullable: true },
  ],
  zero_signals: [
    { name: 'windowMonths', ...months },
    { name: 'statuses', type: 'multi', choices: 'status', values: CUSTOMER_STATUSES },
    { name: 'priorMonths', ...months },
    { name: 'minPriorAvgMonthlyKwh', ...kwh },
    { name: 'minPeerSeasonShare', type: 'number', unit: 'percent', min: 0, max: 1000, percent: true, nullable: true },
    { name: 'readingDays', type: 'number', unit: 'days', min: 1, max: 60, integer: true },
    { name: 'minMissingDays', type: 'number', unit: 'days', min: 1, max: 60, integer: true, nullable: true },
    { name: 'eventDays', type: 'number', unit: 'days', min: 1, max: 365, integer: true },
    { name: 'eventKinds', type: 'multi', choices: 'meterEventKind', values: METER_EVENT_KINDS },
    { name: 'minEvents', type: 'number', unit: 'count', min: 1, max: 1000, integer: true, nullable: true },
    { name: 'outageMinShare', type: 'number', unit: 'percent', min: 0, minExclusive: true, max: 100, percent: true, nullable: true, optional: true },
    { name: 'outageMinMeters', type: 'number', unit: 'count', min: 2, max: 10_000, integer: true, nullable: true, optional: true },
  ],
  // the norms are percentages already (5 = 5 %), one per area type: nested names
  area_line_loss: [
    { name: 'normPercent.urban', ...norm },
    { name: 'normPercent.town', ...norm },
    { name: 'normPercent.rural', ...norm },
    { name: 'marginPoints', ...norm },
    { name: 'negativeAbnormal', type: 'boolean' },
    { name: 'baselineMonths', text: 'areaBaselineMonths', ...months },
    { name: 'minDrop', type: 'number', unit: 'percent', min: 0, minExclusive: true, max: 100, percent: true },
    { name: 'minTrailingAvgMonthlyKwh', ...kwh },
    { name: 'statuses', type: 'multi', choices: 'status', values: CUSTOMER_STATUSES },
    { name: 'netOfPeers', type: 'boolean', optional: true },
  ],
};

/** Starting parameters of a rule whose kind was just chosen (the built-in rules' values). */
export const DEFAULT_PARAMS: { [K in RuleKind]: ParamsOf<K> } = {
  consumption_level: { tariffCategories: ['residential'], whitelist: 'exclude', windowMonths: 12, minAvgMonthlyKwh: 380, maxPeakToAverage: 1.4, minTroughToAverage: 0.8 },
  consumption_drop: { windowMonths: 3, maxOwnRatio: 0.5, maxPeerRelative: 0.6, minBaselineAvgMonthlyKwh: 60, statuses: ['active'], excludeZero: true },
  zero_consumption: { windowMonths: 3, statuses: ['active'] },
  capacity_exceeded: { windowDays: 30, maxUtilisation: 0.9 },
  meter_events: { windowDays: 90, kinds: ['tamper', 'cover_open'], minCount: 1, excludeNearWorkOrderDays: 3 },
  consumption_trend: {
    windowMonths: 3, maxOnsetMonths: 9, baselineMonths: 3, maxOwnRatio: 0.7, maxMonthRatio: 0.8, maxYearOverYearRatio: 0.75, minBaselineAvgMonthlyKwh: 30,
    vacancyMaxDayRatio: 2, vacancyDays: 30, maxStepRatio: 1, vacancyMaxDayKwh: 3, excludeZeroMonths: true, maxOffSeasonRatio: 0.7, offSeasonMonths: 2,
    statuses: ['active'], excludeZero: true,
  },
  consumption_norm: { tariffCategories: ['residential'], whitelist: 'only', windowMonths: 12, minAvgMonthlyKwh: 600, minPeerMultiple: 4, maxPeakToAverage: null },
  zero_unexplained: { windowMonths: 2, statuses: ['active'], priorMonths: 10, minPriorAvgMonthlyKwh: 10, minPeerSeasonShare: 0.3 },
  area_line_loss: {
    normPercent: { urban: 5, town: 7, rural: 9 }, marginPoints: 3, negativeAbnormal: true, baselineMonths: 3, minDrop: 0.3, minTrailingAvgMonthlyKwh: 30, statuses: ['active'], netOfPeers: true,
  },
  zero_signals: {
    windowMonths: 2, statuses: ['active'], priorMonths: 10, minPriorAvgMonthlyKwh: 10, minPeerSeasonShare: 0.3,
    readingDays: 30, minMissingDays: 7, eventDays: 90, eventKinds: ['power_loss'], minEvents: 1, outageMinShare: 0.1, outageMinMeters: 3,
  },
};

/** Moves the decimal point of `x`'s shortest spelling by `places` (exact: 0.07 → 7, 7 → 0.07). */
function shift(x: number, places: number): number {
  const [mantissa, exp = '0'] = String(x).split('e');
  return Number(`${mantissa}e${Number(exp) + places}`);
}
export const toPercent = (share: number) => shift(share, 2);
export const fromPercent = (percent: number) => shift(percent, -2);

export type EditorParams = Record<string, unknown>;

/** Stored params → what the kind's form shows (shares as percentages; null as empty). */
export function paramsToForm(kind: RuleKind, params: Record<string, unknown>): EditorParams {
  const out: EditorParams = { ...params };
  for (const s of PARAM_SPECS[kind] ?? []) {
    const v = paramAt(params, s.name);
    if (s.type === 'number' && s.percent && typeof v === 'number') setParam(out, s.name, toPercent(v));
    if (s.type === 'number' && s.nullable && v === null) setParam(out, s.name, '');
  }
  return out;
}

/** The form's values → params as the API takes them (the server checks them again). */
export function paramsFromForm(kind: RuleKind, form: EditorParams | undefined): Record<string, unknown> {
  const specs = PARAM_SPECS[kind];
  if (!specs) return { ...form };
  const out: Record<string, unknown> = {};
  for (const s of specs) {
    const v = paramAt(form, s.name);
    if (s.optional && (v === undefined || v === null || v === '' || v === false)) continue;
    if (s.type === 'number') {
      const empty = v === '' || v === null || v === undefined;
      setParam(out, s.name, empty ? (s.nullable ? null : undefined) : s.percent ? fromPercent(Number(v)) : Number(v));
    } else if (s.type === 'boolean') setParam(out, s.name, Boolean(v));
    else setParam(out, s.name, v);
  }
  return out;
}

/** The message key (and its figures) of a value the server would refuse; undefined when it fits. */
export function checkParam(s: ParamSpec, v: unknown): { key: string; args?: Record<string, unknown> } | undefined {
  const P = 'resources.judgement-rule-sets.validation';
  if (s.type === 'multi') return Array.isArray(v) && v.length > 0 ? undefined : { key: `${P}.chooseOne` };
  if (s.type === 'select') return typeof v === 'string' && s.values.includes(v) ? undefined : { key: `${P}.required` };
  if (s.type === 'boolean') return undefined;
  if (v === '' || v === null || v === undefined) return s.nullable || s.optional ? undefined : { key: `${P}.required` };
  const n = Number(v);
  if (!Number.isFinite(n)) return { key: `${P}.number` };
  if (s.integer && !Number.isInteger(n)) return { key: `${P}.wholeNumber` };
  const unit = s.unit === 'percent' ? '%' : '';
  const range = { min: `${s.min}${unit}`, max: `${s.max}${unit}` };
  if (s.minExclusive ? n <= s.min : n < s.min) return { key: s.minExclusive ? `${P}.rangeExclusive` : `${P}.range`, args: range };
  if (n > s.max) return { key: s.minExclusive ? `${P}.rangeExclusive` : `${P}.range`, args: range };
  return undefined;
}
