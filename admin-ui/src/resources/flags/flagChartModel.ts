import type { ApiResponse } from '../../data/api';
import { pct, type ReasonParams } from './flagExplanation';

// What a flag's charts draw (#21 item 4), as plain data: which months to ask the API for (from the flag's own figures:
// the months compared, the baseline), then bars and reference lines built from the answer. The SVG component only
// draws what these functions return, so the tests check the numbers here.

export type FlagEvidence = ApiResponse<'/api/customers/{accountNo}/flag-evidence'>;
type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A flag as the case page (code + figures) or the customer 360 (family, figures only for line loss) has it. */
export interface FlagSubject {
  family?: string;
  reasonCode?: string;
  params?: ReasonParams | Record<string, unknown>;
}

export type ChartSpec =
  | { kind: 'months'; compared: [string, string] | null; baseline: [string, string] | null; baselineAvgKwh: number | null }
  | { kind: 'area'; month: string }
  | { kind: 'days'; date: string | null };

/** One request for evidence (through, months) and the charts drawn from its answer. */
export interface FlagPlan {
  through: string;
  months: number;
  charts: ChartSpec[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_MONTHS = 36;
/** Months of context drawn before a window that has no baseline of its own. */
const CONTEXT = 3;

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
export function addMonths(month: string, n: number): string {
  const t = monthIndex(month) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}
export const monthsBetween = (a: string, b: string) => monthIndex(b) - monthIndex(a);

const str = (p: FlagSubject['params'], k: string, re: RegExp): string | null => {
  const v = p?.[k];
  return typeof v === 'string' && re.test(v) ? v : null;
};
const num = (p: FlagSubject['params'], k: string): number | null => {
  const v = p?.[k];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};
const span = (from: string, to: string) => Math.min(MAX_MONTHS, monthsBetween(from, to) + 1);

/** The family of a flag: its code's (judgement.reason.consumption-trend → consumption_trend), else the one recorded. */
export function familyOf(r: FlagSubject): string | null {
  if (r.reasonCode?.startsWith('judgement.reason.')) return r.reasonCode.slice('judgement.reason.'.length).replace(/-/g, '_');
  return r.family ?? null;
}

/**
 * The charts of a flag. With its figures: the months it compared (and its baseline) highlighted; without them (a
 * stored reason of the daily run quotes only line-loss figures): the 13 months up to the judged month, nothing
 * highlighted. Null: nothing to draw (meter events; no month known).
 */
export function flagPlan(r: FlagSubject, judgedMonth: string | null): FlagPlan | null {
  const f = familyOf(r);
  const p = r.params;
  const from = str(p, 'from', MONTH);
  const to = str(p, 'to', MONTH);
  const fallback = judgedMonth && MONTH.test(judgedMonth) ? judgedMonth : null;
  const window = (baselineFrom: string | null, baselineTo: string | null, extra: ChartSpec[] = []): FlagPlan | null => {
    if (from && to && from <= to) {
      const baseline: [string, string] | null = baselineFrom && baselineTo && baselineFrom <= baselineTo ? [baselineFrom, baselineTo] : null;
      const start = baseline && baseline[0] < from ? baseline[0] : addMonths(from, -CONTEXT);
      return { through: to, months: span(start, to), charts: [{ kind: 'months', compared: [from, to], baseline, baselineAvgKwh: num(p, 'baselineAvgKwh') ?? num(p, 'priorAvgKwh') }, ...extra] };
    }
    return fallback ? { through: fallback, months: 13, charts: [{ kind: 'months', compared: null, baseline: null, baselineAvgKwh: null }, ...extra] } : null;
  };
  switch (f) {
    case 'consumption_level':
    case 'consumption_norm':
      return window(null, null);
    case 'consumption_drop':
    case 'consumption_trend':
      return window(str(p, 'baselineFrom', MONTH), str(p, 'baselineTo', MONTH));
    case 'zero_consumption':
      return window(null, null, [{ kind: 'days', date: null }]);
    case 'zero_unexplained':
    case 'zero_signals':
      return window(str(p, 'priorFrom', MONTH), str(p, 'priorTo', MONTH), [{ kind: 'days', date: null }]);
    case 'capacity_exceeded': {
      const date = str(p, 'date', DATE);
      const month = date ? date.slice(0, 7) : fallback;
      return month ? { through: month, months: 1, charts: [{ kind: 'days', date }] } : null;
    }
    case 'area_line_loss': {
      const month = str(p, 'month', MONTH) ?? fallback;
      if (!month) return null;
      return { through: month, months: 13, charts: [{ kind: 'area', month }, { kind: 'months', compared: [month, month], baseline: null, baselineAvgKwh: num(p, 'baselineAvgKwh') }] };
    }
    default:
      return null;
  }
}

export type Tone = 'compared' | 'baseline' | 'other' | 'alert' | 'normal' | 'flagged';
export type LineTone = 'peer' | 'baselineAvg' | 'norm' | 'upper' | 'capacity';

export interface BarDatum {
  key: string;
  /** Axis label; empty: none under this bar. */
  label: string;
  /** null: no data (not billed, no supply, no reading), drawn as a gap marker. */
  value: number | null;
  tone: Tone;
  title: string;
}
export interface LineDatum {
  key: string;
  tone: LineTone;
  /** One value per bar (null breaks the line), or one level across the chart. */
  values: (number | null)[] | number;
  dashed: boolean;
}
export interface BarChartModel {
  testId: string;
  bars: BarDatum[];
  lines: LineDatum[];
  /** Axis and tooltip numbers. */
  percent: boolean;
  /** The accessible summary (role="img" aria-label) with the numbers a sighted reader takes from the chart. */
  summary: string;
  legend: { tone: Tone | LineTone | 'missing'; label: string }[];
}

const KWH = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });
export const kwh = (n: number | null | undefined) => (n === null || n === undefined ? '—' : KWH.format(n));
const avg = (xs: (number | null)[]) => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? v.reduce((s, x) => s + x, 0) / v.length : null;
};
const monthLabel = (m: string, i: number, n: number) => (i % Math.ceil(n / 6) === 0 || i === n - 1 ? `${m.slice(2, 4)}/${m.slice(5)}` : '');

