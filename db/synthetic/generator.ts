import type { CustomerStatus, MeterEventKind, TariffCategory } from '../../domain/customerData';
import { METERING_WORK_ORDER_KINDS, type METERING_WORK_ORDER_STATUSES } from '../../domain/customerData';
import type { AnomalyType } from '../../domain/judgementRules';
import { addDays, addMonths, calendarMonth, chinaMidnight, daysInMonth, lastDay, monthsBetween } from '../../domain/billingMonths';
import { between, intBetween, logNormal, normal, pick, rngFor, round2, type Rng } from './random';

/**
 * The synthetic utility: a deterministic population of customers around Xian'an (咸安区, Xianning, Hubei) with
 * 24 months of bills, the last 30 days of daily frozen readings, meter events, and planted anomalies whose
 * ground-truth label is returned with each customer. Realistic noise (big households, empty flats, rooftop PV,
 * maintenance) makes some rules fire on unlabelled customers, so precision and recall mean something.
 */

export interface OrgUnitSeed { id: string; parentId: string | null; level: 'province' | 'city' | 'county' | 'station' | 'grid'; nameZh: string; nameEn: string }

export interface PopulationSpec {
  /** Key in synthetic_populations; a re-seed with the same spec is skipped. */
  name: string;
  seed: number;
  customers: number;
  /** Last billed month (YYYY-MM). */
  endMonth: string;
  /** The county-level unit the stations are created under (upserted; its parent must exist). */
  root: OrgUnitSeed;
  /** Digits; account number = prefix + zero-padded index, 10 digits in all. */
  accountPrefix: string;
  months?: number;
  days?: number;
  stations?: number;
}

export interface GeneratedCustomer {
  accountNo: string;
  name: string;
  address: string;
  lat: number;
  lon: number;
  tariffCategory: TariffCategory;
  contractCapacityKva: number;
  meterNo: string;
  whitelist: boolean;
  stationId: string;
  gridId: string;
  status: CustomerStatus;
  /** Bills oldest first: months[i] is addMonths(endMonth, i - (n - 1)). */
  billKwh: number[];
  /**
   * What flowed through the connection each month (kWh): the bill, except where the meter did not see it — a theft's
   * bypassed share, a stopped meter's use. An area meter (台区总表) measures this.
   */
  consumedKwh: number[];
  billYuan: number[];
  /** Daily frozen readings oldest first, ending on the last day of endMonth. */
  dayKwh: number[];
  registerKwh: number[];
  events: { occurredAt: string; kind: MeterEventKind }[];
  /** 计量工单 of the marketing system: a maintenance visit's order, and orders on ordinary customers (no event). */
  meteringWorkOrders: GeneratedMeteringWorkOrder[];
  label: AnomalyType | null;
}

export interface GeneratedMeteringWorkOrder {
  orderNo: string;
  kind: (typeof METERING_WORK_ORDER_KINDS)[number];
  status: (typeof METERING_WORK_ORDER_STATUSES)[number];
  appliedOn: string;
  /** When the visit was done (ISO instant); null unless completed. */
  doneAt: string | null;
}

