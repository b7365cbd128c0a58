import { z } from 'zod';
import type { Lang } from './text';

// Proof of presence (防虚假现场工单): every doubt about a field visit is a named reason with a severity, so the workflow,
// the case log, the terminal and the back office speak of the same thing in the user's language. Evidence forensics
// (what the stored bytes say) and presence checks (check-ins, GPS track, device signals) share one list of codes.
//
// Severity: `reject` — the upload itself is refused at confirm (the bytes are not what was declared); `strong` — one
// such reason alone makes the visit's verdict weak; `minor` — lowers the confidence, and a photo with one does not
// count as a verified photo. Weights are the share of confidence a reason takes away (confidence = Π(1 − weight)).

export const PRESENCE_REASONS = {
  // ---- evidence forensics, from the stored bytes (per evidence item)
  'evidence.content-mismatch': { severity: 'reject', weight: 1 },
  'evidence.undecodable': { severity: 'reject', weight: 1 },
  'evidence.exif-missing': { severity: 'minor', weight: 0.3 },
  'evidence.exif-time-mismatch': { severity: 'strong', weight: 0.6 },
  'evidence.captured-outside-visit': { severity: 'strong', weight: 0.6 },
  'evidence.exif-position-mismatch': { severity: 'strong', weight: 0.6 },
  'evidence.far-from-customer': { severity: 'strong', weight: 0.6 },
  'evidence.no-position': { severity: 'minor', weight: 0.2 },
  'evidence.duplicate': { severity: 'strong', weight: 0.5 },
  'evidence.reused': { severity: 'strong', weight: 0.8 },
  'evidence.near-duplicate': { severity: 'strong', weight: 0.7 },
  // ---- presence, over the whole visit
  'photos.too-few': { severity: 'strong', weight: 0.5 },
  'checkin.none': { severity: 'strong', weight: 0.8 },
  'checkin.outside': { severity: 'strong', weight: 0.8 },
  'checkin.imprecise': { severity: 'strong', weight: 0.6 },
  'checkin.clock-skew': { severity: 'strong', weight: 0.6 },
  'checkin.mock-location': { severity: 'strong', weight: 0.9 },
  'track.none': { severity: 'strong', weight: 0.6 },
  'track.sparse': { severity: 'minor', weight: 0.3 },
  'track.no-approach': { severity: 'strong', weight: 0.6 },
  'track.jump': { severity: 'strong', weight: 0.7 },
} as const satisfies Record<string, { severity: 'reject' | 'strong' | 'minor'; weight: number }>;

export type PresenceReasonCode = keyof typeof PRESENCE_REASONS;
export const PRESENCE_REASON_CODES = Object.keys(PRESENCE_REASONS) as [PresenceReasonCode, ...PresenceReasonCode[]];

export const PresenceReason = z.object({
  code: z.enum(PRESENCE_REASON_CODES),
  severity: z.enum(['reject', 'strong', 'minor']),
  /** The evidence item the reason is about (forensics), absent for reasons about the whole visit. */
  evidenceId: z.string().optional(),
  /** Figures the texts quote (metres, minutes, case numbers, times); never free text from a client. */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).default({}),
});
export type PresenceReason = z.infer<typeof PresenceReason>;

/** The verdict on one field visit, stored with the findings and recorded in the case log. */
export const PresenceVerdict = z.object({
  /** 0–1: Π(1 − weight) over the reasons. */
  confidence: z.number().min(0).max(1),
  /** True when any strong reason holds or the confidence is below WEAK_BELOW: findings then need a justification. */
  weak: z.boolean(),
  reasons: z.array(PresenceReason).max(200),
  computedAt: z.string(),
  /** What the verdict looked at, for the reviewer: counts, not the data. */
  basis: z.object({ checkIns: z.number().int(), trackPoints: z.number().int(), photos: z.number().int(), verifiedPhotos: z.number().int() }),
});
export type PresenceVerdict = z.infer<typeof PresenceVerdict>;

export const WEAK_BELOW = 0.5;

export function reason(code: PresenceReasonCode, params: PresenceReason['params'] = {}, evidenceId?: string): PresenceReason {
  return { code, severity: PRESENCE_REASONS[code].severity, params, ...(evidenceId ? { evidenceId } : {}) };
}

/** The verdict over a set of reasons (forensics of the case's evidence and the presence checks together). */
export function verdictOf(reasons: PresenceReason[], basis: PresenceVerdict['basis'], computedAt: string): PresenceVerdict {
  const confidence = Math.round(reasons.reduce((c, r) => c * (1 - PRESENCE_REASONS[r.code].weight), 1) * 1000) / 1000;
  const weak = confidence < WEAK_BELOW || reasons.some((r) => r.severity !== 'minor');
  return { confidence, weak, reasons, computedAt, basis };
}

type P = PresenceReason['params'];
const n = (p: P, k: string) => (p[k] ?? '?') as string | number;

