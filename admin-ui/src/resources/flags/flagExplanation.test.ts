import { describe, expect, it } from 'vitest';
import { explainReason } from './flagExplanation';

// A flag's explanation in words (#21 item 4), from the domain catalogue through the generated client: the same words
// as the API's (tests/unit/judgementReasonTexts.test.ts holds the catalogue to every reason code).
const TREND = {
  from: '2026-08', to: '2026-10', baselineFrom: '2026-02', baselineTo: '2026-07', avgKwh: 120, baselineAvgKwh: 316.67, ratio: 0.381,
  yearBeforeFrom: '2025-08', yearBeforeTo: '2025-10', yearOverYear: 0.402,
};
const ZERO = {
  from: '2026-09', to: '2026-10', priorFrom: '2026-03', priorTo: '2026-08', priorAvgKwh: 210, peerAvgKwh: 190, peerPriorAvgKwh: 200,
  readingDays: 30, missingDays: 9, eventDays: 30, events: 2,
};

describe('a flag in words', () => {
  it('a trend: the months, the baseline, the peers-net drop and the year before, in the chosen language', () => {
    expect(explainReason({ reasonCode: 'judgement.reason.consumption-trend', params: TREND }, 'zh-CN'))
      .toBe('自 2026-08 起月均 120 千瓦时，此前 2026-02 至 2026-07 月均 316.67 千瓦时；扣除同所同类用户同期变化后为此前的 38.1%；较上年同期（2025-08 至 2025-10）为 40.2%');
    const { yearOverYear: _y, ...noYear } = TREND;
    expect(explainReason({ reasonCode: 'judgement.reason.consumption-trend', params: noYear }, 'en'))
      .toBe("120 kWh a month since 2026-08 against 316.67 kWh in 2026-02 to 2026-07: 38.1% of before, net of the peers' change");
  });
  it('a zero with missing readings: the zero pattern, the peers, then the meter\'s records', () => {
    expect(explainReason({ reasonCode: 'judgement.reason.zero-signals', params: ZERO }, 'zh-CN'))
      .toBe('2026-09 至 2026-10 零电量；此前 2026-03 至 2026-08 月均 210 千瓦时；同所同类用户同期户均 190 千瓦时（此前 200 千瓦时）；近 30 天日冻结数据缺失 9 天，近 30 天失压/断电事件 2 次');
  });
  it('no words without a known code and its figures (judgements recorded before #21)', () => {
    expect(explainReason({}, 'zh-CN')).toBeNull();
    expect(explainReason({ reasonCode: 'judgement.reason.consumption-trend' }, 'zh-CN')).toBeNull();
    expect(explainReason({ reasonCode: 'judgement.reason.unknown', params: {} }, 'zh-CN')).toBeNull();
  });
});
