import { calibrate, flagRate, rateFor, rateKey, smooth, unitPrefixes } from '../../domain/calibration';

// 预计查实率: beta-binomial smoothing up the org tree — a unit with few closed cases leans on its parent's rate.
const settings = { priorRate: 0.3, strength: 20 };
const units = ['HB', 'HB.XN', 'HB.XN.XA', 'HB.XN.XA.WQ', 'HB.XN.XA.HT', 'HB.WH'];

test('smooth: the posterior mean (c + m·p) / (n + m)', () => {
  expect(smooth({ confirmed: 0, notConfirmed: 0 }, 0.3, 20)).toBeCloseTo(0.3, 12);
  expect(smooth({ confirmed: 10, notConfirmed: 10 }, 0.3, 20)).toBeCloseTo((10 + 6) / 40, 12);
  expect(unitPrefixes('HB.XN.XA')).toEqual(['HB', 'HB.XN', 'HB.XN.XA']);
});

test('without closed cases every unit has the prior rate', () => {
  const rates = calibrate([], units, ['consumption_drop'], settings);
  expect(rates).toHaveLength(units.length + 1);
  for (const r of rates) expect(r.rate).toBeCloseTo(0.3, 12);
});

test('a small sample shrinks towards the parent; a large one approaches its own rate', () => {
  const rates = calibrate([
    // 2 of 2 confirmed at Wenquan; 90 of 100 at Hengtai; theft elsewhere in Hubei at 20 %
    { family: 'consumption_drop', unitId: 'HB.XN.XA.WQ', confirmed: 2, notConfirmed: 0 },
    { family: 'consumption_drop', unitId: 'HB.XN.XA.HT', confirmed: 90, notConfirmed: 10 },
    { family: 'consumption_drop', unitId: 'HB.WH', confirmed: 40, notConfirmed: 160 },
    { family: 'zero_consumption', unitId: 'HB.WH', confirmed: 1, notConfirmed: 9 },
  ], units, ['consumption_drop', 'area_line_loss'], settings);
  const m = new Map(rates.map((r) => [rateKey(r.family, r.unitId), r.rate]));
  const r = (f: string, u: string) => rateFor(m, f, u)!;
  // Wenquan's 2/2 is far from 100 %: close to its county's rate
  expect(r('consumption_drop', 'HB.XN.XA.WQ')).toBeLessThan(r('consumption_drop', 'HB.XN.XA') + 0.1);
  expect(r('consumption_drop', 'HB.XN.XA.WQ')).toBeGreaterThan(r('consumption_drop', 'HB.XN.XA'));
  // Hengtai's 100 cases pull it well above the county's parent and towards 0.9
  expect(r('consumption_drop', 'HB.XN.XA.HT')).toBeGreaterThan(0.7);
  expect(r('consumption_drop', 'HB.WH')).toBeLessThan(0.3);
  // every rate stays inside (0, 1) and the family's own subtree counts are kept
  for (const x of rates) expect(x.rate > 0 && x.rate < 1).toBe(true);
  expect(rates.find((x) => x.family === 'consumption_drop' && x.unitId === 'HB.XN')).toMatchObject({ confirmed: 92, notConfirmed: 10 });
  // a family without cases gets the rate of all families, shrunk to the prior: (133 + 20·0.3) / (312 + 20)
  expect(r('area_line_loss', 'HB.XN.XA.WQ')).toBeCloseTo((133 + 6) / (312 + 20), 12);
  // a unit the tree does not list falls back to its nearest rated ancestor, an unknown family to null
  expect(r('consumption_drop', 'HB.XN.XA.WQ.G1')).toBe(r('consumption_drop', 'HB.XN.XA.WQ'));
  expect(rateFor(m, 'no_such_family', 'HB')).toBeNull();
});

test('a flag with several families takes the best rate; none known: the fallback', () => {
  expect(flagRate([0.2, null, 0.45], 0.3)).toBe(0.45);
  expect(flagRate([null], 0.3)).toBe(0.3);
});