const TOWN_CENTRE = { lat: 29.8527, lon: 114.3222 }; // 咸安区温泉 (Wenquan), Xianning
const STATIONS: [string, string, string][] = [
  ['FS', '浮山', 'Fushan'], ['YA', '永安', "Yong'an"], ['XY', '向阳湖', 'Xiangyanghu'], ['GB', '官埠桥', 'Guanbuqiao'],
  ['HG', '横沟桥', 'Henggouqiao'], ['HS', '贺胜桥', 'Heshengqiao'], ['SX', '双溪桥', 'Shuangxiqiao'], ['MQ', '马桥', 'Maqiao'],
  ['GH', '桂花', 'Guihua'], ['GQ', '高桥', 'Gaoqiao'], ['DM', '大幕', 'Damu'], ['TQ', '汀泗桥', 'Tingsiqiao'],
];
const GRIDS_PER_STATION = 4;
const SURNAMES = '王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕';
const GIVEN = ['建国', '秀英', '志强', '桂兰', '海燕', '国华', '文军', '丽华', '明', '红梅', '伟', '芳', '军', '敏', '静', '磊', '洋', '勇', '艳', '杰', '娟', '涛', '超', '霞'];
const ROADS = ['温泉路', '桂花路', '青龙路', '金桂路', '永安大道', '长江路', '贺胜路', '向阳路', '龟山路', '旗鼓大道'];
const SHOPS = ['饭店', '小吃店', '便利店', '超市', '理发店', '农家乐', '茶楼', '五金店', '药店', '宾馆'];
const WORKS = ['机械有限公司', '建材有限公司', '纺织厂', '食品有限公司', '苎麻加工厂', '竹木制品厂'];
const FARMS = ['村灌溉泵站', '养殖场', '茶场', '农业合作社'];

const CAPACITIES = [4, 6, 8, 10, 16, 20, 30, 50, 80, 100, 125, 160, 200, 250, 315, 400, 500, 630, 800, 1000, 1250, 1600, 2000, 2500, 3150, 4000, 5000];

/** Seasonal factor by calendar month (index 0 = January); household use peaks with air conditioning and heating. */
export const SEASON: Record<TariffCategory, number[]> = {
  residential: [1.35, 1.2, 0.9, 0.75, 0.8, 1.05, 1.7, 1.8, 1.15, 0.8, 0.85, 1.15],
  commercial: [1.05, 0.9, 0.95, 0.95, 1.0, 1.1, 1.25, 1.25, 1.05, 0.95, 0.95, 1.05],
  general_industrial: [1.0, 0.6, 1.0, 1.05, 1.05, 1.05, 1.05, 1.05, 1.05, 1.05, 1.05, 1.05],
  large_industrial: [1.0, 0.8, 1.0, 1.0, 1.0, 1.0, 1.05, 1.05, 1.0, 1.0, 1.0, 1.0],
  agricultural: [0.5, 0.5, 0.7, 1.0, 1.3, 1.6, 1.9, 1.8, 1.2, 0.8, 0.5, 0.5],
};
export const SEASON_MEAN = Object.fromEntries(Object.entries(SEASON).map(([k, v]) => [k, v.reduce((a, b) => a + b, 0) / 12])) as Record<TariffCategory, number>;
const LEVEL: Record<TariffCategory, [number, number]> = {
  residential: [160, 0.45], commercial: [1200, 0.7], general_industrial: [12000, 0.8], large_industrial: [250000, 0.6], agricultural: [600, 0.8],
};
/** Yuan per kWh (Hubei-like catalogue prices; residential is tiered by month). */
export function billYuan(tariff: TariffCategory, kwh: number, basicFeeYuan: number): number {
  if (tariff === 'residential') return round2(Math.min(kwh, 180) * 0.558 + Math.max(0, Math.min(kwh, 400) - 180) * 0.608 + Math.max(0, kwh - 400) * 0.858);
  const price = { commercial: 0.8402, general_industrial: 0.7369, large_industrial: 0.6106, agricultural: 0.5195 }[tariff];
  return round2(kwh * price + basicFeeYuan);
}

const stationCache = new WeakMap<PopulationSpec, OrgUnitSeed[]>();

export function stationsOf(spec: PopulationSpec): OrgUnitSeed[] {
  const cached = stationCache.get(spec);
  if (cached) return cached;
  const stations = makeStations(spec);
  stationCache.set(spec, stations);
  return stations;
}

function makeStations(spec: PopulationSpec): OrgUnitSeed[] {
  const n = spec.stations ?? Math.min(60, Math.max(2, Math.ceil(spec.customers / 20_000)));
  return Array.from({ length: n }, (_, i) => {
    const [code, zh, en] = i < STATIONS.length ? STATIONS[i] : [`S${String(i + 1).padStart(2, '0')}`, `第${i + 1}`, `No. ${i + 1}`];
    return { id: `${spec.root.id}.${code}`, parentId: spec.root.id, level: 'station' as const, nameZh: `${zh}供电所`, nameEn: `${en} Supply Station` };
  });
}

