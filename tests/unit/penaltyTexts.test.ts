import { FORMULA_CODES, MONEY_MESSAGE_CODES, moneyMessage, penaltyFormulaText } from '../../domain/penaltyTexts';

const params = { code: 'banana', province: 'HB', on: '2024-06-01', chosen: 3, ceiling: 2, default: 2, collected: 5000, computed: 7020, effectiveFrom: '2024-06-01' };

test('every money message code has a zh-CN and an English text, each quoting its figures', () => {
  expect(MONEY_MESSAGE_CODES.length).toBeGreaterThan(10);
  for (const code of MONEY_MESSAGE_CODES) {
    const zh = moneyMessage(code, params, 'zh-CN');
    const en = moneyMessage(code, params, 'en');
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(en).toMatch(/^[\x20-\x7e\u2013\u2014\u2212]+$/);
    expect(zh).not.toContain('undefined');
    expect(en).not.toContain('undefined');
  }
  expect(moneyMessage('rectification.unknown-tariff', params, 'zh-CN')).toBe('电价类别“banana”不在HB的电价目录中');
});

test('every formula code renders in both languages', () => {
  const p = { correct: 1, applied: 0.5, monthlyKwh: 1, months: 1, back: 1, multiple: 2, penalty: 2, kwh: 1, price: 1, capacityKw: 1, hours: 1, days: 1, excessKva: 1, fee: 1, rate: 1 };
  for (const code of FORMULA_CODES) {
    expect(penaltyFormulaText(code, p, 'zh-CN')).toMatch(/违约使用电费/);
    expect(penaltyFormulaText(code, p, 'en')).toMatch(/penalty/);
  }
});
