import { afterEach, describe, expect, it } from 'vitest';
import { i18nProvider } from '../../i18n/i18nProvider';
import { explainReason, REASON_CODES } from './flagExplanation';

// A flag's explanation in words (#21 item 4): the server's texts (domain/judgementReasonTexts.ts), loaded at run time
// only (the app bundles no server code), against the catalogue's, code by code, in zh-CN and English.
const DOMAIN = new URL('../../../../domain/judgementReasonTexts.ts', import.meta.url).pathname;
const { JUDGEMENT_REASON_CODES, judgementReasonText } = (await import(/* @vite-ignore */ DOMAIN)) as {
  JUDGEMENT_REASON_CODES: Record<string, string>;
  judgementReasonText: (code: string, lang: 'zh-CN' | 'en', p: Record<string, number | string>) => string;
};

const t = (key: string, o?: Record<string, unknown>) => i18nProvider.translate(key, o);
afterEach(async () => {
  await i18nProvider.changeLocale('zh-CN');
});

const TREND = {
  from: '2026-08', to: '2026-10', baselineFrom: '2026-02', baselineTo: '2026-07', avgKwh: 120, baselineAvgKwh: 316.67, ratio: 0.381,
  yearBeforeFrom: '2025-08', yearBeforeTo: '2025-10', yearOverYear: 0.402,
};
const SAMPLES: Record<string, Record<string, number | string>[]> = {
  'judgement.reason.consumption-level': [{ from: '2026-05', to: '2026-10', avgKwh: 1520.5, peakKwh: 1800 }],
  'judgement.reason.consumption-drop': [{ from: '2026-08', to: '2026-10', baselineFrom: '2025-08', baselineTo: '2025-10', avgKwh: 100, baselineAvgKwh: 300, ratio: 0.333, peerRatio: 0.97 }],
  'judgement.reason.zero-consumption': [{ from: '2026-08', to: '2026-10' }],
  'judgement.reason.capacity-exceeded': [{ date: '2026-10-17', dayKwh: 260, capacityKva: 10, utilisation: 1.083 }],
  'judgement.reason.meter-events': [{ count: 3, kinds: 'cover_open,reverse' }],
  'judgement.reason.consumption-trend': [TREND, { ...TREND, yearOverYear: undefined as never, yearBeforeFrom: undefined as never, yearBeforeTo: undefined as never }],
  'judgement.reason.consumption-norm': [{ from: '2026-05', to: '2026-10', avgKwh: 900, peerAvgKwh: 300, multiple: 3 }],
  'judgement.reason.zero-unexplained': [
    { from: '2026-09', to: '2026-10', priorFrom: '2026-03', priorTo: '2026-08', priorAvgKwh: 210 },
    { from: '2026-09', to: '2026-10', priorFrom: '2026-03', priorTo: '2026-08', priorAvgKwh: 210, peerAvgKwh: 190, peerPriorAvgKwh: 200 },
  ],
  'judgement.reason.zero-signals': [
    { from: '2026-09', to: '2026-10', priorFrom: '2026-03', priorTo: '2026-08', priorAvgKwh: 210, readingDays: 30, missingDays: 9, eventDays: 30, events: 0 },
    { from: '2026-09', to: '2026-10', priorFrom: '2026-03', priorTo: '2026-08', priorAvgKwh: 210, peerAvgKwh: 190, peerPriorAvgKwh: 200, readingDays: 30, missingDays: 9, eventDays: 30, events: 2 },
  ],
  'judgement.reason.area-line-loss': [
    { areaId: 'TQ-1', month: '2026-10', lossRate: 0.18, billedKwh: 9840, suppliedKwh: 12000, monthKwh: 100, baselineAvgKwh: 300 },
    { areaId: 'TQ-1', month: '2026-10', lossRate: 0.18, billedKwh: 9840, monthKwh: 100, baselineAvgKwh: 300 },
  ],
};
const clean = (p: Record<string, number | string>) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as Record<string, number | string>;

describe('a flag in words', () => {
  it('every explanation code of the server, in the server\'s words, zh-CN and English', async () => {
    expect([...REASON_CODES].sort()).toEqual(Object.values(JUDGEMENT_REASON_CODES).sort());
    for (const [locale, lang] of [['zh-CN', 'zh-CN'], ['en', 'en']] as const) {
      await i18nProvider.changeLocale(locale);
      for (const code of REASON_CODES) {
        for (const sample of SAMPLES[code]!) {
          const p = clean(sample);
          expect(explainReason({ reasonCode: code, params: p }, t), `${locale} ${code}`).toBe(judgementReasonText(code, lang, p));
        }
      }
    }
  });
  it('no words without a known code and its figures (judgements recorded before #21)', () => {
    expect(explainReason({}, t)).toBeNull();
    expect(explainReason({ reasonCode: 'judgement.reason.consumption-trend' }, t)).toBeNull();
    expect(explainReason({ reasonCode: 'judgement.reason.unknown', params: {} }, t)).toBeNull();
  });
});