/** The root, its stations and their grids, parents first. */
export function populationOrgUnits(spec: PopulationSpec): OrgUnitSeed[] {
  const stations = stationsOf(spec);
  const grids = stations.flatMap((s) => Array.from({ length: GRIDS_PER_STATION }, (_, g) => ({
    id: `${s.id}.G${g + 1}`, parentId: s.id, level: 'grid' as const, nameZh: `${s.nameZh.replace('供电所', '')}${'一二三四五六'[g]}网格`, nameEn: `${s.nameEn.replace(' Supply Station', '')} Grid ${g + 1}`,
  })));
  return [spec.root, ...stations, ...grids];
}

export function accountNoOf(spec: PopulationSpec, index: number): string {
  const width = 10 - spec.accountPrefix.length;
  if (!/^\d{1,9}$/.test(spec.accountPrefix) || index + 1 >= 10 ** width) throw new Error(`account prefix ${spec.accountPrefix} cannot number ${index + 1} customers`);
  return spec.accountPrefix + String(index + 1).padStart(width, '0');
}

/** The months a population's bills cover, oldest first. */
export function populationMonths(spec: PopulationSpec): string[] {
  return calendarOf(spec).months;
}

export function populationDays(spec: PopulationSpec): string[] {
  return calendarOf(spec).days;
}

interface PopulationCalendar {
  months: string[];
  season: number[]; // calendar month index (0–11) of each bill month
  days: string[];
  dayBill: number[]; // index into months of each day
  dayMonthLength: number[];
  eventsEndMs: number;
}
const calendarCache = new WeakMap<PopulationSpec, PopulationCalendar>();

/** Dates are computed once per population, not per customer (a million customers reuse them). */
function calendarOf(spec: PopulationSpec): PopulationCalendar {
  const hit = calendarCache.get(spec);
  if (hit) return hit;
  const n = spec.months ?? 24;
  const months = Array.from({ length: n }, (_, i) => addMonths(spec.endMonth, i - (n - 1)));
  const end = lastDay(spec.endMonth);
  const nDays = spec.days ?? 30;
  const days = Array.from({ length: nDays }, (_, i) => addDays(end, i - (nDays - 1)));
  const cal: PopulationCalendar = {
    months,
    season: months.map((m) => calendarMonth(m) - 1),
    days,
    dayBill: days.map((d) => n - 1 - monthsBetween(d.slice(0, 7), spec.endMonth)),
    dayMonthLength: days.map((d) => daysInMonth(d.slice(0, 7))),
    eventsEndMs: Date.parse(chinaMidnight(addDays(end, 1))),
  };
  calendarCache.set(spec, cal);
  return cal;
}

type Plan =
  | { kind: 'normal' }
  | { kind: 'tariff_misuse' } | { kind: 'whitelist_large' }
  | { kind: 'theft'; months: number; factor: number }
  | { kind: 'zero_consumption'; months: number }
  | { kind: 'over_capacity'; days: number; utilisation: number }
  | { kind: 'meter_tamper'; events: number }
  // noise: unlabelled customers that look suspicious, as in real data
  | { kind: 'big_household' } | { kind: 'empty_flat'; months: number; factor: number } | { kind: 'rooftop_pv' } | { kind: 'maintenance' }
  | { kind: 'suspended'; months: number };

function chooseCategory(r: Rng): TariffCategory {
  const u = r();
  return u < 0.85 ? 'residential' : u < 0.93 ? 'commercial' : u < 0.96 ? 'general_industrial' : u < 0.963 ? 'large_industrial' : 'agricultural';
}

