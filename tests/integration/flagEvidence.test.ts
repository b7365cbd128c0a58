import crypto from 'node:crypto';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { DEFAULT_JUDGEMENT_RULE_SET } from '../../domain/defaultJudgementRules';
import { createBuiltinConnector } from '../../db/upstream/builtinConnector';
import { storedReasonExplanations } from '../../services/judgementRuns/storedExplanations';

// The data behind a flag's chart (#21 item 4): a station of its own with three commercial customers in one area, so
// every figure below is known: the peer median and average per month, the area's loss rate against its norm, the
// last days' readings; the lead of a sibling station gets 404.
let h: Harness;
let supervisor: string;
/** The lead of 温泉 (HB.XN.XA.WQ), a sibling station of the test's: outside its unit. */
let lead: string;
const sfx = crypto.randomUUID().replace(/-/g, '').slice(0, 6).toUpperCase();
const station = `HB.XN.XA.E${sfx}`;
const area = `TQ-${sfx}-E`;
const digits = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
const acct = (i: number) => `47${digits}${String(i).padStart(2, '0')}`;
const [C1, C2, C3, R1, G1, G2] = [1, 2, 3, 4, 5, 6].map(acct);
// C1 fell from 300 to 100 kWh in 2026-10; C2 and C3 stayed level; R1 (residential) is no peer of theirs.
const BILLS: Record<string, Record<string, number>> = {
  [C1]: { '2026-08': 300, '2026-09': 300, '2026-10': 100 },
  [C2]: { '2026-08': 200, '2026-09': 210, '2026-10': 220 },
  [C3]: { '2026-08': 500, '2026-10': 520 },
  [R1]: { '2026-08': 9000, '2026-09': 9000, '2026-10': 9000 },
};
/** Two general-industrial customers without an area: G1 used 200 kWh a month, then nothing in 2026-09 and -10; G2 went on. */
const YEAR = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];
BILLS[G1] = Object.fromEntries(YEAR.map((m) => [m, m >= '2026-09' ? 0 : 200]));
BILLS[G2] = Object.fromEntries(YEAR.map((m) => [m, 200]));

beforeAll(async () => {
  h = await startHarness({ inProcessWorker: false });
  [supervisor, lead] = await Promise.all([tokenFor('supervisor'), tokenFor('lead')]);
  await h.pool.query("insert into org_units (id, parent_id, level, name_zh, name_en) values ($1, 'HB.XN.XA', 'station', $2, $3)", [station, `证据测试所${sfx}`, `Evidence test ${sfx}`]);
  await h.pool.query("insert into station_areas (id, name, station_id, area_type) values ($1, '证据台区', $2, 'urban')", [area, station]);
  for (const [a, tariff] of [[C1, 'commercial'], [C2, 'commercial'], [C3, 'commercial'], [R1, 'residential'], [G1, 'general_industrial'], [G2, 'general_industrial']]) {
    await h.pool.query(
      "insert into customers (account_no, name, address, tariff_category, contract_capacity_kva, station_id, area_id) values ($1, $2, '测试路', $3, 10, $4, $5)",
      [a, `户${a.slice(-2)}`, tariff, station, tariff === 'general_industrial' ? null : area],
    );
    for (const [m, kwh] of Object.entries(BILLS[a])) {
      await h.pool.query('insert into monthly_consumption (account_no, month, kwh, amount_yuan, tariff_category) values ($1, $2, $3, 0, $4)', [a, `${m}-01`, kwh, tariff]);
    }
  }
  // the area meter: 2026-09 not imported; 2026-10 supplied 12,000 kWh
  await h.pool.query("insert into area_supply (area_id, month, supplied_kwh) values ($1, '2026-08-01', 10500), ($1, '2026-10-01', 12000)", [area]);
  await h.pool.query("insert into daily_readings (account_no, reading_date, day_kwh) values ($1, '2026-10-30', 250), ($1, '2026-10-31', 3.5)", [C1]);
}, 120_000);
afterAll(async () => {
  if (h) {
    const all = [C1, C2, C3, R1, G1, G2];
    await h.pool.query('delete from daily_readings where account_no = any($1)', [all]);
    await h.pool.query('delete from monthly_consumption where account_no = any($1)', [all]);
    await h.pool.query('delete from customers where account_no = any($1)', [all]);
    await h.pool.query('delete from area_supply where area_id = $1', [area]);
    await h.pool.query('delete from station_areas where id = $1', [area]);
    await h.pool.query('delete from org_units where id = $1', [station]);
  }
  await h?.stop();
});

