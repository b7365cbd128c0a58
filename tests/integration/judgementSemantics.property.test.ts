import fc from 'fast-check';
import type pg from 'pg';
import { createPool } from '../../db/pool';
import { populationJudgementSql } from '../../db/judgementSql';
import { createBuiltinConnector } from '../../db/upstream/builtinConnector';
import { judgeCustomer } from '../../db/judgeCustomer';
import { addDays, addMonths, chinaMidnight, firstDay, lastDay } from '../../domain/billingMonths';
import { buildFacts, centi, evaluateFacts, JudgementRuleSet, outageFactsByUnit, outageUnitOf, prepareRuleSet, type Evaluation } from '../../domain/judgementRules';
import { orgWithin } from '../../domain/roles';
import { TARIFF_CATEGORIES, type CustomerStatus, type TariffCategory } from '../../domain/customerData';

// The same rules, three ways, on generated data: (1) SQL pushdown over the population (campaigns), (2) one customer
// at a time through the built-in connector (the case workflow's judgement), (3) in memory from the generated records.
// Temporary tables (org tree included) shadow the real ones for this connection only, so nothing is left behind.

const AS_OF = '2026-03';
const THROUGH = lastDay(AS_OF);

let pool: pg.Pool;
let db: pg.PoolClient;

beforeAll(async () => {
  pool = createPool(process.env.DATABASE_URL!, 2);
  db = await pool.connect();
  for (const t of ['org_units', 'customers', 'monthly_consumption', 'daily_readings', 'meter_events', 'metering_work_orders']) {
    await db.query(`create temp table ${t} (like public.${t} including defaults)`);
  }
  await db.query(`insert into org_units (id, parent_id, level, name_zh, name_en) values
    ('PT', null, 'county', '测', 'T'), ('PT.A', 'PT', 'station', 'A', 'A'), ('PT.A.G1', 'PT.A', 'grid', 'G1', 'G1'),
    ('PT.A.G2', 'PT.A', 'grid', 'G2', 'G2'), ('PT.B', 'PT', 'station', 'B', 'B'), ('PT.B.G1', 'PT.B', 'grid', 'G1', 'G1')`);
});
afterAll(async () => {
  db?.release();
  await pool?.end();
});

interface Gen {
  accountNo: string;
  stationId: string;
  gridId: string | null;
  /** Station area (台区): the finest outage unit where known. */
  areaId: string | null;
  tariffCategory: TariffCategory;
  whitelist: boolean;
  status: CustomerStatus;
  contractCapacityKva: number | null;
  bills: { month: string; kwh: number }[];
  days: { date: string; dayKwh: number }[];
  events: { kind: string; occurredAt: string }[];
  /** Metering work orders (计量工单): only a completed one's visit explains an event. */
  workOrders: { status: 'completed' | 'in_progress' | 'cancelled'; doneAt: string | null }[];
}

// Few distinct values, so equalities at thresholds happen (x = 0.5 × y, a day exactly at capacity × 24 × 0.9 …);
// plus arbitrary ones for everything in between.
const kwhValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(0, 0.01, 30, 60, 100, 172.8, 200, 450, 900, 1800) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 300_000 }).map((x) => x / 100) },
);
const windowDays = (max: number) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...[1, 30, 60, 90].filter((d) => d <= max)) }, { weight: 1, arbitrary: fc.integer({ min: 1, max }) });
const windowMonths = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(1, 2, 3, 12) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 12 }) });
type WorkOrderDraw = { status: 'completed' | 'in_progress' | 'cancelled'; secondsBack: number | null };
/**
 * Metering work orders: visits done around the events' own days (0, 1, 30, 90 days back) give or take a few days, and
 * a second either side of a China midnight, so the rule's day bounds are met exactly; a cancelled order may carry a
 * time too (it must not count), an open one none.
 */
