import { renderTemplate } from './messages/render';
import type { Lang } from './text';

// The column headers an import accepts, per kind. Exports of the audit monitoring system (稽查监控系统) and the
// marketing system (营销系统, SG186) carry Chinese headers; our own templates and older files carry the English
// snake_case names. Each canonical field (the row schema's key, domain/customerData.ts) is matched by its English
// header, its Chinese header and the synonyms the exports are known to use. Matching ignores a BOM, surrounding and
// inner spaces (half- and full-width), letter case, full-width forms (NFKC), a required-marker "*" and a trailing unit
// in brackets ("电量(kWh)", "合同容量（千伏安）").

export interface HeaderSpec {
  /** Canonical field: the row schema's key and the English header. */
  field: string;
  /** The Chinese header our template writes. */
  zh: string;
  /** Other headers the monitoring / marketing exports use for the same column (Chinese or English). */
  synonyms?: readonly string[];
  /** A value the template's example row shows. */
  example: string;
}

export type ImportHeaderKind =
  | 'routine-work-orders' | 'legacy-cases' | 'customers' | 'monthly-consumption' | 'daily-readings' | 'payments' | 'arrears' | 'work-orders' | 'meter-events' | 'metering-work-orders' | 'org-units' | 'station-areas' | 'area-supply';

const ACCOUNT: HeaderSpec = { field: 'account_no', zh: '户号', synonyms: ['用户编号', '用户编码', '客户编号', '客户编码', '户号编码'], example: '4210000002' };
const TARIFF: HeaderSpec = { field: 'tariff_category', zh: '电价类别', synonyms: ['用电类别', '执行电价类别'], example: 'residential' };

