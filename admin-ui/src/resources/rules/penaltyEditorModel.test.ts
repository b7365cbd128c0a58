import { describe, expect, it } from 'vitest';
import { articlesOf, figureText, toCreateBody, type PenaltyRules } from './penaltyEditorModel';

const article = (text: string, verified = false) => ({ no: null, text, verified });
// the shape of penalty-2024 (migration 057): ceilings with defaults and articles, capacity by tariff structure
const RULES_2024: PenaltyRules = {
  wrongTariff: { penaltyMultiplier: { ceiling: 2, default: 1.5, article: article('不高于二倍差额电费') }, defaultPeriodMonths: 3 },
  theft: { penaltyMultiplier: { ceiling: 3, default: 3, article: article('不高于三倍') }, defaultDays: 180, hoursPerDay: { power: 12, lighting: 6 }, energyArticle: article('一百八十天') },
  capacity: {
    mode: 'by_tariff_structure', defaultMonths: 1,
    twoPart: { penaltyMultiplier: { ceiling: 3, default: 3, article: article('三倍基本电费') } },
    single: { penaltyYuanPerKw: { ceiling: 50, default: 50, article: article('每千瓦五十元', true) } },
  },
};
const translate = (key: string, o?: Record<string, unknown>) => (key.endsWith('.figure') ? `default ${o?.default} (ceiling ${o?.ceiling})` : key.endsWith('.unverified') ? ' (to be verified)' : key);

describe('penalty rule figures (#17)', () => {
  it('a fixed figure reads as itself; a ceiling as its default and ceiling, marked while its article is unverified', () => {
    expect(figureText(2, translate)).toBe('2');
    expect(figureText(RULES_2024.wrongTariff.penaltyMultiplier, translate)).toBe('default 1.5 (ceiling 2) (to be verified)');
    expect(figureText({ ceiling: 50, default: 50, article: article('x', true) }, translate)).toBe('default 50 (ceiling 50)');
  });
  it('lists the articles in rule order, none for a set with fixed figures', () => {
    expect(articlesOf(RULES_2024).map((a) => a.text)).toEqual(['不高于二倍差额电费', '不高于三倍', '一百八十天', '三倍基本电费', '每千瓦五十元']);
    expect(articlesOf({ ...RULES_2024, wrongTariff: { penaltyMultiplier: 2, defaultPeriodMonths: 3 }, theft: { penaltyMultiplier: 3, defaultDays: 180, hoursPerDay: { power: 12, lighting: 6 } }, capacity: { mode: 'per_kva', penaltyYuanPerKva: 50, defaultMonths: 1 } })).toEqual([]);
  });
  it('a draft from a 2024 set keeps its capacity rule by tariff structure and its articles', () => {
    const body = toCreateBody({ version: ' p-2027 ', source: 's', effectiveFrom: '2027-01-01', rules: { ...RULES_2024, capacity: { ...RULES_2024.capacity, penaltyMultiplier: 9 } as never } });
    expect(body.rules).toEqual(RULES_2024);
    expect(body.version).toBe('p-2027');
  });
});
