import { ANOMALY_TYPES } from './judgementRules';
import {
  AREA_TYPES, CUSTOMER_STATUSES, METER_EVENT_KINDS, METERING_WORK_ORDER_KINDS, METERING_WORK_ORDER_STATUSES, ORG_LEVELS, PAYMENT_CHANNELS, TARIFF_CATEGORIES, WORK_ORDER_KINDS, WORK_ORDER_STATUSES,
} from './customerData';
import { headerKey, type ImportHeaderKind } from './importHeaders';
import { CASE_ORIGINS } from './case';
import { PROBLEM_TYPES } from './inspectionCaseContract';
import { LEGACY_OUTCOMES } from './legacyCases';
import type { Lang } from './text';

// The coded values of import columns by their names. Exports of the monitoring system (稽查监控系统) and the marketing
// system (SG186) write 居民生活用电, 微信, 增容, 已归档…; the row schemas hold the codes (residential, wechat…). One
// lookup for every coded column: a cell naming a value by its code, Chinese name, English name or a synonym is
// stored as the code. Names are compared like headers (headerKey: NFKC, spaces of any width, case).

export interface ValueName {
  zh: string;
  en: string;
  /** Other names the exports use (Chinese or English); never a name of another value of the same set. */
  synonyms: readonly string[];
}

type Names<C extends string> = Record<C, ValueName>;
const n = (zh: string, en: string, ...synonyms: string[]): ValueName => ({ zh, en, synonyms });