const workOrdersArb = fc.array(fc.record({
  status: fc.constantFrom<'completed' | 'in_progress' | 'cancelled'>('completed', 'completed', 'completed', 'in_progress', 'cancelled'),
  secondsBack: fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(0, 1, 2, 3, 4, 8, 29, 30, 31, 33, 34, 87, 90, 93, 94), fc.constantFrom(-1, 0, 1, 43200)).map(([d, s]) => d * 86400 + s) },
    { weight: 1, arbitrary: fc.integer({ min: -10 * 86400, max: 130 * 86400 }) },
  ),
}).map((w): WorkOrderDraw => ({ status: w.status, secondsBack: w.status === 'in_progress' ? null : w.secondsBack })), { maxLength: 2 });
const nearDays = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(0, 1, 3, 7) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 90 }) });
const STATIONS = [
  { stationId: 'PT.A', grids: ['PT.A.G1', 'PT.A.G2', null] },
  { stationId: 'PT.B', grids: ['PT.B.G1', null] },
];

const customerArb = (i: number) => fc.record({
  station: fc.constantFrom(...STATIONS),
  grid: fc.nat(2),
  tariffCategory: fc.constantFrom<TariffCategory>('residential', 'commercial'),
  whitelist: fc.boolean(),
  status: fc.constantFrom<CustomerStatus>('active', 'active', 'suspended', 'closed'),
  contractCapacityKva: fc.constantFrom(null, 0, 8, 8, 8, 8.5, 16),
  // Months as multiples of one base (so a month is exactly half or 1.4 × another), days mostly below one peak.
  base: kwhValue,
  bills: fc.array(fc.option(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(0, 0.25, 0.5, 1, 1, 1.4, 2) }, { weight: 1, arbitrary: kwhValue.map((k) => -k) }), { freq: 5 }), { minLength: 27, maxLength: 27 }),
  peak: kwhValue,
  days: fc.array(fc.option(fc.oneof({ weight: 1, arbitrary: fc.constant(-1) }, { weight: 3, arbitrary: fc.integer({ min: 0, max: 5000 }).map((x) => x / 100) }), { freq: 2 }), { minLength: 66, maxLength: 66 }),
  events: fc.array(fc.record({
    kind: fc.constantFrom('tamper', 'cover_open', 'reverse_flow', 'power_loss'),
    // seconds back from the end of the as-of month's last day; 0 and the window edges included
    secondsBack: fc.oneof(
      { weight: 3, arbitrary: fc.tuple(fc.constantFrom(0, 1, 30, 90), fc.constantFrom(-1, 0, 1)).map(([d, s]) => d * 86400 + s) },
      { weight: 1, arbitrary: fc.integer({ min: -86400, max: 120 * 86400 }) },
    ),
  }), { maxLength: 4 }),
}).map((c): Gen => {
  const end = Date.parse(chinaMidnight(addDays(THROUGH, 1)));
  const events = [...new Map(c.events.map((e) => {
    const occurredAt = new Date(end - e.secondsBack * 1000).toISOString();
    return [`${occurredAt}/${e.kind}`, { kind: e.kind, occurredAt }];
  })).values()];
  return {
    accountNo: `99${String(i).padStart(8, '0')}`,
    stationId: c.station.stationId,
    gridId: c.station.grids[c.grid % c.station.grids.length],
    areaId: null,
    tariffCategory: c.tariffCategory,
    whitelist: c.whitelist,
    status: c.status,
    contractCapacityKva: c.contractCapacityKva,
    // a negative draw stands for an arbitrary amount; one month after the as-of month and two days after it too
    bills: c.bills.flatMap((f, k) => (f === null ? [] : [{ month: addMonths(AS_OF, 1 - k), kwh: f < 0 ? -f : Math.round(c.base * f * 100) / 100 }])),
    days: c.days.flatMap((kwh, d) => (kwh === null ? [] : [{ date: addDays(THROUGH, 2 - d), dayKwh: kwh < 0 ? c.peak : kwh }])),
    events,
    workOrders: [],
  };
});

/**
 * Metering work orders for the customers, and an exclusion in days (or none) for each meter_events rule: drawn after
 * the customers and the rules (so those draws stay what they were without work orders) and laid over them.
 */