/** The customer's months as bars (compared / baseline / other) with the peer median and the baseline average. */
export function monthsChart(spec: Extract<ChartSpec, { kind: 'months' }>, ev: FlagEvidence, t: Translate): BarChartModel | null {
  const months = ev.months;
  if (!months.length || months.every((m) => m.kwh === null)) return null;
  const inside = (w: [string, string] | null, m: string) => w !== null && m >= w[0] && m <= w[1];
  const bars: BarDatum[] = months.map((m, i) => ({
    key: m.month,
    label: monthLabel(m.month, i, months.length),
    value: m.kwh,
    tone: inside(spec.compared, m.month) ? 'compared' : inside(spec.baseline, m.month) ? 'baseline' : 'other',
    title: t(m.kwh === null ? 'flags.chart.notBilled' : 'flags.chart.bar', { month: m.month, kwh: kwh(m.kwh), peer: kwh(m.peerMedianKwh) }),
  }));
  const lines: LineDatum[] = [];
  if (months.some((m) => m.peerMedianKwh !== null)) lines.push({ key: 'peer', tone: 'peer', values: months.map((m) => m.peerMedianKwh), dashed: false });
  if (spec.baselineAvgKwh !== null) lines.push({ key: 'baselineAvg', tone: 'baselineAvg', values: spec.baselineAvgKwh, dashed: true });
  const window = spec.compared ?? [months[0]!.month, months.at(-1)!.month];
  const inWindow = months.filter((m) => m.month >= window[0] && m.month <= window[1]);
  const baselineAvg = spec.baseline ? avg(months.filter((m) => inside(spec.baseline, m.month)).map((m) => m.kwh)) : null;
  const summary = t('flags.chart.monthsSummary', {
    from: window[0], to: window[1], avg: kwh(avg(inWindow.map((m) => m.kwh))), peer: kwh(avg(inWindow.map((m) => m.peerMedianKwh))),
    baseline: baselineAvg === null ? '' : t('flags.chart.monthsBaseline', { avg: kwh(baselineAvg) }),
  });
  const tones = new Set(bars.map((b) => b.tone));
  const legend: BarChartModel['legend'] = (['compared', 'baseline', 'other'] as const).filter((x) => tones.has(x) && (x !== 'other' || spec.compared !== null)).map((x) => ({ tone: x, label: t(`flags.chart.legend.${x}`) }));
  if (spec.compared === null) legend.unshift({ tone: 'other', label: t('flags.chart.legend.other') });
  for (const l of lines) legend.push({ tone: l.tone, label: t(`flags.chart.legend.${l.tone}`) });
  if (bars.some((b) => b.value === null)) legend.push({ tone: 'missing', label: t('flags.chart.legend.missing') });
  return { testId: 'flag-chart-months', bars, lines, percent: false, summary, legend };
}