export const IMPORT_HEADERS: Record<ImportHeaderKind, readonly HeaderSpec[]> = {
  'routine-work-orders': [
    { field: 'order_no', zh: '工单编号', synonyms: ['工单号', '异常工单编号', '工单编码'], example: 'JK20260402-0001' },
    ACCOUNT,
    { field: 'anomaly_type', zh: '异常类型', synonyms: ['异常类别', '异常名称'], example: '零电量' },
    { field: 'detected_on', zh: '发现日期', synonyms: ['发现时间', '异常日期', '预警日期'], example: '2026-04-02' },
    { field: 'description', zh: '问题描述', synonyms: ['异常描述', '描述'], example: '连续三个月零电量' },
  ],
  // 历史工单导入 (domain/legacyCases.ts): a pilot system's closed cases.
  'legacy-cases': [
    { field: 'source_case_no', zh: '原工单编号', synonyms: ['原系统工单编号', '稽查工单编号', '工单编号', '案件编号'], example: 'XN-2016-0415' },
    ACCOUNT,
    { field: 'origin', zh: '稽查来源', synonyms: ['工单来源', '来源', '稽查类型'], example: 'special' },
    { field: 'problem_type', zh: '问题类型', synonyms: ['问题分类', '违约类型'], example: 'wrong_tariff' },
    { field: 'outcome', zh: '核查结果', synonyms: ['查处结果', '处理结果'], example: 'confirmed' },
    { field: 'opened_on', zh: '派单日期', synonyms: ['发起日期', '工单日期', '立案日期'], example: '2016-04-05' },
    { field: 'field_checked_on', zh: '现场核查日期', synonyms: ['现场检查日期', '核查日期'], example: '2016-04-08' },
    { field: 'rectification_issued_on', zh: '整改下发日期', synonyms: ['下发整改日期', '整改通知日期'], example: '2016-04-09' },
    { field: 'rectified_on', zh: '整改完成日期', synonyms: ['整改日期'], example: '2016-04-15' },
    { field: 'verified_on', zh: '复核通过日期', synonyms: ['复核日期'], example: '2016-04-21' },
    { field: 'closed_on', zh: '归档日期', synonyms: ['办结日期', '结案日期'], example: '2016-04-22' },
    { field: 'back_billing_yuan', zh: '追补电费', synonyms: ['追补电费(元)', '补收电费'], example: '3280.50' },
    { field: 'penalty_yuan', zh: '违约使用电费', synonyms: ['违约金', '违约使用电费(元)'], example: '6561.00' },
    { field: 'inspector', zh: '稽查员', synonyms: ['核查人', '检查人员', '现场核查人'], example: 'inspector' },
    { field: 'field_late_days', zh: '现场超期工作日', synonyms: ['现场超期天数'], example: '0' },
    { field: 'rectification_late_days', zh: '整改超期工作日', synonyms: ['整改超期天数'], example: '0' },
    { field: 'verification_rounds', zh: '复核轮次', synonyms: ['复核次数'], example: '1' },
    { field: 'escalation_tier', zh: '督办级别', synonyms: ['最高督办级别'], example: '0' },
    { field: 'evidence_complete', zh: '取证完整', synonyms: ['证据完整'], example: '是' },
    { field: 'source_score', zh: '原系统考核得分', synonyms: ['考核得分', '得分'], example: '5' },
    { field: 'description', zh: '问题描述', synonyms: ['情况说明', '描述'], example: '合作社实为餐馆，执行居民电价' },
  ],
  customers: [
    ACCOUNT,
    { field: 'name', zh: '户名', synonyms: ['用户名称', '客户名称'], example: '张三' },
    { field: 'address', zh: '用电地址', synonyms: ['地址', '用户地址'], example: '咸宁市咸安区温泉路 11 号' },
    { field: 'lat', zh: '纬度', example: '29.84' },
    { field: 'lon', zh: '经度', example: '114.32' },
    TARIFF,
    { field: 'contract_capacity_kva', zh: '合同容量', synonyms: ['合同容量(kVA)'], example: '8' },
    { field: 'meter_no', zh: '电能表编号', synonyms: ['表号', '电表编号', '电能表资产编号'], example: 'M0001' },
    { field: 'whitelist', zh: '白名单', synonyms: ['是否白名单'], example: '否' },
    { field: 'station_id', zh: '供电所编码', synonyms: ['供电所', '供电单位编码'], example: 'HB.XN.XA.WQ' },
    { field: 'grid_id', zh: '网格编码', synonyms: ['网格'], example: '' },
    { field: 'status', zh: '用户状态', synonyms: ['状态'], example: 'active' },
    { field: 'area_id', zh: '台区编号', synonyms: ['台区编码', '所属台区'], example: 'TQ-WQ-001' },
  ],
  'monthly-consumption': [
    ACCOUNT,
    { field: 'month', zh: '电费年月', synonyms: ['账务年月', '年月', '月份'], example: '2026-03' },
    { field: 'kwh', zh: '结算电量', synonyms: ['电量', '抄见电量', '用电量'], example: '120' },
    { field: 'amount_yuan', zh: '电费金额', synonyms: ['电费', '应收电费'], example: '67.20' },
    TARIFF,
  ],
  'daily-readings': [
    ACCOUNT,
    { field: 'reading_date', zh: '冻结日期', synonyms: ['数据日期', '日期'], example: '2026-03-31' },
    { field: 'day_kwh', zh: '日电量', synonyms: ['日用电量'], example: '4.2' },
    { field: 'register_kwh', zh: '示数', synonyms: ['表码', '正向有功总示数'], example: '10234.5' },
  ],
  payments: [
    { field: 'payment_no', zh: '缴费流水号', synonyms: ['收费流水号', '流水号'], example: 'P20260401001' },
    ACCOUNT,
    { field: 'paid_on', zh: '缴费日期', synonyms: ['收费日期'], example: '2026-04-01' },
    { field: 'amount_yuan', zh: '缴费金额', synonyms: ['实收金额'], example: '67.20' },
    { field: 'channel', zh: '缴费渠道', synonyms: ['收费渠道'], example: 'wechat' },
  ],
  arrears: [
    ACCOUNT,
    { field: 'bill_month', zh: '电费年月', synonyms: ['账务年月', '年月'], example: '2026-03' },
    { field: 'amount_due_yuan', zh: '应收金额', synonyms: ['应收电费'], example: '67.20' },
    { field: 'amount_paid_yuan', zh: '实收金额', synonyms: ['已缴金额'], example: '0' },
    { field: 'due_on', zh: '缴费截止日期', synonyms: ['到期日期'], example: '2026-04-25' },
  ],
  'work-orders': [
    { field: 'order_no', zh: '工单编号', synonyms: ['申请编号', '工单号'], example: 'YK20260301001' },
    ACCOUNT,
    { field: 'kind', zh: '业务类型', synonyms: ['业务类别'], example: 'capacity_increase' },
    { field: 'status', zh: '工单状态', synonyms: ['状态'], example: 'archived' },
    { field: 'applied_on', zh: '申请日期', synonyms: ['受理日期'], example: '2026-03-01' },
    { field: 'completed_on', zh: '完成日期', synonyms: ['归档日期'], example: '2026-03-20' },
    { field: 'capacity_kva', zh: '申请容量', synonyms: ['容量'], example: '50' },
    { field: 'note', zh: '备注', example: '' },
  ],
  'meter-events': [
    ACCOUNT,
    { field: 'occurred_at', zh: '发生时间', synonyms: ['事件时间', '告警时间'], example: '2026-03-31T08:15:00+08:00' },
    { field: 'kind', zh: '事件类型', synonyms: ['告警类型'], example: 'cover_open' },
    { field: 'meter_no', zh: '电能表编号', synonyms: ['表号', '电表编号'], example: 'M0001' },
  ],
  // 计量工单 (marketing system, metering management): 换表, 校验, 轮换, 故障处理, 装表
  'metering-work-orders': [
    { field: 'order_no', zh: '工单编号', synonyms: ['计量工单编号', '工单号', '申请编号'], example: 'JL20260312001' },
    ACCOUNT,
    { field: 'kind', zh: '工单类型', synonyms: ['业务类型', '业务类别', '计量业务类型'], example: '换表' },
    { field: 'status', zh: '工单状态', synonyms: ['状态'], example: '已完成' },
    { field: 'applied_on', zh: '申请日期', synonyms: ['受理日期', '派工日期'], example: '2026-03-10' },
    { field: 'done_at', zh: '完成时间', synonyms: ['现场完成时间', '装拆时间', '作业时间'], example: '2026-03-12T10:30:00+08:00' },
    { field: 'meter_no', zh: '电能表编号', synonyms: ['表号', '电表编号', '新表表号'], example: 'M0001' },
    { field: 'note', zh: '备注', example: '' },
  ],
  'org-units': [
    { field: 'id', zh: '单位编码', synonyms: ['机构编码'], example: 'HB.XN.XA.WQ' },
    { field: 'parent_id', zh: '上级单位编码', synonyms: ['上级机构编码'], example: 'HB.XN.XA' },
    { field: 'level', zh: '单位层级', synonyms: ['层级'], example: 'station' },
    { field: 'name_zh', zh: '单位名称', synonyms: ['中文名称'], example: '温泉供电所' },
    { field: 'name_en', zh: '英文名称', example: 'Wenquan station' },
  ],
  'station-areas': [
    { field: 'id', zh: '台区编号', synonyms: ['台区编码'], example: 'TQ-WQ-001' },
    { field: 'name', zh: '台区名称', example: '温泉路1号台区' },
    { field: 'station_id', zh: '供电所编码', synonyms: ['供电所', '供电单位编码'], example: 'HB.XN.XA.WQ' },
    { field: 'area_type', zh: '台区类型', synonyms: ['城农网类型'], example: '农网' },
    { field: 'transformer_kva', zh: '变压器容量', synonyms: ['配变容量'], example: '400' },
  ],
  'area-supply': [
    { field: 'area_id', zh: '台区编号', synonyms: ['台区编码'], example: 'TQ-WQ-001' },
    { field: 'month', zh: '月份', synonyms: ['电费年月', '统计年月', '年月'], example: '2026-03' },
    { field: 'supplied_kwh', zh: '供电量', synonyms: ['台区供电量', '总表电量'], example: '52000' },
  ],
};