const nearArb = fc.tuple(
  fc.array(workOrdersArb, { minLength: 8, maxLength: 8 }),
  fc.array(fc.option(nearDays, { nil: undefined }), { minLength: 6, maxLength: 6 }),
);
function withWorkOrders(customers: Gen[], orders: WorkOrderDraw[][]): Gen[] {
  const end = Date.parse(chinaMidnight(addDays(THROUGH, 1)));
  return customers.map((c, i) => ({ ...c, workOrders: orders[i].map((w) => ({ status: w.status, doneAt: w.secondsBack === null ? null : new Date(end - w.secondsBack * 1000).toISOString() })) }));
}
function withNear(customers: Gen[], rs: JudgementRuleSet, [orders, days]: [WorkOrderDraw[][], (number | undefined)[]]): [Gen[], JudgementRuleSet] {
  return [
    withWorkOrders(customers, orders),
    JudgementRuleSet.parse({
      ...rs,
      rules: rs.rules.map((r, i) => (r.kind !== 'meter_events' || days[i] === undefined ? r : { ...r, params: { ...r.params, excludeNearWorkOrderDays: days[i] } })),
    }),
  ];
}

/**
 * An outage: a power loss at one instant on some of the customers' meters (a mask over the customers), as a feeder
 * or transformer outage leaves it — so meters of one unit share a day often enough for outage-aware counting to matter.
 */
const outageArb = fc.option(fc.record({
  secondsBack: fc.oneof(fc.constantFrom(3600, 30 * 86400 + 3600, 89 * 86400), fc.integer({ min: 0, max: 120 * 86400 })),
  mask: fc.array(fc.constantFrom(true, true, true, false), { minLength: 8, maxLength: 8 }),
}), { nil: null });
function withOutage(customers: Gen[], outage: { secondsBack: number; mask: boolean[] } | null): Gen[] {
  if (!outage) return customers;
  const occurredAt = new Date(Date.parse(chinaMidnight(addDays(THROUGH, 1))) - outage.secondsBack * 1000).toISOString();
  return customers.map((c, i) => (!outage.mask[i] || c.events.some((e) => e.kind === 'power_loss' && e.occurredAt === occurredAt) ? c
    : { ...c, events: [...c.events, { kind: 'power_loss', occurredAt }] }));
}

