import type { CustomerStatus, MeterEventKind, TariffCategory } from '../../../domain/customerData';
import type { AnomalyType } from '../../../domain/judgementRules';
import { addDays, addMonths, calendarMonth, chinaMidnight, daysInMonth, lastDay } from '../../../domain/billingMonths';

/**
 * A second synthetic utility, written apart from ../generator.ts so the judgement is measured on data it was not
 * tuned on: its own randomness, its own consumption shapes (per-customer air-conditioning and heating amplitudes,
 * the Spring Festival dip of industry, irrigation seasons), its own magnitudes, and the hard negatives a real
 * customer base is full of — vacations, seasonal peaks, large households (some whitelisted), irrigation pumps idle
 * all winter, suspended accounts, homes left empty, feeder outages that leave power-loss events on every meter of a
 * station. It plants each anomaly family in its own way. Its output is import rows (the columns the import
 * endpoints take), so a test loads it exactly as a utility's files would be.
 */

export interface IndependentSpec {
  seed: number;
  customers: number;
  /** Last billed month. */
  endMonth: string;
  /** Bills per customer: 12 or 24 (the same population either way: 12 is the last 12 of 24). */
  months: number;
  /** The county-level unit the stations go under (its parent must exist). */
  rootId: string;
  /** Digits; account = prefix + zero-padded index, 10 digits. */
  accountPrefix: string;
}

export interface IndependentCustomer {
  accountNo: string;
  stationId: string;
  gridId: string;
  tariffCategory: TariffCategory;
  whitelist: boolean;
  status: CustomerStatus;
  contractCapacityKva: number;
  bills: { month: string; kwh: number }[];
  /**
   * What flowed through the customer's connection each billed month (kWh): the bill, except where the meter did not
   * see it — a theft's bypassed share, a stopped meter's use. An area meter (台区总表) measures this.
   */
  consumedKwh: number[];
  days: { date: string; dayKwh: number; registerKwh: number }[];
  events: { occurredAt: string; kind: MeterEventKind }[];
  label: AnomalyType | null;
  /** What the generator did (anomaly or hard negative), for reading the results. */
  story: string;
}

