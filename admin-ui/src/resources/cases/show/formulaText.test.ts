import { describe, expect, it } from 'vitest';
import { formulaText } from './RectificationPanel';
import { i18nProvider } from '../../../i18n/i18nProvider';

// The server's formula texts (domain/penaltyTexts.ts), loaded at run time: the back office says the same words.
const DOMAIN = new URL('../../../../../domain/penaltyTexts.ts', import.meta.url).pathname;
const { FORMULA_CODES, penaltyFormulaText } = (await import(/* @vite-ignore */ DOMAIN)) as {
  FORMULA_CODES: string[];
  penaltyFormulaText: (code: string, p: Record<string, number>, lang: 'zh-CN' | 'en') => string;
};
const P = { correct: 0.665, applied: 0.558, monthlyKwh: 1000, months: 3, back: 321, multiple: 1.5, penalty: 481.5, kwh: 10800, price: 0.6, capacityKw: 5, hours: 12, days: 180, excessKva: 50, fee: 28, rate: 50 };

describe('penalty formulas (#17)', () => {
  it('every formula code of the server reads the same in zh-CN and English', async () => {
    for (const [locale, lang] of [['zh-CN', 'zh-CN'], ['en', 'en']] as const) {
      await i18nProvider.changeLocale(locale);
      for (const code of FORMULA_CODES) {
        expect(formulaText({ formula: 'x', formulaCode: code, formulaParams: P }, i18nProvider.translate), `${locale} ${code}`).toBe(penaltyFormulaText(code, P, lang));
      }
    }
  });
  it('an order from before keeps its recorded English formula', () => {
    expect(formulaText({ formula: 'back-billing = 1', formulaCode: undefined, formulaParams: undefined }, i18nProvider.translate)).toBe('back-billing = 1');
  });
});