function choosePlan(r: Rng, tariff: TariffCategory, whitelist: boolean): Plan {
  const u = r();
  const theft = (): Plan => ({ kind: 'theft', months: intBetween(r, 3, 8), factor: r() < 0.8 ? between(r, 0.1, 0.45) : between(r, 0.45, 0.75) });
  if (tariff === 'residential' && whitelist) return u < 0.3 ? { kind: 'whitelist_large' } : { kind: 'normal' };
  const table: [number, () => Plan][] = tariff === 'residential'
    ? [
      [0.012, () => ({ kind: 'tariff_misuse' })], [0.008, theft], [0.006, () => ({ kind: 'zero_consumption', months: intBetween(r, 2, 9) })],
      [0.004, () => ({ kind: 'over_capacity', days: intBetween(r, 2, 8), utilisation: between(r, 0.75, 1.3) })], [0.004, () => ({ kind: 'meter_tamper', events: intBetween(r, 1, 3) })],
      [0.03, () => ({ kind: 'big_household' })], [0.005, () => ({ kind: 'empty_flat', months: intBetween(r, 3, 8), factor: between(r, 0.05, 0.3) })],
      [0.0015, () => ({ kind: 'rooftop_pv' })], [0.001, () => ({ kind: 'maintenance' })], [0.015, () => ({ kind: 'suspended', months: intBetween(r, 1, 12) })],
    ]
    : [
      [tariff === 'agricultural' ? 0.005 : 0.012, theft], [tariff === 'commercial' ? 0.005 : 0.002, () => ({ kind: 'zero_consumption', months: intBetween(r, 2, 9) })],
      [0.01, () => ({ kind: 'over_capacity', days: intBetween(r, 2, 8), utilisation: between(r, 0.75, 1.3) })], [0.004, () => ({ kind: 'meter_tamper', events: intBetween(r, 1, 3) })],
      [0.0015, () => ({ kind: 'maintenance' })], [0.01, () => ({ kind: 'suspended', months: intBetween(r, 1, 12) })],
    ];
  let acc = 0;
  for (const [p, make] of table) {
    acc += p;
    if (u < acc) return make();
  }
  return { kind: 'normal' };
}

const LABELLED = new Set(['tariff_misuse', 'whitelist_large', 'theft', 'zero_consumption', 'over_capacity', 'meter_tamper']);