/** sfc32 seeded through splitmix32: a stream per (seed, index). */
function stream(seed: number, index: number): () => number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  const next = () => {
    h = (h + 0x9e3779b9) | 0;
    let z = h;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
  let [a, b, c, d] = [next(), next(), next(), next()];
  return () => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

type U = () => number;
const uniform = (u: U, lo: number, hi: number) => lo + (hi - lo) * u();
const chance = (u: U, p: number) => u() < p;
/** Sum of 12 uniforms minus 6 (Irwin–Hall): close enough to a standard normal, no logs. */
const gauss = (u: U) => {
  let s = -6;
  for (let i = 0; i < 12; i += 1) s += u();
  return s;
};
const lognorm = (u: U, median: number, spread: number) => median * Math.exp(spread * gauss(u));
const cents = (x: number) => Math.round(Math.max(0, x) * 100) / 100;

/** Calendar months apart on a circle (December is next to January). */
const circ = (a: number, b: number) => Math.min(Math.abs(a - b), 12 - Math.abs(a - b));
const bump = (m: number, centre: number, width: number) => Math.exp(-(circ(m, centre) ** 2) / (2 * width * width));

const STATIONS = 8;
const CAPACITY_STEPS = [4, 6, 8, 10, 12, 16, 20, 25, 32, 40, 50, 63, 80, 100, 125, 160, 200, 250, 315, 400, 500, 630, 800, 1000, 1250, 1600, 2000, 2500, 3150];
const DAYS = 92;

export function independentStations(spec: IndependentSpec): { id: string; parentId: string; level: 'station' | 'grid'; nameZh: string; nameEn: string }[] {
  return Array.from({ length: STATIONS }, (_, i) => {
    const id = `${spec.rootId}.Q${i + 1}`;
    return [
      { id, parentId: spec.rootId, level: 'station' as const, nameZh: `第${i + 1}供电所（独立样本）`, nameEn: `Station ${i + 1} (independent sample)` },
      ...[1, 2].map((g) => ({ id: `${id}.W${g}`, parentId: id, level: 'grid' as const, nameZh: `第${i + 1}所${g}网格`, nameEn: `Station ${i + 1} grid ${g}` })),
    ];
  }).flat();
}

/** Outage days per station in the last DAYS days (every meter of the station reports a power loss that day). */
function outages(spec: IndependentSpec, station: number): string[] {
  const u = stream(spec.seed ^ 0x5eed, 1_000_000 + station);
  const end = lastDay(spec.endMonth);
  return Array.from({ length: Math.floor(uniform(u, 0, 4)) }, () => addDays(end, -Math.floor(uniform(u, 0, DAYS))));
}

type Plan =
  | 'normal' | 'vacation' | 'ac_heavy' | 'large_household' | 'winter_idle' | 'suspended' | 'vacancy_standby' | 'vacancy_off'
  | AnomalyType;

function choosePlan(u: U, tariff: TariffCategory, whitelist: boolean): Plan {
  const x = u();
  if (tariff === 'residential' && whitelist) return x < 0.3 ? 'whitelist_large' : x < 0.75 ? 'large_household' : 'normal';
  const table: [number, Plan][] = tariff === 'residential'
    ? [[0.02, 'tariff_misuse'], [0.025, 'theft'], [0.012, 'zero_consumption'], [0.004, 'over_capacity'], [0.012, 'meter_tamper'],
      [0.08, 'vacation'], [0.05, 'ac_heavy'], [0.035, 'large_household'], [0.02, 'suspended'], [0.022, 'vacancy_standby'], [0.008, 'vacancy_off']]
    : tariff === 'agricultural'
      ? [[0.025, 'theft'], [0.012, 'zero_consumption'], [0.012, 'meter_tamper'], [0.35, 'winter_idle'], [0.02, 'suspended']]
      : [[0.03, 'theft'], [0.012, 'zero_consumption'], [0.03, 'over_capacity'], [0.012, 'meter_tamper'], [0.02, 'suspended']];
  let acc = 0;
  for (const [p, plan] of table) {
    acc += p;
    if (x < acc) return plan;
  }
  return 'normal';
}

function chooseTariff(u: U): TariffCategory {
  const x = u();
  return x < 0.72 ? 'residential' : x < 0.86 ? 'commercial' : x < 0.93 ? 'general_industrial' : x < 0.94 ? 'large_industrial' : 'agricultural';
}

/** Monthly level (kWh) and the shape over calendar months 1–12 (mean about 1). */
function profile(u: U, tariff: TariffCategory, plan: Plan): { level: number; shape: (m: number) => number; noise: number } {
  switch (tariff) {
    case 'residential': {
      if (plan === 'tariff_misuse') {
        const level = lognorm(u, 900, 0.45);
        const s = uniform(u, 0, 0.15);
        return { level, shape: (m) => 1 + s * (bump(m, 7.5, 1.2) - 0.25), noise: 0.08 };
      }
      if (plan === 'whitelist_large') {
        const level = lognorm(u, 2200, 0.5);
        return { level, shape: (m) => 1 + 0.1 * (bump(m, 7.5, 1.2) - 0.25), noise: 0.08 };
      }
      const big = plan === 'large_household';
      const level = big ? lognorm(u, 750, 0.25) : lognorm(u, 190, 0.6);
      const ac = plan === 'ac_heavy' ? uniform(u, 2, 3.5) : big ? uniform(u, 1, 2.5) : uniform(u, 0.2, 1.6);
      const heat = uniform(u, 0, 0.8);
      const mean = (0.8 + ac * 0.29 + heat * 0.31);
      return { level, shape: (m) => (0.8 + ac * bump(m, 7.6, 1.1) + heat * bump(m, 1, 1.2)) / mean, noise: 0.13 };
    }
    case 'commercial': {
      const s = uniform(u, 0, 0.5);
      return { level: lognorm(u, 1500, 0.9), shape: (m) => (1 + s * bump(m, 7.5, 1.3)) / (1 + s * 0.32), noise: 0.1 };
    }
    case 'general_industrial':
    case 'large_industrial': {
      const dip = uniform(u, 0.2, 0.5);
      const level = tariff === 'large_industrial' ? lognorm(u, 180_000, 0.5) : lognorm(u, 9000, 1.0);
      return { level, shape: (m) => (m === 2 ? 1 - dip : 1) / (1 - dip / 12), noise: 0.1 };
    }
    case 'agricultural': {
      const base = plan === 'winter_idle' ? 0 : uniform(u, 0.1, 0.3);
      const shape = (m: number) => (plan === 'winter_idle' && (m >= 11 || m <= 2) ? 0 : base + 1.6 * bump(m, 6.5, 1.8));
      const mean = Array.from({ length: 12 }, (_, i) => shape(i + 1)).reduce((a, b) => a + b, 0) / 12;
      return { level: lognorm(u, 900, 0.8), shape: (m) => shape(m) / mean, noise: 0.12 };
    }
  }
}

const WEEKDAY: Record<TariffCategory, number[]> = {
  // Sunday first
  residential: [1.15, 0.95, 0.95, 0.95, 0.95, 0.97, 1.1],
  commercial: [0.75, 1.03, 1.03, 1.03, 1.03, 1.08, 1.05],
  general_industrial: [0.5, 1.1, 1.1, 1.1, 1.1, 1.1, 0.8],
  large_industrial: [0.85, 1.03, 1.03, 1.03, 1.03, 1.03, 0.95],
  agricultural: [1, 1, 1, 1, 1, 1, 1],
};

export function independentCustomer(spec: IndependentSpec, index: number): IndependentCustomer {
  const u = stream(spec.seed, index);
  const station = Math.floor(u() * STATIONS);
  const stationId = `${spec.rootId}.Q${station + 1}`;
  const gridId = `${stationId}.W${1 + Math.floor(u() * 2)}`;
  const tariff = chooseTariff(u);
  const whitelist = tariff === 'residential' && chance(u, 0.03);
  const plan = choosePlan(u, tariff, whitelist);
  const { level, shape, noise } = profile(u, tariff, plan);
  const growth = uniform(u, -0.06, 0.06);

  const total = 24;
  const months = Array.from({ length: total }, (_, i) => addMonths(spec.endMonth, i - (total - 1)));
  // Plan parameters (months counted back from the end month: 0 = endMonth).
  const theftOnset = Math.floor(uniform(u, 3, 10)); // the drop has lasted 3–9 months
  const theftFactor = uniform(u, 0.2, 0.65);
  const stopOnset = Math.floor(uniform(u, 2, 9)); // meter stopped 2–8 months ago
  const meterOffline = chance(u, 0.4);
  const vacationMonth = Math.floor(uniform(u, 0, 12));
  const vacationFactor = uniform(u, 0.25, 0.5);
  const suspendedFor = Math.floor(uniform(u, 2, 11));
  const movedOut = Math.floor(uniform(u, 3, 12));
  const standbyDay = uniform(u, 0.6, 1.5);
  const overFrom = Math.floor(uniform(u, 1, 6)); // added load 1–5 months ago

  const unmetered = new Map<number, number>(); // month index → kWh used but not metered
  const billKwh = months.map((m, i) => {
    const back = total - 1 - i;
    let kwh = level * shape(calendarMonth(m)) * (1 + growth) ** (-back / 12) * Math.exp(noise * gauss(u));
    const used = kwh;
    if (plan === 'theft' && back < theftOnset) kwh *= theftFactor;
    if (plan === 'zero_consumption' && back < stopOnset) kwh = 0;
    if (plan === 'vacation' && back === vacationMonth) kwh *= vacationFactor;
    if (plan === 'suspended' && back < suspendedFor) kwh = 0;
    if (plan === 'vacancy_standby' && back < movedOut) kwh = standbyDay * daysInMonth(m) * Math.exp(0.03 * gauss(u));
    if (plan === 'vacancy_off' && back < movedOut) kwh = back === movedOut - 1 ? kwh * uniform(u, 0.1, 0.5) : 0;
    if ((plan === 'theft' && back < theftOnset) || (plan === 'zero_consumption' && back < stopOnset)) unmetered.set(i, used - kwh);
    return kwh;
  });

  // Contract capacity: comfortably above the busiest day's average load for everyone but the over-capacity plan.
  const peakDay = Math.max(...billKwh.slice(-12)) / 30;
  const headroom = tariff === 'residential' ? uniform(u, 0.12, 0.35) : uniform(u, 0.18, 0.5);
  const needKva = (peakDay / 24) / headroom;
  const capacity = CAPACITY_STEPS.find((c) => c >= Math.max(tariff === 'residential' ? 4 : 10, needKva)) ?? 3150;
  const overUtil = uniform(u, 1.1, 1.7) * uniform(u, 0.5, 0.8); // peak over contract × daily load factor

  // Daily frozen readings for the last DAYS days; the bills of fully covered months are the sums of their days.
  const end = lastDay(spec.endMonth);
  const dates = Array.from({ length: DAYS }, (_, d) => addDays(end, d - (DAYS - 1)));
  const day = dates.map((date) => {
    const m = date.slice(0, 7);
    const back = (Number(spec.endMonth.slice(0, 4)) - Number(m.slice(0, 4))) * 12 + Number(spec.endMonth.slice(5, 7)) - Number(m.slice(5, 7));
    const bill = billKwh[total - 1 - back];
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    let kwh = (bill / daysInMonth(m)) * WEEKDAY[tariff][dow] * Math.exp((tariff === 'residential' ? 0.3 : 0.15) * gauss(u));
    if ((plan === 'vacancy_standby') && back < movedOut) kwh = standbyDay * Math.exp(0.06 * gauss(u));
    if (plan === 'vacation' && back === vacationMonth && u() < 0.8) kwh = standbyDay * Math.exp(0.06 * gauss(u));
    if (plan === 'over_capacity' && back < overFrom && dow !== 0) kwh = capacity * 24 * overUtil * Math.exp(0.05 * gauss(u));
    return { date, back, kwh: cents(kwh), offline: plan === 'zero_consumption' && meterOffline && back < stopOnset };
  });
  // Over-capacity load shows in the bills of the months it covers.
  for (let back = 0; back < 3; back += 1) {
    const inMonth = day.filter((d) => d.back === back);
    if (plan === 'over_capacity' && back < overFrom && inMonth.length) billKwh[total - 1 - back] = inMonth.reduce((s, d) => s + d.kwh, 0);
  }
  let register = cents(level * uniform(u, 20, 200));
  const days: IndependentCustomer['days'] = [];
  for (const d of day) {
    register = cents(register + d.kwh);
    if (!d.offline) days.push({ date: d.date, dayKwh: d.kwh, registerKwh: register });
  }

  // Meter events in the last DAYS days.
  const endMs = Date.parse(chinaMidnight(addDays(end, 1)));
  const at = (daysBack: number) => new Date(endMs - Math.floor(daysBack * 86400) * 1000 - 1000).toISOString();
  const events: IndependentCustomer['events'] = [];
  for (const o of outages(spec, station)) if (chance(u, 0.9)) events.push({ occurredAt: new Date(Date.parse(chinaMidnight(o)) + Math.floor(uniform(u, 8, 20) * 3600) * 1000).toISOString(), kind: 'power_loss' });
  if (chance(u, 0.03)) events.push({ occurredAt: at(uniform(u, 0, DAYS)), kind: 'power_loss' });
  if (plan === 'meter_tamper') {
    for (let n = Math.floor(uniform(u, 1, 5)); n > 0; n -= 1) events.push({ occurredAt: at(uniform(u, 0, 89)), kind: chance(u, 0.5) ? 'tamper' : 'cover_open' });
  }
  if (plan === 'zero_consumption' && chance(u, 0.5)) events.push({ occurredAt: at(Math.min(DAYS - 1, stopOnset * 30 - uniform(u, 0, 20))), kind: 'power_loss' });

  const accountNo = spec.accountPrefix + String(index + 1).padStart(10 - spec.accountPrefix.length, '0');
  const first = total - spec.months;
  return {
    accountNo, stationId, gridId, tariffCategory: tariff, whitelist,
    status: plan === 'suspended' ? 'suspended' : 'active',
    contractCapacityKva: capacity,
    bills: months.slice(first).map((month, i) => ({ month, kwh: cents(billKwh[first + i]) })),
    consumedKwh: months.slice(first).map((_m, i) => cents(billKwh[first + i] + (unmetered.get(first + i) ?? 0))),
    days,
    events: [...new Map(events.map((e) => [`${e.occurredAt}/${e.kind}`, e])).values()].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt)),
    label: (['tariff_misuse', 'theft', 'zero_consumption', 'over_capacity', 'whitelist_large', 'meter_tamper'] as string[]).includes(plan) ? plan as AnomalyType : null,
    story: plan,
  };
}

