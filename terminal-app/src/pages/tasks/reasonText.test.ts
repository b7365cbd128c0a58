import { describe, expect, it } from 'vitest';
import { reasonText } from './reasonText';

// A flag's explanation on the terminal (#21 item 4), from the domain catalogue through the generated client
// (tests/unit/judgementReasonTexts.test.ts holds the catalogue to every reason code).
const TREND = {
  from: '2026-08', to: '2026-10', baselineFrom: '2026-02', baselineTo: '2026-07', avgKwh: 120, baselineAvgKwh: 316.67, ratio: 0.381,
};

describe('a flag in words on the terminal', () => {
  it('the months, the baseline and the drop of a trend, in Chinese and English', () => {
    expect(reasonText({ reasonCode: 'judgement.reason.consumption-trend', params: TREND }, 'zh-CN'))
      .toBe('自 2026-08 起月均 120 千瓦时，此前 2026-02 至 2026-07 月均 316.67 千瓦时；扣除同所同类用户同期变化后为此前的 38.1%');
    expect(reasonText({ reasonCode: 'judgement.reason.consumption-trend', params: TREND }, 'en'))
      .toBe("120 kWh a month since 2026-08 against 316.67 kWh in 2026-02 to 2026-07: 38.1% of before, net of the peers' change");
  });
  it('line loss without the area supply reads a dash, not "undefined"', () => {
    expect(reasonText({ reasonCode: 'judgement.reason.area-line-loss', params: { areaId: 'TQ-1', month: '2026-10', lossRate: 0.18, billedKwh: 9840, monthKwh: 100, baselineAvgKwh: 300 } }, 'zh-CN'))
      .toBe('台区 TQ-1 2026-10 线损率 18%（供电 — 千瓦时，售电 9840 千瓦时）；本户当月 100 千瓦时，前期月均 300 千瓦时');
  });
  it('a line-loss drop netted of the peers quotes what the peers did (2026.4)', () => {
    const params = { areaId: 'TQ-1', month: '2026-10', lossRate: 0.18, suppliedKwh: 12000, billedKwh: 9840, monthKwh: 100, baselineAvgKwh: 300, peerRatio: 0.8167 };
    expect(reasonText({ reasonCode: 'judgement.reason.area-line-loss', params }, 'zh-CN'))
      .toBe('台区 TQ-1 2026-10 线损率 18%（供电 12000 千瓦时，售电 9840 千瓦时）；本户当月 100 千瓦时，前期月均 300 千瓦时；同所同类用户当月为其前期月均的 81.7%');
    expect(reasonText({ reasonCode: 'judgement.reason.area-line-loss', params }, 'en'))
      .toBe("area TQ-1, 2026-10: line loss 18% (supplied 12000 kWh, billed 9840 kWh); this customer 100 kWh against 300 kWh a month before; the station's customers of the tariff used 81.7% of their earlier average that month");
  });
  it('nothing without a known code and its figures (judgements recorded before #21)', () => {
    expect(reasonText({}, 'zh-CN')).toBeNull();
    expect(reasonText({ reasonCode: 'judgement.reason.consumption-trend' }, 'zh-CN')).toBeNull();
    expect(reasonText({ reasonCode: 'judgement.reason.other', params: {} }, 'zh-CN')).toBeNull();
  });
});