const TEXTS: Record<PresenceReasonCode, Record<Lang, (p: P) => string>> = {
  'evidence.content-mismatch': {
    'zh-CN': (p) => `文件内容是 ${n(p, 'detected')}，不是声明的 ${n(p, 'declared')}`,
    en: (p) => `the bytes are ${n(p, 'detected')}, not the declared ${n(p, 'declared')}`,
  },
  'evidence.undecodable': { 'zh-CN': () => '图像无法解码（文件损坏或不是图像）', en: () => 'the image cannot be decoded (damaged, or not an image)' },
  'evidence.exif-missing': { 'zh-CN': () => '照片没有拍摄信息（EXIF 被删除或不是相机拍摄）', en: () => 'the photo has no capture metadata (EXIF stripped, or not from a camera)' },
  'evidence.exif-time-mismatch': {
    'zh-CN': (p) => `照片拍摄时间 ${n(p, 'exifAt')} 与申报时间 ${n(p, 'declaredAt')} 相差 ${n(p, 'minutes')} 分钟`,
    en: (p) => `the photo's capture time ${n(p, 'exifAt')} differs from the declared ${n(p, 'declaredAt')} by ${n(p, 'minutes')} min`,
  },
  'evidence.captured-outside-visit': {
    'zh-CN': (p) => `照片拍摄于 ${n(p, 'capturedAt')}，与现场签到相差 ${n(p, 'hours')} 小时`,
    en: (p) => `the photo was taken at ${n(p, 'capturedAt')}, ${n(p, 'hours')} h away from the on-site check-in`,
  },
  'evidence.exif-position-mismatch': {
    'zh-CN': (p) => `照片拍摄位置与申报位置相距 ${n(p, 'distanceM')} 米`,
    en: (p) => `the photo's recorded position is ${n(p, 'distanceM')} m from the declared one`,
  },
  'evidence.far-from-customer': {
    'zh-CN': (p) => `照片拍摄位置距客户 ${n(p, 'distanceM')} 米（允许 ${n(p, 'limitM')} 米）`,
    en: (p) => `the photo was taken ${n(p, 'distanceM')} m from the customer (limit ${n(p, 'limitM')} m)`,
  },
  'evidence.no-position': { 'zh-CN': () => '照片没有位置信息', en: () => 'the photo has no position' },
  'evidence.duplicate': {
    'zh-CN': () => '同一张照片在本工单中重复上传',
    en: () => 'the same photo was uploaded twice to this case',
  },
  'evidence.reused': {
    'zh-CN': (p) => `照片与工单 ${n(p, 'otherCaseNo')} 的照片完全相同`,
    en: (p) => `the photo is identical to one of case ${n(p, 'otherCaseNo')}`,
  },
  'evidence.near-duplicate': {
    'zh-CN': (p) => `照片与工单 ${n(p, 'otherCaseNo')} 的照片高度相似（差异 ${n(p, 'distance')}/64）`,
    en: (p) => `the photo is nearly identical to one of case ${n(p, 'otherCaseNo')} (difference ${n(p, 'distance')}/64)`,
  },
  'photos.too-few': {
    'zh-CN': (p) => `有效现场照片 ${n(p, 'verified')} 张，至少需要 ${n(p, 'required')} 张`,
    en: (p) => `${n(p, 'verified')} valid on-site photo(s); at least ${n(p, 'required')} needed`,
  },
  'checkin.none': { 'zh-CN': () => '没有现场签到', en: () => 'no on-site check-in' },
  'checkin.outside': {
    'zh-CN': (p) => `签到位置距客户 ${n(p, 'distanceM')} 米，超出 ${n(p, 'radiusM')} 米范围`,
    en: (p) => `the check-in is ${n(p, 'distanceM')} m from the customer, beyond ${n(p, 'radiusM')} m`,
  },
  'checkin.imprecise': {
    'zh-CN': (p) => `签到定位精度 ${n(p, 'accuracyM')} 米，无法证明在 ${n(p, 'radiusM')} 米范围内`,
    en: (p) => `the check-in's accuracy of ${n(p, 'accuracyM')} m cannot show it lies within ${n(p, 'radiusM')} m`,
  },
  'checkin.clock-skew': {
    'zh-CN': (p) => `终端时钟与服务器相差 ${n(p, 'skewS')} 秒（允许 ${n(p, 'toleranceS')} 秒）`,
    en: (p) => `the terminal's clock is ${n(p, 'skewS')} s off the server's (tolerance ${n(p, 'toleranceS')} s)`,
  },
  'checkin.mock-location': { 'zh-CN': () => '终端报告使用了模拟定位', en: () => 'the terminal reported a mock location' },
  'track.none': { 'zh-CN': () => '没有到达现场的 GPS 轨迹', en: () => 'no GPS track of the way to the site' },
  'track.sparse': {
    'zh-CN': (p) => `签到前后轨迹点只有 ${n(p, 'points')} 个（至少 ${n(p, 'required')} 个）`,
    en: (p) => `only ${n(p, 'points')} track point(s) around the check-in (at least ${n(p, 'required')})`,
  },
  'track.no-approach': {
    'zh-CN': (p) => `签到前的轨迹没有接近客户（最近 ${n(p, 'closestM')} 米，起点 ${n(p, 'startM')} 米）`,
    en: (p) => `the track before the check-in does not approach the customer (closest ${n(p, 'closestM')} m, start ${n(p, 'startM')} m)`,
  },
  'track.jump': {
    'zh-CN': (p) => `轨迹跳变：${n(p, 'seconds')} 秒内移动 ${n(p, 'distanceM')} 米（约 ${n(p, 'speedKmh')} 公里/小时）`,
    en: (p) => `the track jumps ${n(p, 'distanceM')} m in ${n(p, 'seconds')} s (about ${n(p, 'speedKmh')} km/h)`,
  },
};

/** The reason in the user's language, e.g. for the case log's reader, a refusal's detail or a notification. */
export function presenceReasonText(r: Pick<PresenceReason, 'code' | 'params'>, lang: Lang): string {
  return TEXTS[r.code][lang](r.params ?? {});
}