export const IMPORT_HEADER_KINDS = Object.keys(IMPORT_HEADERS) as ImportHeaderKind[];

/** A header as compared: NFKC (full-width → half-width), no BOM, no whitespace of any width, lower case, no "*". */
export function headerKey(raw: string): string {
  return raw.normalize('NFKC').replace(/\ufeff/g, '').replace(/[\s\u200b]+/g, '').replace(/^\*+|\*+$/g, '').toLowerCase();
}
/** The same without a trailing unit in brackets: "电量(kwh)" → "电量". */
const withoutUnit = (key: string) => key.replace(/\([^()]*\)$/, '');

function lookup(kind: ImportHeaderKind): Map<string, string> {
  const m = new Map<string, string>();
  for (const s of IMPORT_HEADERS[kind]) for (const h of [s.field, s.zh, ...(s.synonyms ?? [])]) m.set(headerKey(h), s.field);
  return m;
}
const LOOKUPS = new Map(IMPORT_HEADER_KINDS.map((k) => [k, lookup(k)]));

/** The canonical field a header names in this kind, or null. */
export function fieldOfHeader(kind: ImportHeaderKind, raw: string): string | null {
  const m = LOOKUPS.get(kind)!;
  const key = headerKey(raw);
  return m.get(key) ?? m.get(withoutUnit(key)) ?? null;
}