const ratio = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(0.5, 1) }, { weight: 1, arbitrary: fc.double({ min: 0.01, max: 1, noNaN: true }) });
const ruleArb = fc.oneof(
  fc.record({
    kind: fc.constant('consumption_level'),
    params: fc.record({
      tariffCategories: fc.subarray([...TARIFF_CATEGORIES], { minLength: 1 }),
      whitelist: fc.constantFrom('any', 'only', 'exclude'),
      windowMonths,
      minAvgMonthlyKwh: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(0, 30, 100, 450, 900) }, { weight: 1, arbitrary: fc.double({ min: 0, max: 2000, noNaN: true }) }),
      maxPeakToAverage: fc.oneof(fc.constant(null), fc.constantFrom(1, 1.4, 2), fc.double({ min: 1, max: 12, noNaN: true })),
      minTroughToAverage: fc.oneof(fc.constant(null), fc.constantFrom(0.5, 0.8, 1), fc.double({ min: 0.01, max: 1, noNaN: true })),
    }),
  }),
  fc.record({
    kind: fc.constant('consumption_drop'),
    params: fc.record({
      windowMonths,
      maxOwnRatio: ratio,
      maxPeerRelative: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(0.5, 1, 2) }, { weight: 1, arbitrary: fc.double({ min: 0.01, max: 10, noNaN: true }) }),
      minBaselineAvgMonthlyKwh: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(0, 60, 100) }, { weight: 1, arbitrary: fc.double({ min: 0, max: 1000, noNaN: true }) }),
      statuses: fc.subarray(['active', 'suspended', 'closed'], { minLength: 1 }),
      excludeZero: fc.boolean(),
    }),
  }),
  fc.record({
    kind: fc.constant('zero_consumption'),
    params: fc.record({ windowMonths, statuses: fc.subarray(['active', 'suspended', 'closed'], { minLength: 1 }) }),
  }),
  fc.record({
    kind: fc.constant('capacity_exceeded'),
    params: fc.record({ windowDays: windowDays(60), maxUtilisation: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(0.9, 1) }, { weight: 1, arbitrary: fc.double({ min: 0.01, max: 10, noNaN: true }) }) }),
  }),
  fc.record({
    kind: fc.constant('consumption_trend'),
    params: fc.record({
      // Short windows and onsets fire more often on random bills; long ones are still drawn.
      windowMonths: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(1, 1, 2) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 6 }) }),
      maxOnsetMonths: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(1, 2, 3, 9) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 12 }) }),
      baselineMonths: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(1, 3, 6) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 12 }) }),
      maxOwnRatio: ratio,
      maxMonthRatio: ratio,
      maxYearOverYearRatio: fc.oneof(fc.constant(null), ratio),
      minBaselineAvgMonthlyKwh: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(0, 30, 100) }, { weight: 1, arbitrary: fc.double({ min: 0, max: 1000, noNaN: true }) }),
      vacancyMaxDayRatio: fc.oneof(fc.constant(null), fc.constantFrom(1, 2), fc.double({ min: 1, max: 100, noNaN: true })),
      vacancyDays: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(1, 3, 30) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 60 }) }),
      // (strict checks drawn less often, so that the rule still fires often enough on random bills)
      maxStepRatio: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(1, 1.2, 10) }, { weight: 1, arbitrary: fc.double({ min: 0.01, max: 10, noNaN: true }) }),
      vacancyMaxDayKwh: fc.oneof(fc.constant(null), fc.constantFrom(0, 3, 50), fc.double({ min: 0, max: 1000, noNaN: true })),
      excludeZeroMonths: fc.boolean(),
      maxOffSeasonRatio: fc.oneof(fc.constant(null), fc.constant(1), ratio),
      offSeasonMonths: fc.integer({ min: 1, max: 3 }),
      statuses: fc.subarray(['active', 'suspended', 'closed'], { minLength: 1 }),
      excludeZero: fc.boolean(),
    }),
  }),
  fc.record({
    kind: fc.constant('consumption_norm'),
    params: fc.record({
      tariffCategories: fc.subarray([...TARIFF_CATEGORIES], { minLength: 1 }),
      whitelist: fc.constantFrom('any', 'only', 'exclude'),
      windowMonths,
      minAvgMonthlyKwh: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(0, 30, 450) }, { weight: 1, arbitrary: fc.double({ min: 0, max: 2000, noNaN: true }) }),
      minPeerMultiple: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(1, 1.4, 2) }, { weight: 1, arbitrary: fc.double({ min: 1, max: 100, noNaN: true }) }),
      maxPeakToAverage: fc.oneof(fc.constant(null), fc.constantFrom(1, 1.4, 2), fc.double({ min: 1, max: 12, noNaN: true })),
    }),
  }),
  fc.record({
    kind: fc.constant('zero_unexplained'),
    params: fc.record({
      windowMonths,
      statuses: fc.subarray(['active', 'suspended', 'closed'], { minLength: 1 }),
      priorMonths: windowMonths,
      minPriorAvgMonthlyKwh: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(0, 10, 100) }, { weight: 1, arbitrary: fc.double({ min: 0, max: 1000, noNaN: true }) }),
      minPeerSeasonShare: fc.oneof(fc.constant(null), fc.constantFrom(0, 0.3, 1), fc.double({ min: 0, max: 10, noNaN: true })),
    }),
  }),
  fc.record({
    // the zero pattern above, and the meter's own records: days without a frozen reading, events of some kinds
    kind: fc.constant('zero_signals'),
    // short zero stretches and loose bounds, so the zero pattern is met often enough for the signals to matter
    params: fc.record({
      windowMonths: fc.constantFrom(1, 1, 2),
      statuses: fc.constant(['active', 'suspended', 'closed']),
      priorMonths: windowMonths,
      minPriorAvgMonthlyKwh: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.double({ min: 0, max: 100, noNaN: true }) }),
      minPeerSeasonShare: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(0, 0.3) }),
      readingDays: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(1, 7, 30) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 60 }) }),
      minMissingDays: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 10 })),
      eventDays: windowDays(365),
      eventKinds: fc.subarray(['tamper', 'cover_open', 'reverse_flow', 'power_loss'], { minLength: 1 }),
      minEvents: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 3 })),
    }),
  }),
  fc.record({
    kind: fc.constant('meter_events'),
    params: fc.record({
      windowDays: windowDays(365),
      kinds: fc.subarray(['tamper', 'cover_open', 'reverse_flow', 'power_loss'], { minLength: 1 }),
      minCount: fc.integer({ min: 1, max: 3 }),
    }),
  }),
);
const ruleSetArb = fc.array(fc.tuple(ruleArb, fc.integer({ min: 1, max: 100 })), { minLength: 1, maxLength: 6 }).map((rules) => JudgementRuleSet.parse({
  version: 'prop-1',
  source: 'property test',
  priorityThresholds: { urgent: 90, high: 60, normal: 30 },
  campaignMinScore: 40,
  rules: rules.map(([r, weight], i) => ({ ...r, code: `R${i}`, anomalyType: 'theft', weight, textZh: '规则', textEn: 'rule', checkItems: [] })),
}));
const scopeArb = fc.constantFrom<string[] | null>(null, ['PT'], ['PT.A'], ['PT.A.G1'], ['PT.B', 'PT.A.G2']);