export function independentPopulation(spec: IndependentSpec): IndependentCustomer[] {
  if (spec.months < 1 || spec.months > 24) throw new Error('months must be 1–24');
  return Array.from({ length: spec.customers }, (_, i) => independentCustomer(spec, i));
}

/** The population as the import endpoints take it: rows per import kind, columns as their headers name them. */
export function independentImportRows(spec: IndependentSpec, customers: IndependentCustomer[]) {
  return {
    'org-units': independentStations(spec).map((o) => ({ id: o.id, parent_id: o.parentId, level: o.level, name_zh: o.nameZh, name_en: o.nameEn })),
    customers: customers.map((c) => ({
      account_no: c.accountNo, name: `样本用户${c.accountNo.slice(-4)}`, address: `湖北省咸宁市样本路${Number(c.accountNo.slice(-4))}号`, tariff_category: c.tariffCategory,
      contract_capacity_kva: c.contractCapacityKva, meter_no: `Q${c.accountNo}`, whitelist: c.whitelist, station_id: c.stationId, grid_id: c.gridId, status: c.status,
    })),
    'monthly-consumption': customers.flatMap((c) => c.bills.map((b) => ({ account_no: c.accountNo, month: b.month, kwh: b.kwh, amount_yuan: cents(b.kwh * 0.6), tariff_category: c.tariffCategory }))),
    'daily-readings': customers.flatMap((c) => c.days.map((d) => ({ account_no: c.accountNo, reading_date: d.date, day_kwh: d.dayKwh, register_kwh: d.registerKwh }))),
    'meter-events': customers.flatMap((c) => c.events.map((e) => ({ account_no: c.accountNo, occurred_at: e.occurredAt, kind: e.kind, meter_no: `Q${c.accountNo}` }))),
  };
}