export const IMPORT_VALUE_SETS = {
  anomalyType: {
    tariff_misuse: n('电价执行错误', 'Wrong tariff', '高价低接', '擅自改变用电类别', '改变用电类别', '电价执行异常'),
    theft: n('疑似窃电', 'Suspected theft', '窃电', '窃电嫌疑'),
    zero_consumption: n('零电量', 'Zero consumption', '零度户', '连续零电量'),
    over_capacity: n('超容用电', 'Over capacity', '超容量用电', '超容', '私增容量'),
    whitelist_large: n('白名单大电量', 'Whitelisted, large use', '白名单用户大电量'),
    meter_tamper: n('计量异常', 'Metering anomaly', '计量装置异常', '表计异常', '开盖'),
  } satisfies Names<(typeof ANOMALY_TYPES)[number]>,
  // The tariff catalogue's names (migration 057) and the shorter ones the exports and our UIs use.
  tariffCategory: {
    residential: n('居民生活用电', 'Residential', '居民生活', '居民', '城乡居民生活用电', '居民用电'),
    commercial: n('一般工商业用电（商业）', 'Commercial', '商业用电', '商业', '一般工商业（商业）'),
    general_industrial: n('一般工商业用电（工业）', 'General industrial', '普通工业', '普通工业用电', '一般工业', '一般工商业（工业）'),
    large_industrial: n('大工业用电', 'Large industrial', '大工业'),
    agricultural: n('农业生产用电', 'Agricultural', '农业生产', '农业用电'),
  } satisfies Names<(typeof TARIFF_CATEGORIES)[number]>,
  customerStatus: {
    active: n('正常用电', 'Active', '正常', '在用'),
    suspended: n('暂停用电', 'Suspended', '暂停', '暂停用电中'),
    closed: n('已销户', 'Closed', '销户'),
  } satisfies Names<(typeof CUSTOMER_STATUSES)[number]>,
  paymentChannel: {
    counter: n('营业厅', 'Counter', '营业厅柜台', '柜台', '坐收'),
    bank: n('银行代收', 'Bank', '银行代扣', '银行'),
    wechat: n('微信', 'WeChat', '微信支付'),
    alipay: n('支付宝', 'Alipay'),
    app: n('网上国网', 'State Grid app', '网上国网APP', '掌上电力'),
    other: n('其他', 'Other', '其它'),
  } satisfies Names<(typeof PAYMENT_CHANNELS)[number]>,
  workOrderKind: {
    new_connection: n('新装', 'New connection', '新装用电', '新装增容（新装）'),
    capacity_increase: n('增容', 'Capacity increase', '增容用电'),
    capacity_reduction: n('减容', 'Capacity reduction'),
    tariff_change: n('改类', 'Tariff change', '改变用电类别'),
    temporary_power: n('临时用电', 'Temporary power', '装表临时用电'),
    suspension: n('暂停', 'Suspension', '暂停用电'),
    disconnection: n('销户', 'Disconnection'),
    reconnection: n('复电', 'Reconnection', '恢复供电'),
  } satisfies Names<(typeof WORK_ORDER_KINDS)[number]>,
  workOrderStatus: {
    accepted: n('已受理', 'Accepted', '受理'),
    surveyed: n('已勘查', 'Surveyed', '勘查', '现场勘查'),
    approved: n('已审批', 'Approved', '审批'),
    constructed: n('已施工', 'Constructed', '施工'),
    connected: n('已送电', 'Connected', '送电', '装表接电'),
    archived: n('已归档', 'Archived', '归档'),
    cancelled: n('已作废', 'Cancelled', '作废', '已撤销', '撤销'),
  } satisfies Names<(typeof WORK_ORDER_STATUSES)[number]>,
  meterEventKind: {
    tamper: n('窃电告警', 'Tamper alarm', '表计篡改告警', '篡改告警'),
    cover_open: n('开表盖', 'Cover opened', '开盖', '开端钮盒'),
    reverse_flow: n('电能反向', 'Reverse flow', '反向电量', '反向有功'),
    power_loss: n('失压断电', 'Power loss', '失压', '断电', '失压 / 断电'),
  } satisfies Names<(typeof METER_EVENT_KINDS)[number]>,
  meteringWorkOrderKind: {
    meter_replacement: n('换表', 'Meter replacement', '更换电能表', '换表工单', '故障换表'),
    verification: n('现场检验', 'On-site verification', '校验', '现场校验', '周期检验'),
    rotation: n('轮换', 'Periodic rotation', '周期轮换', '轮换换表'),
    fault_repair: n('故障处理', 'Fault repair', '计量故障处理', '故障维修'),
    installation: n('装表', 'Installation', '新装表', '装表接电'),
  } satisfies Names<(typeof METERING_WORK_ORDER_KINDS)[number]>,
  meteringWorkOrderStatus: {
    in_progress: n('处理中', 'In progress', '在途', '未完成', '已派工'),
    completed: n('已完成', 'Completed', '完成', '已归档', '归档'),
    cancelled: n('已作废', 'Cancelled', '作废', '已撤销', '撤销'),
  } satisfies Names<(typeof METERING_WORK_ORDER_STATUSES)[number]>,
  caseOrigin: {
    routine: n('常态稽查', 'Routine audit', '常态', '监控工单', '异常工单'),
    special: n('专项稽查', 'Special audit', '专项', '专项检查'),
    custom: n('自定义稽查', 'Custom audit', '自定义', '现场发起'),
  } satisfies Names<(typeof CASE_ORIGINS)[number]>,
  problemType: {
    wrong_tariff: n('电价执行错误', 'Wrong tariff', '电价错误', '高价低接', '改变用电类别', '擅自改变用电类别', '改类'),
    theft: n('窃电', 'Theft', '窃电行为'),
    capacity_overuse: n('超容用电', 'Capacity overuse', '超容量用电', '私增容量', '超容'),
    meter_fault: n('计量故障', 'Meter fault', '计量装置故障', '计量异常', '表计故障'),
    billing_error: n('抄核收差错', 'Billing error', '电费差错', '抄表差错', '核算差错'),
    other: n('其他', 'Other', '其它'),
  } satisfies Names<(typeof PROBLEM_TYPES)[number]>,
  legacyOutcome: {
    confirmed: n('查实', 'Confirmed', '属实', '已查实', '确认'),
    not_confirmed: n('未查实', 'Not confirmed', '不属实', '未发现问题', '正常'),
    dismissed: n('撤销', 'Dismissed', '已撤销', '作废工单', '撤单'),
  } satisfies Names<(typeof LEGACY_OUTCOMES)[number]>,
  orgLevel: {
    province: n('省公司', 'Province', '省', '省级'),
    city: n('市公司', 'City', '市', '地市', '市级'),
    county: n('县公司', 'County', '县', '区县', '县级'),
    station: n('供电所', 'Supply station', '所'),
    grid: n('网格', 'Grid'),
  } satisfies Names<(typeof ORG_LEVELS)[number]>,
  areaType: {
    urban: n('城网', 'Urban', '城市', '城区'),
    town: n('镇区', 'Town', '县城', '城镇'),
    rural: n('农网', 'Rural', '农村'),
  } satisfies Names<(typeof AREA_TYPES)[number]>,
};

export type ValueSetName = keyof typeof IMPORT_VALUE_SETS;
export const VALUE_SET_NAMES = Object.keys(IMPORT_VALUE_SETS) as ValueSetName[];

/**
 * The coded columns of every import kind and their value set. Closed: only the set's values are accepted (the schema
 * is an enum). Open: a name of the set is stored as its code, any other text as written (a routine work order's
 * anomaly type: the monitoring system knows anomalies the judgement rules do not).
 */