async function load(customers: Gen[]): Promise<void> {
  await db.query('truncate customers, monthly_consumption, daily_readings, meter_events, metering_work_orders');
  for (const c of customers) {
    await db.query(
      `insert into customers (account_no, name, address, tariff_category, contract_capacity_kva, whitelist, station_id, grid_id, status, area_id)
       values ($1, 'n', 'a', $2, $3, $4, $5, $6, $7, $8)`,
      [c.accountNo, c.tariffCategory, c.contractCapacityKva, c.whitelist, c.stationId, c.gridId, c.status, c.areaId],
    );
    await db.query(
      `insert into monthly_consumption (account_no, month, kwh, amount_yuan, tariff_category)
       select $1, m, k, 0, $4 from unnest($2::date[], $3::numeric[]) as u(m, k)`,
      [c.accountNo, c.bills.map((b) => firstDay(b.month)), c.bills.map((b) => b.kwh), c.tariffCategory],
    );
    await db.query('insert into daily_readings (account_no, reading_date, day_kwh) select $1, d, k from unnest($2::date[], $3::numeric[]) as u(d, k)', [c.accountNo, c.days.map((d) => d.date), c.days.map((d) => d.dayKwh)]);
    await db.query('insert into meter_events (account_no, occurred_at, kind) select $1, t, k from unnest($2::timestamptz[], $3::text[]) as u(t, k)', [c.accountNo, c.events.map((e) => e.occurredAt), c.events.map((e) => e.kind)]);
    await db.query(
      `insert into metering_work_orders (order_no, account_no, kind, status, applied_on, done_at)
       select $1 || '-' || i, $1, 'rotation', s, '2025-01-01', t from unnest($2::text[], $3::timestamptz[]) with ordinality as u(s, t, i)`,
      [c.accountNo, c.workOrders.map((w) => w.status), c.workOrders.map((w) => w.doneAt)],
    );
  }
}

function inMemory(rs: JudgementRuleSet, customers: Gen[], scope: string[] | null): Evaluation[] {
  const p = prepareRuleSet(rs, AS_OF);
  const peers = (c: Gen) => {
    const t = new Map<string, { kwhCenti: number; customers: number }>();
    for (const o of customers) {
      if (o.stationId !== c.stationId || o.tariffCategory !== c.tariffCategory) continue;
      for (const b of o.bills) {
        const x = t.get(b.month) ?? { kwhCenti: 0, customers: 0 };
        t.set(b.month, { kwhCenti: x.kwhCenti + centi(b.kwh), customers: x.customers + 1 });
      }
    }
    return [...t].map(([month, x]) => ({ month, ...x }));
  };
  // power loss per outage unit and day over every customer (the unit is not the scope)
  const outages = p.needsOutages && p.events ? outageFactsByUnit(customers, p.events) : null;
  return customers
    .filter((c) => !scope || scope.some((s) => orgWithin(c.gridId ?? c.stationId, s)))
    .map((c) => evaluateFacts(p, buildFacts(p, c, c.bills, peers(c), c.days, c.events, null, outages?.get(outageUnitOf(c)), completedVisits(c))));
}

