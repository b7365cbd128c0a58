import { accountNoOf, generateCustomer, generatePopulation, populationMonths, populationOrgUnits, type PopulationSpec } from '../../db/synthetic/generator';
import { CustomerRow } from '../../domain/customerData';
import { ANOMALY_TYPES } from '../../domain/judgementRules';

const spec: PopulationSpec = {
  name: 'unit', seed: 7, customers: 8000, endMonth: '2026-08',
  root: { id: 'HB.XN.XA', parentId: 'HB.XN', level: 'county', nameZh: '咸安区供电公司', nameEn: "Xian'an" }, accountPrefix: '6',
};

const customers = [...generatePopulation(spec)];

test('deterministic: a customer depends only on the seed and its index', () => {
  expect(generateCustomer(spec, 1234)).toEqual(generateCustomer({ ...spec }, 1234));
  expect(generateCustomer({ ...spec, seed: 8 }, 1234)).not.toEqual(generateCustomer(spec, 1234));
  expect(accountNoOf(spec, 0)).toBe('6000000001');
  expect(() => accountNoOf({ ...spec, accountPrefix: '421000000' }, 10)).toThrow('cannot number');
});

test('a realistic population: valid archive rows, 24 months ending at endMonth, the org tree it lives in', () => {
  const units = populationOrgUnits(spec);
  expect(units[0]).toEqual(spec.root);
  expect(units.filter((u) => u.level === 'station').map((u) => u.id)).toEqual(['HB.XN.XA.FS', 'HB.XN.XA.YA']);
  expect(populationMonths(spec)).toHaveLength(24);
  expect(populationMonths(spec).at(-1)).toBe('2026-08');
  const ids = new Set(units.map((u) => u.id));
  const categories = new Map<string, number>();
  for (const c of customers.slice(0, 1000)) {
    CustomerRow.parse({
      account_no: c.accountNo, name: c.name, address: c.address, lat: c.lat, lon: c.lon, tariff_category: c.tariffCategory,
      contract_capacity_kva: c.contractCapacityKva, meter_no: c.meterNo, whitelist: c.whitelist, station_id: c.stationId, grid_id: c.gridId, status: c.status,
    });
    expect(ids.has(c.stationId) && ids.has(c.gridId)).toBe(true);
    expect(Math.abs(c.lat - 29.85)).toBeLessThan(0.5); // around Xian'an
    expect(c.billKwh.every((k) => k >= 0 && Math.round(k * 100) / 100 === k)).toBe(true);
    categories.set(c.tariffCategory, (categories.get(c.tariffCategory) ?? 0) + 1);
  }
  expect(categories.get('residential')! / 1000).toBeGreaterThan(0.8);
  // planted anomalies of every type, a few percent in all
  const labels = new Map<string, number>();
  for (const c of customers) if (c.label) labels.set(c.label, (labels.get(c.label) ?? 0) + 1);
  expect([...labels.keys()].sort()).toEqual([...ANOMALY_TYPES].sort());
  const share = [...labels.values()].reduce((a, b) => a + b, 0) / customers.length;
  expect(share).toBeGreaterThan(0.02);
  expect(share).toBeLessThan(0.08);
});

test('planted anomalies look like what they are', () => {
  const zero = customers.find((c) => c.label === 'zero_consumption' && c.status === 'active')!;
  expect(zero.billKwh.at(-1)).toBe(0);
  const tamper = customers.find((c) => c.label === 'meter_tamper')!;
  expect(tamper.events.some((e) => e.kind === 'tamper' || e.kind === 'cover_open')).toBe(true);
  const misuse = customers.find((c) => c.label === 'tariff_misuse')!;
  expect(misuse.tariffCategory).toBe('residential');
  expect(misuse.billKwh.slice(-12).reduce((a, b) => a + b, 0) / 12).toBeGreaterThan(300);
});
