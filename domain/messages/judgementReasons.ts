import type { MessageTemplates } from './render';

// What a judgement flag compared, in words (#21): one template per reason code, plus the parts a reason adds when its
// figures are there (render.ts `renderReason` picks them). Shares (ratio, lossRate…) arrive as 0.381 and read "38.1%".
// The API and both UIs word a flag from here (client/messages.gen.ts), so the three say the same thing.
export const JUDGEMENT_REASON_MESSAGES = {
  'judgement.reason.consumption-level': {
    'zh-CN': '{from} 至 {to} 月均 {avgKwh} 千瓦时，峰月 {peakKwh} 千瓦时',
    en: '{from} to {to}: {avgKwh} kWh a month on average, peak month {peakKwh} kWh',
  },
  'judgement.reason.consumption-drop': {
    'zh-CN': '{from} 至 {to} 月均 {avgKwh} 千瓦时，上年同期 {baselineFrom} 至 {baselineTo} 月均 {baselineAvgKwh} 千瓦时（本户为上年的 {ratio}，同所同类用户为 {peerRatio}）',
    en: '{from} to {to}: {avgKwh} kWh a month against {baselineAvgKwh} kWh in {baselineFrom} to {baselineTo} ({ratio} of last year; peers {peerRatio})',
  },
  'judgement.reason.zero-consumption': {
    'zh-CN': '{from} 至 {to} 每月零电量',
    en: 'zero consumption every month from {from} to {to}',
  },
  'judgement.reason.capacity-exceeded': {
    'zh-CN': '{date} 日电量 {dayKwh} 千瓦时，为合同容量 {capacityKva} 千伏安满载 24 小时的 {utilisation}',
    en: '{dayKwh} kWh on {date}: {utilisation} of the contract {capacityKva} kVA for 24 hours',
  },
  'judgement.reason.meter-events': {
    'zh-CN': '统计期内计量装置事件 {count} 次',
    en: '{count} meter event(s) in the window',
  },
  'judgement.reason.consumption-trend': {
    'zh-CN': '自 {from} 起月均 {avgKwh} 千瓦时，此前 {baselineFrom} 至 {baselineTo} 月均 {baselineAvgKwh} 千瓦时；扣除同所同类用户同期变化后为此前的 {ratio}',
    en: "{avgKwh} kWh a month since {from} against {baselineAvgKwh} kWh in {baselineFrom} to {baselineTo}: {ratio} of before, net of the peers' change",
  },
  'judgement.reason-part.year-over-year': {
    'zh-CN': '；较上年同期（{yearBeforeFrom} 至 {yearBeforeTo}）为 {yearOverYear}',
    en: '; {yearOverYear} of the same months a year earlier ({yearBeforeFrom} to {yearBeforeTo})',
  },
  'judgement.reason.consumption-norm': {
    'zh-CN': '{from} 至 {to} 月均 {avgKwh} 千瓦时，同所同类用户户均 {peerAvgKwh} 千瓦时（{multiple} 倍）',
    en: "{avgKwh} kWh a month from {from} to {to}; the station's average customer of the tariff used {peerAvgKwh} kWh ({multiple}×)",
  },
  'judgement.reason.area-line-loss': {
    'zh-CN': '台区 {areaId} {month} 线损率 {lossRate}（供电 {suppliedKwh} 千瓦时，售电 {billedKwh} 千瓦时）；本户当月 {monthKwh} 千瓦时，前期月均 {baselineAvgKwh} 千瓦时',
    en: 'area {areaId}, {month}: line loss {lossRate} (supplied {suppliedKwh} kWh, billed {billedKwh} kWh); this customer {monthKwh} kWh against {baselineAvgKwh} kWh a month before',
  },
  'judgement.reason-part.area-peers': {
    'zh-CN': '；同所同类用户当月为其前期月均的 {peerRatio}',
    en: "; the station's customers of the tariff used {peerRatio} of their earlier average that month",
  },
  'judgement.reason.zero-unexplained': {
    'zh-CN': '{from} 至 {to} 零电量；此前 {priorFrom} 至 {priorTo} 月均 {priorAvgKwh} 千瓦时',
    en: 'zero from {from} to {to} after {priorAvgKwh} kWh a month in {priorFrom} to {priorTo}',
  },
  'judgement.reason-part.zero-peers': {
    'zh-CN': '；同所同类用户同期户均 {peerAvgKwh} 千瓦时（此前 {peerPriorAvgKwh} 千瓦时）',
    en: '; peers used {peerAvgKwh} kWh a month meanwhile ({peerPriorAvgKwh} kWh before)',
  },
  // Worded after the zero-unexplained pattern's figures: the meter's own records, what made this zero more suspicious
  // than a vacancy (render.ts REASON_WORDING).
  'judgement.reason.zero-signals': {
    'zh-CN': '；近 {readingDays} 天日冻结数据缺失 {missingDays} 天，近 {eventDays} 天失压/断电事件 {events} 次',
    en: '; daily frozen readings missing on {missingDays} of the last {readingDays} days, {events} power-loss event(s) in the last {eventDays} days',
  },
  // Power-loss events left out because an outage took down enough meters of the customer's unit that day (2026.4).
  'judgement.reason-part.zero-outages': {
    'zh-CN': '（另有 {outageEvents} 次在所属台区/网格多表同日失压的停电日，视为线路停电未计入）',
    en: " (not counting {outageEvents} on days when many meters of its area or grid lost power: an outage)",
  },
  // Events left out because a completed metering work order's visit was within the rule's days of them (2026.4).
  'judgement.reason-part.meter-work-orders': {
    'zh-CN': '（另有 {workOrderEvents} 次发生在本户计量工单现场作业前后，视为供电企业作业未计入）',
    en: ' (not counting {workOrderEvents} near a completed metering work order on the account: the utility\'s own visit)',
  },
} satisfies MessageTemplates;