/** What the marketing system reports as visits: the completed orders' times. */
const completedVisits = (c: Gen) => c.workOrders.flatMap((w) => (w.status === 'completed' && w.doneAt ? [{ doneAt: w.doneAt }] : []));

/** The rule set with outage-aware counting off: what the netting changed is where the two disagree. */
const withoutOutages = (rs: JudgementRuleSet): JudgementRuleSet => ({
  ...rs, rules: rs.rules.map((r) => (r.kind === 'zero_signals' ? { ...r, params: { ...r.params, outageMinShare: null } } : r)),
});

const byAccount = (es: Evaluation[]) => Object.fromEntries(es.map((e) => [e.accountNo, { score: e.score, fired: e.fired }]));

test('per-customer judgement (connector and in-memory) and the SQL pushdown agree on every customer', async () => {
  const connector = createBuiltinConnector(db);
  let fired = 0;
  const firedByKind = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => customerArb(i)))),
      ruleSetArb,
      scopeArb,
      nearArb,
      async (drawn, drawnRules, scope, near) => {
        const [customers, rs] = withNear(drawn, drawnRules, near);
        await load(customers);
        const p = prepareRuleSet(rs, AS_OF);
        const sql = populationJudgementSql(p, { scope, minScore: 0 });
        const rows = (await db.query<{ account_no: string; score: number; reasons: string[] }>(sql.text, sql.values)).rows;
        const fromSql = byAccount(rows.map((r) => ({ accountNo: r.account_no, score: r.score, fired: r.reasons })));
        const expected = inMemory(rs, customers, scope);
        const viaConnector: Evaluation[] = [];
        for (const e of expected) viaConnector.push((await judgeCustomer(connector, p, e.accountNo))!.evaluation);
        fired += expected.filter((e) => e.fired.length).length;
        for (const e of expected) for (const code of e.fired) {
          const kind = rs.rules.find((r) => r.code === code)!.kind;
          firedByKind.set(kind, (firedByKind.get(kind) ?? 0) + 1);
        }
        expect(byAccount(viaConnector)).toEqual(byAccount(expected));
        expect(fromSql).toEqual(byAccount(expected));
      },
    ),
    { numRuns: 350, seed: Number(process.env.FC_SEED ?? 20160415) },
  );
  // The generators must make rules fire often, or agreement would be trivial.
  expect(fired).toBeGreaterThan(100);
  // … and every rule kind among them.
  const kinds = ['consumption_level', 'consumption_drop', 'zero_consumption', 'capacity_exceeded', 'meter_events', 'consumption_trend', 'consumption_norm', 'zero_unexplained', 'zero_signals'];
  expect(kinds.filter((k) => (firedByKind.get(k) ?? 0) <= 5).map((k) => `${k}: ${firedByKind.get(k) ?? 0}`)).toEqual([]);
}, 120_000);