export type HeaderIssue =
  | { code: 'import.header.unknown'; column: number; header: string }
  | { code: 'import.header.duplicate'; column: number; header: string; field: string }
  | { code: 'import.header.missing'; field: string; zh: string };

/**
 * A file's header row → the canonical field of each column, or the issues: columns no field of the kind is known by,
 * two columns naming one field, required fields without a column (`required`: the kind's fields a row must have).
 */
export function resolveHeader(kind: ImportHeaderKind, header: readonly string[], required: readonly string[]): { fields: string[] } | { issues: HeaderIssue[] } {
  const issues: HeaderIssue[] = [];
  const seen = new Set<string>();
  const fields = header.map((h, i) => {
    const shown = h.replace(/\ufeff/g, '').trim();
    const field = fieldOfHeader(kind, h);
    if (!field) issues.push({ code: 'import.header.unknown', column: i + 1, header: shown });
    else if (seen.has(field)) issues.push({ code: 'import.header.duplicate', column: i + 1, header: shown, field });
    else seen.add(field);
    return field ?? '';
  });
  for (const f of required) if (!seen.has(f)) issues.push({ code: 'import.header.missing', field: f, zh: IMPORT_HEADERS[kind].find((s) => s.field === f)?.zh ?? f });
  return issues.length ? { issues } : { fields };
}

/** A JSON / NDJSON row's keys renamed to the canonical fields where they are known and unambiguous (the rest kept for the schema to refuse). */
export function canonicalKeys(kind: ImportHeaderKind, values: Record<string, unknown>): Record<string, unknown> {
  const entries = Object.entries(values).map(([k, v]) => [fieldOfHeader(kind, k) ?? k, v, k] as const);
  const count = new Map<string, number>();
  for (const [f] of entries) count.set(f, (count.get(f) ?? 0) + 1);
  return Object.fromEntries(entries.map(([f, v, k]) => [count.get(f) === 1 ? f : k, v]));
}

/** The header refusals' texts, in the message catalogue (domain/messages/templates.ts). */
export const IMPORT_HEADER_MESSAGES = {
  'import.header.mismatch': {
    'zh-CN': '表头与“{kind}”的列不符；可用中文表头或英文列名：{columns}',
    en: 'The header row does not match the columns of {kind}; Chinese or English headers: {columns}',
  },
  'import.header.unknown': {
    'zh-CN': '第 {column} 列表头“{header}”无法识别',
    en: 'Column {column}: unknown header "{header}"',
  },
  'import.header.duplicate': {
    'zh-CN': '第 {column} 列表头“{header}”与前面的列重复（都表示 {field}）',
    en: 'Column {column}: header "{header}" repeats an earlier column (both are {field})',
  },
  'import.header.missing': {
    'zh-CN': '缺少必填列“{zh}”（{field}）',
    en: 'Missing required column {field} ({zh})',
  },
} as const satisfies Record<HeaderIssue['code'] | 'import.header.mismatch', Record<Lang, string>>;
export const IMPORT_HEADER_CODES = Object.keys(IMPORT_HEADER_MESSAGES) as (keyof typeof IMPORT_HEADER_MESSAGES)[];

export function importHeaderText(code: keyof typeof IMPORT_HEADER_MESSAGES, params: Record<string, string | number>, lang: Lang): string {
  return renderTemplate(IMPORT_HEADER_MESSAGES, code, params, lang);
}

/** Params of an issue (what its text quotes). */
export function headerIssueParams(i: HeaderIssue): Record<string, string | number> {
  const { code: _code, ...params } = i;
  return params;
}
