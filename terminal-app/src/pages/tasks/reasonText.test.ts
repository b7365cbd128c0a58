import { describe, expect, it } from 'vitest';
import { translate, type Lang } from '../../i18n';
import { reasons } from '../../i18n/areas/reasons';
import { REASON_CODES, reasonText } from './reasonText';

// A flag's explanation on the terminal (#21 item 4): the server's words (domain/judgementReasonTexts.ts), loaded at run
// time only (the app bundles no server code), code by code and in both languages; a code added there and not here fails.
const DOMAIN = new URL('../../../../domain/judgementReasonTexts.ts', import.meta.url).pathname;
const { JUDGEMENT_REASON_CODES, judgementReasonText } = (await import(/* @vite-ignore */ DOMAIN)) as {
  JUDGEMENT_REASON_CODES: Record<string, string>;
  judgementReasonText: (code: string, lang: Lang, p: Record<string, number | string>) => string;
};

const TREND = {
  from: '2026-08', to: '2026-10', baselineFrom: '2026-02', baselineTo: '2026-07', avgKwh: 120, baselineAvgKwh: 316.67, ratio: 0.381,
};
const SAMPLES: Record<string, Record<string, number | string>[]> = {
  'judgement.reason.consumption-level': [{ from: '2026-05', to: '2026-10', avgKwh: 1520.5, peakKwh: 1800 }],
  'judgement.reason.consumption-drop': [{ from: '2026-08', to: '2026-10', baselineFrom: '2025-08', baselineTo: '2025-10', avgKwh: 100, baselineAvgKwh: 300, ratio: 0.333, peerRatio: 0.97 }],
  'judgement.reason.zero-consumption': [{ from: '2026-08', to: '2026-10' }],
  'judgement.reason.capacity-exceeded': [{ date: '2026-10-17', dayKwh: 260, capacityKva: 10, utilisation: 1.083 }],
  'judgement.reason.meter-events': [{ count: 3, kinds: 'cover_open,reverse' }],
  'judgement.reason.consumption-trend': [TREND, { ...TREND, yearBeforeFrom: '2025-08', yearBeforeTo: '2025-10', yearOverYear: 0.402 }],
  'judgement.reason.consumption-norm': [{ from: '2026-05', to: '2026-10', avgKwh: 900, peerAvgKwh: 300, multiple: 3 }],
  'judgement.reason.zero-signals': [
    { from: '2026-09', to: '2026-10', priorFrom: '2026-03', priorTo: '2026-08', priorAvgKwh: 210, peerAvgKwh: 190, peerPriorAvgKwh: 200, readingDays: 30, missingDays: 9, eventDays: 30, events: 2 },
  ],
  'judgement.reason.zero-unexplained': [
    { from: '2026-09', to: '2026-10', priorFrom: '2026-03', priorTo: '2026-08', priorAvgKwh: 210 },
    { from: '2026-09', to: '2026-10', priorFrom: '2026-03', priorTo: '2026-08', priorAvgKwh: 210, peerAvgKwh: 190, peerPriorAvgKwh: 200 },
  ],
  'judgement.reason.area-line-loss': [
    { areaId: 'TQ-1', month: '2026-10', lossRate: 0.18, billedKwh: 9840, suppliedKwh: 12000, monthKwh: 100, baselineAvgKwh: 300 },
    { areaId: 'TQ-1', month: '2026-10', lossRate: 0.18, billedKwh: 9840, monthKwh: 100, baselineAvgKwh: 300 },
  ],
};

describe('a flag in words on the terminal', () => {
  it('every explanation code of the server, in the server\'s words, zh-CN and English', () => {
    expect([...REASON_CODES].sort()).toEqual(Object.values(JUDGEMENT_REASON_CODES).sort());
    for (const lang of ['zh-CN', 'en'] as const) {
      const t = (key: string, p?: Record<string, string | number>) => translate(lang, key, p);
      for (const code of REASON_CODES) {
        for (const p of SAMPLES[code]!) expect(reasonText({ reasonCode: code, params: p }, t), `${lang} ${code}`).toBe(judgementReasonText(code, lang, p));
      }
    }
  });
  it('the months, the baseline and the drop of a trend, in Chinese', () => {
    const t = (key: string, p?: Record<string, string | number>) => translate('zh-CN', key, p);
    expect(reasonText({ reasonCode: 'judgement.reason.consumption-trend', params: TREND }, t))
      .toBe('自 2026-08 起月均 120 千瓦时，此前 2026-02 至 2026-07 月均 316.67 千瓦时；扣除同所同类用户同期变化后为此前的 38.1%');
  });
  it('nothing without a known code and its figures (judgements recorded before #21)', () => {
    const t = (key: string) => key;
    expect(reasonText({}, t)).toBeNull();
    expect(reasonText({ reasonCode: 'judgement.reason.consumption-trend' }, t)).toBeNull();
    expect(reasonText({ reasonCode: 'judgement.reason.other', params: {} }, t)).toBeNull();
  });
  it('the same keys in both languages', () => {
    expect(Object.keys(reasons.en).sort()).toEqual(Object.keys(reasons.zh).sort());
  });
});