// Outage-aware counting on its own: every customer's bills stop to zero (so the zero pattern holds) and the rule counts
// power-loss events, so what the three paths compare is whether each event was an outage's.
// Customers are in station areas too (the finest outage unit), or only in a grid or station.
const zeroingArb = (i: number) => fc.tuple(customerArb(i), fc.constantFrom('AR1', 'AR1', 'AR2', null)).map(([c, areaId]): Gen => ({
  ...c,
  areaId,
  bills: [...c.bills.filter((b) => b.month < addMonths(AS_OF, -1)), { month: AS_OF, kwh: 0 }, { month: addMonths(AS_OF, -1), kwh: 0 }, { month: addMonths(AS_OF, -2), kwh: 100 }],
}));
const outageRuleSetArb = fc.record({
  windowMonths: fc.constantFrom(1, 2),
  statuses: fc.constant(['active', 'suspended', 'closed']),
  priorMonths: fc.constant(1),
  minPriorAvgMonthlyKwh: fc.constant(0),
  minPeerSeasonShare: fc.constant(null),
  readingDays: fc.constant(30),
  minMissingDays: fc.constant(null),
  eventDays: windowDays(365),
  eventKinds: fc.oneof(fc.constant(['power_loss']), fc.subarray(['tamper', 'cover_open', 'reverse_flow']).map((ks) => [...ks, 'power_loss'])),
  minEvents: fc.integer({ min: 1, max: 2 }),
  outageMinShare: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(0.1, 0.25, 0.5, 1) }, { weight: 1, arbitrary: fc.double({ min: 0.001, max: 1, noNaN: true }) }),
  outageMinMeters: fc.option(fc.constantFrom(2, 3), { nil: undefined }),
}).map(({ outageMinMeters, ...params }) => ({ ...params, ...(outageMinMeters === undefined ? {} : { outageMinMeters }) })).map((params) => JudgementRuleSet.parse({
  version: 'prop-outage', source: 'property test', priorityThresholds: { urgent: 90, high: 60, normal: 30 }, campaignMinScore: 40,
  rules: [{ code: 'ZS', kind: 'zero_signals', anomalyType: 'zero_consumption', weight: 50, textZh: '规则', textEn: 'rule', checkItems: [], params }],
}));

test('outage-aware counting: power-loss events of a unit\'s outage days are netted out the same way in SQL, through the connector and in memory', async () => {
  const connector = createBuiltinConnector(db);
  let netted = 0;
  let fired = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.tuple(fc.integer({ min: 2, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => zeroingArb(i)))), outageArb).map(([cs, o]) => withOutage(cs, o)),
      outageRuleSetArb,
      scopeArb,
      async (customers, rs, scope) => {
        await load(customers);
        const p = prepareRuleSet(rs, AS_OF);
        expect(p.needsOutages).toBe(true);
        const sql = populationJudgementSql(p, { scope, minScore: 0 });
        const rows = (await db.query<{ account_no: string; score: number; reasons: string[] }>(sql.text, sql.values)).rows;
        const expected = inMemory(rs, customers, scope);
        const viaConnector: Evaluation[] = [];
        for (const e of expected) viaConnector.push((await judgeCustomer(connector, p, e.accountNo))!.evaluation);
        const plain = inMemory(withoutOutages(rs), customers, scope);
        netted += expected.filter((e, i) => e.score !== plain[i].score).length;
        fired += expected.filter((e) => e.fired.length).length;
        expect(byAccount(viaConnector)).toEqual(byAccount(expected));
        expect(byAccount(rows.map((r) => ({ accountNo: r.account_no, score: r.score, fired: r.reasons })))).toEqual(byAccount(expected));
      },
    ),
    { numRuns: 200, seed: Number(process.env.FC_SEED ?? 20160415) },
  );
  // Outage days must take events away often enough that the netting is checked, not only its absence; and leave some.
  expect(netted).toBeGreaterThan(20);
  expect(fired).toBeGreaterThan(20);
}, 120_000);

// Events near a metering work order on their own: every rule counts events near a completed visit or not, so what the
// three paths compare is whether each event was within the rule's China days of one (open and cancelled orders never count).
const nearRuleSetArb = fc.tuple(
  fc.array(fc.record({
    windowDays: windowDays(365),
    kinds: fc.subarray(['tamper', 'cover_open', 'reverse_flow', 'power_loss'], { minLength: 1 }),
    minCount: fc.integer({ min: 1, max: 2 }),
    excludeNearWorkOrderDays: fc.option(nearDays, { nil: null }),
  }), { minLength: 1, maxLength: 3 }),
).map(([rules]) => JudgementRuleSet.parse({
  version: 'prop-near', source: 'property test', priorityThresholds: { urgent: 90, high: 60, normal: 30 }, campaignMinScore: 40,
  rules: rules.map((params, i) => ({ code: `T${i}`, kind: 'meter_events', anomalyType: 'meter_tamper', weight: 10 * (i + 1), textZh: '规则', textEn: 'rule', checkItems: [], params })),
}));
/** The rule set with no event left out for a work order: what the exclusion changed is where the two disagree. */
const withoutNear = (rs: JudgementRuleSet): JudgementRuleSet => ({
  ...rs, rules: rs.rules.map((r) => (r.kind === 'meter_events' ? { ...r, params: { ...r.params, excludeNearWorkOrderDays: null } } : r)),
});