/** The area's loss rate per month against its norm and abnormal line; null without an area or any loss rate. */
export function areaChart(spec: Extract<ChartSpec, { kind: 'area' }>, ev: FlagEvidence, t: Translate): BarChartModel | null {
  const a = ev.area;
  if (!a || a.months.every((m) => m.lossRate === null)) return null;
  const bars: BarDatum[] = a.months.map((m, i) => ({
    key: m.month,
    label: monthLabel(m.month, i, a.months.length),
    value: m.lossRate,
    tone: m.lossRate !== null && m.lossRate > a.upper ? 'alert' : 'normal',
    title: m.lossRate === null ? t('flags.chart.noSupply', { month: m.month }) : t('flags.chart.lossBar', { month: m.month, loss: pct(m.lossRate), supplied: kwh(m.suppliedKwh), billed: kwh(m.billedKwh) }),
  }));
  const flagged = a.months.find((m) => m.month === spec.month);
  const summary = t('flags.chart.areaSummary', {
    area: a.name ? `${a.name} ${a.areaId}` : a.areaId, from: a.months[0]!.month, to: a.months.at(-1)!.month, month: spec.month,
    loss: flagged?.lossRate == null ? '—' : pct(flagged.lossRate), norm: pct(a.norm), upper: pct(a.upper), abnormal: bars.filter((b) => b.tone === 'alert').length,
  });
  const legend: BarChartModel['legend'] = [{ tone: 'normal', label: t('flags.chart.legend.lossRate') }];
  if (bars.some((b) => b.tone === 'alert')) legend.push({ tone: 'alert', label: t('flags.chart.legend.lossAbnormal') });
  legend.push({ tone: 'norm', label: t('flags.chart.legend.norm') }, { tone: 'upper', label: t('flags.chart.legend.upper') });
  if (bars.some((b) => b.value === null)) legend.push({ tone: 'missing', label: t('flags.chart.legend.missing') });
  return {
    testId: 'flag-chart-area', bars, percent: true, summary, legend,
    lines: [{ key: 'norm', tone: 'norm', values: a.norm, dashed: false }, { key: 'upper', tone: 'upper', values: a.upper, dashed: true }],
  };
}

/** Every day of the readings' span as a bar (a day without a reading is a gap), against 24 hours of the contract capacity. */
export function daysChart(spec: Extract<ChartSpec, { kind: 'days' }>, ev: FlagEvidence, t: Translate): BarChartModel | null {
  const head = ev.days[0];
  if (!head) return null;
  const byDate = new Map(ev.days.map((d) => [d.date, d.kwh]));
  const first = head.date;
  const last = ev.days.at(-1)!.date;
  const dates: string[] = [];
  for (let d = new Date(`${first}T00:00:00Z`); d.toISOString().slice(0, 10) <= last; d.setUTCDate(d.getUTCDate() + 1)) dates.push(d.toISOString().slice(0, 10));
  const bars: BarDatum[] = dates.map((date, i) => {
    const v = byDate.get(date) ?? null;
    return {
      key: date, label: i % Math.ceil(dates.length / 6) === 0 || i === dates.length - 1 ? date.slice(5).replace('-', '/') : '', value: v,
      tone: date === spec.date ? 'flagged' : 'normal',
      title: t(v === null ? 'flags.chart.missingDay' : 'flags.chart.dayBar', { date, kwh: kwh(v) }),
    };
  });
  const capKwh = ev.capacityKva !== null && ev.capacityKva > 0 ? ev.capacityKva * 24 : null;
  const max = ev.days.reduce((m, d) => (d.kwh > m.kwh ? d : m), head);
  const summary = t('flags.chart.daysSummary', {
    from: first, to: last, max: kwh(max.kwh), date: max.date, gaps: bars.filter((b) => b.value === null).length,
    capacity: capKwh === null ? '' : t('flags.chart.daysCapacity', { kwh: kwh(capKwh) }),
  });
  const legend: BarChartModel['legend'] = [{ tone: 'normal', label: t('flags.chart.legend.dayKwh') }];
  if (bars.some((b) => b.tone === 'flagged')) legend.push({ tone: 'flagged', label: t('flags.chart.legend.flaggedDay') });
  if (capKwh !== null) legend.push({ tone: 'capacity', label: t('flags.chart.legend.capacity') });
  if (bars.some((b) => b.value === null)) legend.push({ tone: 'missing', label: t('flags.chart.legend.missing') });
  return { testId: 'flag-chart-days', bars, percent: false, summary, legend, lines: capKwh === null ? [] : [{ key: 'capacity', tone: 'capacity', values: capKwh, dashed: true }] };
}

export function chartModel(spec: ChartSpec, ev: FlagEvidence, t: Translate): BarChartModel | null {
  return spec.kind === 'months' ? monthsChart(spec, ev, t) : spec.kind === 'area' ? areaChart(spec, ev, t) : daysChart(spec, ev, t);
}