/** One customer, from (seed, index) alone. */
export function generateCustomer(spec: PopulationSpec, index: number): GeneratedCustomer {
  const r = rngFor(spec.seed, index);
  const stations = stationsOf(spec);
  const sIdx = Math.floor(r() * stations.length);
  const station = stations[sIdx];
  const grid = `${station.id}.G${1 + Math.floor(r() * GRIDS_PER_STATION)}`;
  const accountNo = accountNoOf(spec, index);
  const tariff = chooseCategory(r);
  const whitelist = tariff === 'residential' && r() < 0.025;
  const plan = choosePlan(r, tariff, whitelist);

  // Where: stations on a ring around the town centre, customers scattered around their station.
  const angle = (2 * Math.PI * sIdx) / stations.length;
  const radiusKm = sIdx === 0 ? 2 : 5 + (sIdx % 5) * 4;
  const lat = TOWN_CENTRE.lat + (radiusKm * Math.sin(angle) + 1.2 * normal(r)) / 111;
  const lon = TOWN_CENTRE.lon + (radiusKm * Math.cos(angle) + 1.2 * normal(r)) / 96;
  const town = station.nameZh.replace('供电所', '');
  const road = pick(r, ROADS);
  const address = `湖北省咸宁市咸安区${town}${road}${intBetween(r, 1, 300)}号`;
  const person = `${SURNAMES[Math.floor(r() * SURNAMES.length)]}${pick(r, GIVEN)}`;
  const name = tariff === 'residential' ? person
    : tariff === 'commercial' ? `${town}${person.slice(1)}${pick(r, SHOPS)}`
      : tariff === 'agricultural' ? `${town}${person.slice(1)}${pick(r, FARMS)}`
        : `咸宁市${town}${person.slice(1)}${pick(r, WORKS)}`;

  // How much, and with what seasonal shape.
  let [median, sigma] = LEVEL[tariff];
  let season = SEASON[tariff];
  let seasonMean = SEASON_MEAN[tariff];
  if (plan.kind === 'tariff_misuse') [median, sigma, season, seasonMean] = [1100, 0.35, SEASON.commercial, SEASON_MEAN.commercial];
  if (plan.kind === 'whitelist_large') [median, sigma] = [1600, 0.3];
  else if (whitelist) [median, sigma] = [450, 0.3];
  if (plan.kind === 'big_household') [median, sigma] = [620, 0.25];
  const level = logNormal(r, median, sigma);
  const growth = between(r, 0.97, 1.05);
  const dayAvg = (level * 1.4) / 30; // busiest month's day
  const utilisation = between(r, 0.08, 0.35);
  const capacity = CAPACITIES.find((c) => c >= (tariff === 'residential' ? pick(r, [4, 6, 8, 8, 10]) : 0) && c * 24 * utilisation >= dayAvg) ?? CAPACITIES[CAPACITIES.length - 1];
  const basicFee = tariff === 'large_industrial' ? capacity * 22 : 0;

  const cal = calendarOf(spec);
  const n = cal.months.length;
  const consumedKwh: number[] = [];
  const billKwh = cal.months.map((_m, i) => {
    const years = (i - (n - 1)) / 12;
    let kwh = level * (season[cal.season[i]] / seasonMean) * growth ** years * Math.max(0.2, 1 + 0.08 * normal(r));
    const used = kwh;
    const fromEnd = n - 1 - i; // 0 = endMonth
    if ((plan.kind === 'theft' || plan.kind === 'empty_flat') && fromEnd < plan.months) kwh *= plan.factor;
    if ((plan.kind === 'zero_consumption' || plan.kind === 'suspended') && fromEnd < plan.months) kwh = 0;
    // a theft and a stopped meter still use the power; an empty flat and a suspended account do not
    consumedKwh.push(round2(plan.kind === 'theft' || plan.kind === 'zero_consumption' ? used : kwh));
    return round2(kwh);
  });

  const days = cal.days;
  let register = round2(level * between(r, 12, 120));
  const dayKwh: number[] = [];
  const registerKwh: number[] = [];
  const spikes = new Set<number>();
  if (plan.kind === 'over_capacity') while (spikes.size < Math.min(plan.days, days.length)) spikes.add(Math.floor(r() * days.length));
  for (let d = 0; d < days.length; d += 1) {
    const bill = billKwh[cal.dayBill[d]] ?? 0;
    let kwh = round2(Math.max(0, (bill / cal.dayMonthLength[d]) * (1 + 0.25 * normal(r))));
    if (spikes.has(d) && plan.kind === 'over_capacity') kwh = round2(capacity * 24 * plan.utilisation * between(r, 0.97, 1.0));
    register = round2(register + kwh);
    dayKwh.push(kwh);
    registerKwh.push(register);
  }
  if (plan.kind === 'over_capacity') billKwh[n - 1] = consumedKwh[n - 1] = round2(billKwh[n - 1] + [...spikes].reduce((s, d) => s + dayKwh[d], 0));
  const billYuanArr = billKwh.map((k) => billYuan(tariff, k, basicFee));

  // Meter events in the 90 days before the end of endMonth (collection-system alarms).
  const windowEnd = cal.eventsEndMs;
  const at = () => new Date(windowEnd - Math.floor(r() * 90 * 86400) * 1000 - 1000).toISOString();
  const events: { occurredAt: string; kind: MeterEventKind }[] = [];
  if (plan.kind === 'meter_tamper') for (let i = 0; i < plan.events; i += 1) events.push({ occurredAt: at(), kind: r() < 0.5 ? 'tamper' : 'cover_open' });
  if (plan.kind === 'rooftop_pv') for (let i = intBetween(r, 3, 12); i > 0; i -= 1) events.push({ occurredAt: at(), kind: 'reverse_flow' });
  if (plan.kind === 'maintenance') events.push({ occurredAt: at(), kind: 'cover_open' });
  if (r() < 0.1) for (let i = intBetween(r, 1, 2); i > 0; i -= 1) events.push({ occurredAt: at(), kind: 'power_loss' });
  const uniqueEvents = [...new Map(events.map((e) => [`${e.occurredAt}/${e.kind}`, e])).values()].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  // Drawn after everything above, so that the bills, readings and events of every customer stay what they were.
  const meteringWorkOrders = meteringWorkOrdersOf(r, accountNo, plan, events, windowEnd);

  return {
    accountNo, name, address, lat: Math.round(lat * 1e6) / 1e6, lon: Math.round(lon * 1e6) / 1e6,
    tariffCategory: tariff, contractCapacityKva: capacity, meterNo: `M${accountNo}`, whitelist, stationId: station.id, gridId: grid,
    status: plan.kind === 'suspended' ? 'suspended' : 'active',
    billKwh, consumedKwh, billYuan: billYuanArr, dayKwh, registerKwh, events: uniqueEvents, meteringWorkOrders,
    label: LABELLED.has(plan.kind) ? (plan.kind as AnomalyType) : null,
  };
}

