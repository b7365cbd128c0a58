import type { Lang } from './text';
import type { ReasonParams, RuleKind } from './judgementRules';

// The explanation of a flag: a reason code per rule kind and the figures the judgement computed (months compared,
// baseline, peer level …), worded here in zh-CN and en. The case page, the customer 360 and the terminal quote it.

export const JUDGEMENT_REASON_CODES = {
  consumption_level: 'judgement.reason.consumption-level',
  consumption_drop: 'judgement.reason.consumption-drop',
  zero_consumption: 'judgement.reason.zero-consumption',
  capacity_exceeded: 'judgement.reason.capacity-exceeded',
  meter_events: 'judgement.reason.meter-events',
  consumption_trend: 'judgement.reason.consumption-trend',
  consumption_norm: 'judgement.reason.consumption-norm',
  zero_unexplained: 'judgement.reason.zero-unexplained',
  area_line_loss: 'judgement.reason.area-line-loss',
  zero_signals: 'judgement.reason.zero-signals',
} as const satisfies Record<RuleKind, string>;
export type JudgementReasonCode = (typeof JUDGEMENT_REASON_CODES)[RuleKind];

const pct = (x: unknown) => `${Math.round(Number(x) * 1000) / 10}%`;
type P = ReasonParams;

const TEXTS: Record<JudgementReasonCode, Record<Lang, (p: P) => string>> = {
  'judgement.reason.consumption-level': {
    'zh-CN': (p) => `${p.from} 至 ${p.to} 月均 ${p.avgKwh} 千瓦时，峰月 ${p.peakKwh} 千瓦时`,
    en: (p) => `${p.from} to ${p.to}: ${p.avgKwh} kWh a month on average, peak month ${p.peakKwh} kWh`,
  },
  'judgement.reason.consumption-drop': {
    'zh-CN': (p) => `${p.from} 至 ${p.to} 月均 ${p.avgKwh} 千瓦时，上年同期 ${p.baselineFrom} 至 ${p.baselineTo} 月均 ${p.baselineAvgKwh} 千瓦时（本户为上年的 ${pct(p.ratio)}，同所同类用户为 ${pct(p.peerRatio)}）`,
    en: (p) => `${p.from} to ${p.to}: ${p.avgKwh} kWh a month against ${p.baselineAvgKwh} kWh in ${p.baselineFrom} to ${p.baselineTo} (${pct(p.ratio)} of last year; peers ${pct(p.peerRatio)})`,
  },
  'judgement.reason.zero-consumption': {
    'zh-CN': (p) => `${p.from} 至 ${p.to} 每月零电量`,
    en: (p) => `zero consumption every month from ${p.from} to ${p.to}`,
  },
  'judgement.reason.capacity-exceeded': {
    'zh-CN': (p) => `${p.date} 日电量 ${p.dayKwh} 千瓦时，为合同容量 ${p.capacityKva} 千伏安满载 24 小时的 ${pct(p.utilisation)}`,
    en: (p) => `${p.dayKwh} kWh on ${p.date}: ${pct(p.utilisation)} of the contract ${p.capacityKva} kVA for 24 hours`,
  },
  'judgement.reason.meter-events': {
    'zh-CN': (p) => `统计期内计量装置事件 ${p.count} 次`,
    en: (p) => `${p.count} meter event(s) in the window`,
  },
  'judgement.reason.consumption-trend': {
    'zh-CN': (p) => `自 ${p.from} 起月均 ${p.avgKwh} 千瓦时，此前 ${p.baselineFrom} 至 ${p.baselineTo} 月均 ${p.baselineAvgKwh} 千瓦时；扣除同所同类用户同期变化后为此前的 ${pct(p.ratio)}`
      + (p.yearOverYear === undefined ? '' : `；较上年同期（${p.yearBeforeFrom} 至 ${p.yearBeforeTo}）为 ${pct(p.yearOverYear)}`),
    en: (p) => `${p.avgKwh} kWh a month since ${p.from} against ${p.baselineAvgKwh} kWh in ${p.baselineFrom} to ${p.baselineTo}: ${pct(p.ratio)} of before, net of the peers' change`
      + (p.yearOverYear === undefined ? '' : `; ${pct(p.yearOverYear)} of the same months a year earlier (${p.yearBeforeFrom} to ${p.yearBeforeTo})`),
  },
  'judgement.reason.consumption-norm': {
    'zh-CN': (p) => `${p.from} 至 ${p.to} 月均 ${p.avgKwh} 千瓦时，同所同类用户户均 ${p.peerAvgKwh} 千瓦时（${p.multiple} 倍）`,
    en: (p) => `${p.avgKwh} kWh a month from ${p.from} to ${p.to}; the station's average customer of the tariff used ${p.peerAvgKwh} kWh (${p.multiple}×)`,
  },
  'judgement.reason.area-line-loss': {
    'zh-CN': (p) => `台区 ${p.areaId} ${p.month} 线损率 ${pct(p.lossRate)}（供电 ${p.suppliedKwh ?? '—'} 千瓦时，售电 ${p.billedKwh} 千瓦时）；本户当月 ${p.monthKwh} 千瓦时，前期月均 ${p.baselineAvgKwh} 千瓦时`,
    en: (p) => `area ${p.areaId}, ${p.month}: line loss ${pct(p.lossRate)} (supplied ${p.suppliedKwh ?? '—'} kWh, billed ${p.billedKwh} kWh); this customer ${p.monthKwh} kWh against ${p.baselineAvgKwh} kWh a month before`,
  },
  'judgement.reason.zero-unexplained': {
    'zh-CN': (p) => `${p.from} 至 ${p.to} 零电量；此前 ${p.priorFrom} 至 ${p.priorTo} 月均 ${p.priorAvgKwh} 千瓦时`
      + (p.peerAvgKwh === undefined ? '' : `；同所同类用户同期户均 ${p.peerAvgKwh} 千瓦时（此前 ${p.peerPriorAvgKwh} 千瓦时）`),
    en: (p) => `zero from ${p.from} to ${p.to} after ${p.priorAvgKwh} kWh a month in ${p.priorFrom} to ${p.priorTo}`
      + (p.peerAvgKwh === undefined ? '' : `; peers used ${p.peerAvgKwh} kWh a month meanwhile (${p.peerPriorAvgKwh} kWh before)`),
  },
  // The zero pattern's figures, then the meter's own records (what made this zero more suspicious than a vacancy).
  'judgement.reason.zero-signals': {
    'zh-CN': (p) => `${TEXTS['judgement.reason.zero-unexplained']['zh-CN'](p)}；近 ${p.readingDays} 天日冻结数据缺失 ${p.missingDays} 天，近 ${p.eventDays} 天失压/断电事件 ${p.events} 次`,
    en: (p) => `${TEXTS['judgement.reason.zero-unexplained'].en(p)}; daily frozen readings missing on ${p.missingDays} of the last ${p.readingDays} days, ${p.events} power-loss event(s) in the last ${p.eventDays} days`,
  },
};

export const judgementReasonText = (code: JudgementReasonCode, lang: Lang, params: ReasonParams) => TEXTS[code][lang](params);