test('a customer\'s months beside the peer median and average, the area loss against its norm, the last days', async () => {
  const res = await api(h.baseUrl, `/api/customers/${C1}/flag-evidence?through=2026-10&months=4`, { token: supervisor });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ accountNo: C1, stationId: station, tariffCategory: 'commercial', capacityKva: 10, from: '2026-07', through: '2026-10' });
  expect(res.body.months).toEqual([
    { month: '2026-07', kwh: null, peerMedianKwh: null, peerAvgKwh: null, peerCustomers: 0 },
    { month: '2026-08', kwh: 300, peerMedianKwh: 300, peerAvgKwh: 333.33, peerCustomers: 3 },
    // C3 not billed: two peers, the median between them
    { month: '2026-09', kwh: 300, peerMedianKwh: 255, peerAvgKwh: 255, peerCustomers: 2 },
    { month: '2026-10', kwh: 100, peerMedianKwh: 220, peerAvgKwh: 280, peerCustomers: 3 },
  ]);
  // the area's billed energy counts every customer of the area, the residential one too
  expect(res.body.area).toMatchObject({ areaId: area, areaType: 'urban', norm: expect.any(Number), upper: expect.any(Number) });
  expect(res.body.area.upper).toBeGreaterThanOrEqual(res.body.area.norm);
  expect(res.body.area.months).toEqual([
    { month: '2026-07', suppliedKwh: null, billedKwh: 0, lossRate: null },
    { month: '2026-08', suppliedKwh: 10500, billedKwh: 10000, lossRate: 0.0476 },
    { month: '2026-09', suppliedKwh: null, billedKwh: 9510, lossRate: null },
    { month: '2026-10', suppliedKwh: 12000, billedKwh: 9840, lossRate: 0.18 },
  ]);
  expect(res.body.days).toEqual([{ date: '2026-10-30', kwh: 250 }, { date: '2026-10-31', kwh: 3.5 }]);
});

test('bad months are refused with a problem; a caller outside the station\'s unit learns nothing', async () => {
  const bad = await api(h.baseUrl, `/api/customers/${C1}/flag-evidence?months=37`, { token: supervisor });
  expect(bad.status).toBe(400);
  expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
  const badMonth = await api(h.baseUrl, `/api/customers/${C1}/flag-evidence?through=2026-13`, { token: supervisor });
  expect(badMonth.status).toBe(400);
  const outside = await api(h.baseUrl, `/api/customers/${C1}/flag-evidence`, { token: lead });
  expect(outside.status).toBe(404);
  expect(outside.body).toMatchObject({ code: 'customer.not-visible' });
});

test('a stored flag\'s figures for the customer 360: the months compared and the baseline, from judging the one customer under the run\'s rules', async () => {
  const rules = DEFAULT_JUDGEMENT_RULE_SET;
  const zero = rules.rules.find((r) => r.kind === 'zero_unexplained')!;
  const explained = await storedReasonExplanations(createBuiltinConnector(h.pool), rules, { asOfMonth: '2026-10' }, G1);
  expect(explained.get(zero.code)).toEqual({
    reasonCode: 'judgement.reason.zero-unexplained',
    // peers: G1 and G2, 100 kWh a month on average in the window, 200 before
    params: { from: '2026-09', to: '2026-10', priorFrom: '2025-11', priorTo: '2026-08', priorAvgKwh: 200, peerAvgKwh: 100, peerPriorAvgKwh: 200 },
  });
  // G2 went on using: nothing to explain; no rule set: nothing either
  expect((await storedReasonExplanations(createBuiltinConnector(h.pool), rules, { asOfMonth: '2026-10' }, G2)).has(zero.code)).toBe(false);
  expect((await storedReasonExplanations(createBuiltinConnector(h.pool), null, { asOfMonth: '2026-10' }, G1)).size).toBe(0);
});