test('events near a completed metering work order are left out the same way in SQL, through the connector and in memory', async () => {
  const connector = createBuiltinConnector(db);
  let excluded = 0;
  let fired = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.tuple(fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => customerArb(i)))), nearArb)
        .map(([cs, [orders]]) => withWorkOrders(cs, orders)),
      nearRuleSetArb,
      scopeArb,
      async (customers, rs, scope) => {
        await load(customers);
        const p = prepareRuleSet(rs, AS_OF);
        const sql = populationJudgementSql(p, { scope, minScore: 0 });
        const rows = (await db.query<{ account_no: string; score: number; reasons: string[] }>(sql.text, sql.values)).rows;
        const expected = inMemory(rs, customers, scope);
        const viaConnector: Evaluation[] = [];
        for (const e of expected) viaConnector.push((await judgeCustomer(connector, p, e.accountNo))!.evaluation);
        const plain = inMemory(withoutNear(rs), customers, scope);
        excluded += expected.filter((e, i) => e.score !== plain[i].score).length;
        fired += expected.filter((e) => e.fired.length).length;
        expect(byAccount(viaConnector)).toEqual(byAccount(expected));
        expect(byAccount(rows.map((r) => ({ accountNo: r.account_no, score: r.score, fired: r.reasons })))).toEqual(byAccount(expected));
      },
    ),
    { numRuns: 200, seed: Number(process.env.FC_SEED ?? 20160415) },
  );
  // Work orders must take flags away often enough that the exclusion is checked, not only its absence; and leave some.
  expect(excluded).toBeGreaterThan(20);
  expect(fired).toBeGreaterThan(20);
}, 120_000);

test('sorting and the score threshold: SQL returns score ≥ minScore, best first, ties by account number', async () => {
  const rs = JudgementRuleSet.parse({
    version: 'prop-2', source: 't', priorityThresholds: { urgent: 90, high: 60, normal: 30 }, campaignMinScore: 40,
    rules: [
      { code: 'ZERO', kind: 'zero_consumption', anomalyType: 'zero_consumption', weight: 40, textZh: '零', textEn: 'zero', checkItems: [], params: { windowMonths: 1, statuses: ['active'] } },
      { code: 'BIG', kind: 'consumption_level', anomalyType: 'whitelist_large', weight: 70, textZh: '大', textEn: 'big', checkItems: [], params: { tariffCategories: ['residential'], whitelist: 'any', windowMonths: 1, minAvgMonthlyKwh: 500, maxPeakToAverage: null } },
    ],
  });
  const mk = (i: number, kwh: number): Gen => ({
    accountNo: `99${String(i).padStart(8, '0')}`, stationId: 'PT.A', gridId: null, areaId: null, tariffCategory: 'residential', whitelist: false, status: 'active',
    contractCapacityKva: 8, bills: [{ month: AS_OF, kwh }], days: [], events: [], workOrders: [],
  });
  await load([mk(3, 0), mk(1, 600), mk(2, 0), mk(4, 10)]);
  const sql = populationJudgementSql(prepareRuleSet(rs, AS_OF), { scope: ['PT'], minScore: 40 });
  const rows = (await db.query(sql.text, sql.values)).rows;
  expect(rows).toEqual([
    { account_no: '9900000001', score: 70, reasons: ['BIG'] },
    { account_no: '9900000002', score: 40, reasons: ['ZERO'] },
    { account_no: '9900000003', score: 40, reasons: ['ZERO'] },
  ]);
});