/**
 * 计量工单. A maintenance visit (the cover it opened is its event) is a metering work order completed that visit: its
 * 完成时间 is entered on the terminal at the end of the job, a few minutes to hours after the cover opened, or — one
 * order in five — when the office closes it up to three days later. One visit in ten has no order recorded (an
 * emergency repair never written up, a visit keyed to the wrong account): such a cover-open stays unexplained, as it
 * does in the field. Ordinary customers get orders too (about 3 % a year: rotations, verifications, replacements,
 * fault repairs), most without any event — a new meter raises none — some still open or cancelled. A tamperer files
 * none, and gets none here: the tamper plan is left as it was.
 */
function meteringWorkOrdersOf(r: Rng, accountNo: string, plan: Plan, events: { occurredAt: string; kind: MeterEventKind }[], windowEnd: number): GeneratedMeteringWorkOrder[] {
  const order = (i: number, kind: GeneratedMeteringWorkOrder['kind'], doneMs: number, status: GeneratedMeteringWorkOrder['status'] = 'completed'): GeneratedMeteringWorkOrder => ({
    orderNo: `JL${accountNo}${i}`, kind, status,
    appliedOn: new Date(doneMs + 8 * 3600_000 - intBetween(r, 1, 20) * 86_400_000).toISOString().slice(0, 10),
    doneAt: status === 'completed' ? new Date(doneMs).toISOString() : null,
  });
  const VISITS = ['verification', 'rotation', 'fault_repair', 'meter_replacement'] as const;
  if (plan.kind === 'maintenance') {
    const visit = events.find((e) => e.kind === 'cover_open')!;
    if (r() < 0.1) return [];
    const delayMs = r() < 0.8 ? Math.floor(between(r, 0.1, 4) * 3600_000) : Math.floor(between(r, 0.5, 3) * 86_400_000);
    return [order(1, pick(r, VISITS), Date.parse(visit.occurredAt) + delayMs)];
  }
  if (plan.kind === 'meter_tamper' || r() >= 0.03) return [];
  // any day of the last year (the event window is its last 90 days)
  const doneMs = windowEnd - Math.floor(r() * 365 * 86400) * 1000 - 1000;
  const u = r();
  return [order(1, pick(r, METERING_WORK_ORDER_KINDS), doneMs, u < 0.85 ? 'completed' : u < 0.95 ? 'in_progress' : 'cancelled')];
}

export function* generatePopulation(spec: PopulationSpec): Generator<GeneratedCustomer> {
  for (let i = 0; i < spec.customers; i += 1) yield generateCustomer(spec, i);
}