export const IMPORT_VALUE_COLUMNS: Record<ImportHeaderKind, Readonly<Record<string, { set: ValueSetName; open?: true }>>> = {
  'routine-work-orders': { anomaly_type: { set: 'anomalyType', open: true } },
  'legacy-cases': { origin: { set: 'caseOrigin' }, problem_type: { set: 'problemType' }, outcome: { set: 'legacyOutcome' } },
  customers: { tariff_category: { set: 'tariffCategory' }, status: { set: 'customerStatus' } },
  'monthly-consumption': { tariff_category: { set: 'tariffCategory' } },
  'daily-readings': {},
  payments: { channel: { set: 'paymentChannel' } },
  arrears: {},
  'work-orders': { kind: { set: 'workOrderKind' }, status: { set: 'workOrderStatus' } },
  'meter-events': { kind: { set: 'meterEventKind' } },
  'metering-work-orders': { kind: { set: 'meteringWorkOrderKind' }, status: { set: 'meteringWorkOrderStatus' } },
  'org-units': { level: { set: 'orgLevel' } },
  'station-areas': { area_type: { set: 'areaType' } },
  'area-supply': {},
};

const setEntries = (set: ValueSetName) => Object.entries(IMPORT_VALUE_SETS[set]) as [string, ValueName][];

const BY_NAME = new Map(VALUE_SET_NAMES.map((set) => [
  set,
  new Map(setEntries(set).flatMap(([code, v]) => [code, v.zh, v.en, ...v.synonyms].map((name) => [headerKey(name), code] as const))),
]));

/** The code a cell names in this set (by code, Chinese or English name, synonym), or null. */
export function valueCode(set: ValueSetName, text: string): string | null {
  return BY_NAME.get(set)!.get(headerKey(text)) ?? null;
}

/** A code's name; an unknown value as written. */
export function valueName(set: ValueSetName, value: string, lang: Lang = 'zh-CN'): string {
  const known = (IMPORT_VALUE_SETS[set] as Record<string, ValueName>)[value];
  return known ? (lang === 'en' ? known.en : known.zh) : value;
}

/** A set's values as the import page and GET /api/imports/headers list them. */
export const valueList = (set: ValueSetName) => setEntries(set).map(([code, v]) => ({ code, zh: v.zh, en: v.en, synonyms: [...v.synonyms] }));

export interface UnknownValue {
  field: string;
  code: 'import.value.unknown';
  params: { value: string; accepted: string };
}

/**
 * A row's coded cells as codes. A blank cell is left for the schema (required or default); a cell a closed column
 * does not know is reported, with the accepted values (中文名/code) to quote.
 */
export function namedValues(kind: ImportHeaderKind, values: Record<string, unknown>): { values: Record<string, unknown>; unknown: UnknownValue[] } {
  const out = { ...values };
  const unknown: UnknownValue[] = [];
  for (const [field, { set, open }] of Object.entries(IMPORT_VALUE_COLUMNS[kind])) {
    const cell = values[field];
    if (typeof cell !== 'string' || cell.trim() === '') continue;
    const code = valueCode(set, cell);
    if (code) out[field] = code;
    else if (open) out[field] = cell.trim();
    else unknown.push({ field, code: 'import.value.unknown', params: { value: cell.trim(), accepted: acceptedValues(set) } });
  }
  return { values: out, unknown };
}

/** "居民生活用电/residential、…": what a cell of the set may hold. */
export const acceptedValues = (set: ValueSetName) => setEntries(set).map(([code, v]) => `${v.zh}/${code}`).join('、');

const VALUE_TEXTS: Record<UnknownValue['code'], Record<Lang, (p: UnknownValue['params']) => string>> = {
  'import.value.unknown': {
    'zh-CN': (p) => `无法识别的取值“${p.value}”；可填：${p.accepted}`,
    en: (p) => `Unknown value "${p.value}"; accepted (Chinese name/code): ${p.accepted}`,
  },
};
export const IMPORT_VALUE_CODES = Object.keys(VALUE_TEXTS) as UnknownValue['code'][];

export function importValueText(code: UnknownValue['code'], params: UnknownValue['params'], lang: Lang): string {
  return VALUE_TEXTS[code][lang](params);
}

// ---------------------------------------------------------------- anomaly types (routine work orders, case notes)

/** The anomaly type's code when the text names a known one (code, Chinese or English name, synonym); else the text, trimmed. */
export const anomalyTypeCode = (text: string): string => valueCode('anomalyType', text) ?? text.trim();

/** How a case shows an anomaly type: a known code by its name, anything else as written. */
export const anomalyTypeName = (value: string, lang: Lang = 'zh-CN'): string => valueName('anomalyType', value, lang);
