import type { Area } from './area';

// A flag's explanation on the task page (#21 item 4): the server's words for each reason code and its figures
// (domain/judgementReasonTexts.ts; reasons.test.ts compares them code by code). `-yoy` and `-peers` are the optional
// tails the server adds when the judgement had those figures.

export const reasons: Area = {
  zh: {
    'reason.consumption-level': '{from} 至 {to} 月均 {avgKwh} 千瓦时，峰月 {peakKwh} 千瓦时',
    'reason.consumption-drop': '{from} 至 {to} 月均 {avgKwh} 千瓦时，上年同期 {baselineFrom} 至 {baselineTo} 月均 {baselineAvgKwh} 千瓦时（本户为上年的 {ratio}，同所同类用户为 {peerRatio}）',
    'reason.zero-consumption': '{from} 至 {to} 每月零电量',
    'reason.capacity-exceeded': '{date} 日电量 {dayKwh} 千瓦时，为合同容量 {capacityKva} 千伏安满载 24 小时的 {utilisation}',
    'reason.meter-events': '统计期内计量装置事件 {count} 次',
    'reason.consumption-trend': '自 {from} 起月均 {avgKwh} 千瓦时，此前 {baselineFrom} 至 {baselineTo} 月均 {baselineAvgKwh} 千瓦时；扣除同所同类用户同期变化后为此前的 {ratio}',
    'reason.consumption-trend-yoy': '；较上年同期（{yearBeforeFrom} 至 {yearBeforeTo}）为 {yearOverYear}',
    'reason.consumption-norm': '{from} 至 {to} 月均 {avgKwh} 千瓦时，同所同类用户户均 {peerAvgKwh} 千瓦时（{multiple} 倍）',
    'reason.zero-unexplained': '{from} 至 {to} 零电量；此前 {priorFrom} 至 {priorTo} 月均 {priorAvgKwh} 千瓦时',
    'reason.zero-unexplained-peers': '；同所同类用户同期户均 {peerAvgKwh} 千瓦时（此前 {peerPriorAvgKwh} 千瓦时）',
    'reason.zero-signals': '；近 {readingDays} 天日冻结数据缺失 {missingDays} 天，近 {eventDays} 天失压/断电事件 {events} 次',
    'reason.area-line-loss': '台区 {areaId} {month} 线损率 {lossRate}（供电 {suppliedKwh} 千瓦时，售电 {billedKwh} 千瓦时）；本户当月 {monthKwh} 千瓦时，前期月均 {baselineAvgKwh} 千瓦时',
  },
  en: {
    'reason.consumption-level': '{from} to {to}: {avgKwh} kWh a month on average, peak month {peakKwh} kWh',
    'reason.consumption-drop': '{from} to {to}: {avgKwh} kWh a month against {baselineAvgKwh} kWh in {baselineFrom} to {baselineTo} ({ratio} of last year; peers {peerRatio})',
    'reason.zero-consumption': 'zero consumption every month from {from} to {to}',
    'reason.capacity-exceeded': '{dayKwh} kWh on {date}: {utilisation} of the contract {capacityKva} kVA for 24 hours',
    'reason.meter-events': '{count} meter event(s) in the window',
    'reason.consumption-trend': '{avgKwh} kWh a month since {from} against {baselineAvgKwh} kWh in {baselineFrom} to {baselineTo}: {ratio} of before, net of the peers\' change',
    'reason.consumption-trend-yoy': '; {yearOverYear} of the same months a year earlier ({yearBeforeFrom} to {yearBeforeTo})',
    'reason.consumption-norm': '{avgKwh} kWh a month from {from} to {to}; the station\'s average customer of the tariff used {peerAvgKwh} kWh ({multiple}×)',
    'reason.zero-unexplained': 'zero from {from} to {to} after {priorAvgKwh} kWh a month in {priorFrom} to {priorTo}',
    'reason.zero-unexplained-peers': '; peers used {peerAvgKwh} kWh a month meanwhile ({peerPriorAvgKwh} kWh before)',
    'reason.zero-signals': '; daily frozen readings missing on {missingDays} of the last {readingDays} days, {events} power-loss event(s) in the last {eventDays} days',
    'reason.area-line-loss': 'area {areaId}, {month}: line loss {lossRate} (supplied {suppliedKwh} kWh, billed {billedKwh} kWh); this customer {monthKwh} kWh against {baselineAvgKwh} kWh a month before',
  },
};
