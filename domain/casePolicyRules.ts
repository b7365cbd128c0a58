import { z } from 'zod';
import { PRIORITIES } from './case';
import type { Lang } from './text';

// What a manager edits in a case-policy draft (the back office's form, PUT /api/case-policies/:version): deadlines per
// stage and priority, escalation, evidence rules. The version, its dates and `calendar` are not edited here — the
// calendar is the working-day calendar's own data; a draft keeps whatever it was created with.
//
// Stricter than domain/casePolicy.ts on purpose: people enter whole working days, whole metres and seconds.

export const CASE_POLICY_STAGES = ['field_evidence', 'rectification', 'verification'] as const;

/** A refused field's message code; the UIs and the API's `detail` render it (texts below). */
export const CASE_POLICY_FIELD_CODES = [
  'case-policy.required',
  'case-policy.unknown-field',
  'case-policy.working-days',
  'case-policy.reminder-share',
  'case-policy.min-photos',
  'case-policy.geofence-radius',
  'case-policy.clock-tolerance',
] as const;
export type CasePolicyFieldCode = (typeof CASE_POLICY_FIELD_CODES)[number];

/** The bounds each code's text quotes. */
export const CASE_POLICY_LIMITS = {
  workingDays: { min: 1, max: 365 },
  reminderPercent: { min: 1, max: 99 },
  minVerifiedPhotos: { min: 0, max: 50 },
  geofenceRadiusM: { min: 1, max: 50_000 },
  clockToleranceS: { min: 10, max: 3600 },
} as const;
const L = CASE_POLICY_LIMITS;

const whole = (b: { min: number; max: number }) => z.number().int().min(b.min).max(b.max);
const workingDays = whole(L.workingDays).describe('Working days');
const byPriority = z.strictObject(Object.fromEntries(PRIORITIES.map((p) => [p, workingDays])) as Record<(typeof PRIORITIES)[number], typeof workingDays>);

export const CasePolicyRules = z.strictObject({
  deadlines: z.strictObject({ field_evidence: byPriority, rectification: byPriority, verification: byPriority })
    .describe('Working days per stage (立案→现场取证 field_evidence, 督办整改 rectification, 复核 verification) and priority'),
  escalation: z.strictObject({
    reminderShare: z.number().min(L.reminderPercent.min / 100).max(L.reminderPercent.max / 100).describe('Share (0.01–0.99) of the stage\'s working time after which the actor is reminded; screens show it as a percentage'),
    tier2AfterDays: workingDays.describe('Working days after the deadline (tier 1) before tier 2'),
    tier3AfterDays: workingDays.describe('Working days after tier 2 before tier 3'),
  }),
  evidence: z.strictObject({
    minVerifiedPhotos: whole(L.minVerifiedPhotos),
    geofenceRadiusM: whole(L.geofenceRadiusM).describe('Metres around the customer\'s location a check-in must be within'),
    clockToleranceS: whole(L.clockToleranceS).describe('Seconds a terminal\'s clock may be off the server\'s'),
  }),
});
export type CasePolicyRules = z.infer<typeof CasePolicyRules>;

/** The code of a refused leaf, by its path (deadlines.*.*, escalation.*, evidence.*). */
function leafCode(path: readonly PropertyKey[]): CasePolicyFieldCode {
  const [group, field] = path.map(String);
  if (group === 'deadlines' || field === 'tier2AfterDays' || field === 'tier3AfterDays') return 'case-policy.working-days';
  if (field === 'reminderShare') return 'case-policy.reminder-share';
  if (field === 'minVerifiedPhotos') return 'case-policy.min-photos';
  if (field === 'geofenceRadiusM') return 'case-policy.geofence-radius';
  if (field === 'clockToleranceS') return 'case-policy.clock-tolerance';
  return 'case-policy.required';
}

const TEXTS: Record<CasePolicyFieldCode, Record<Lang, string>> = {
  'case-policy.required': { 'zh-CN': '必填，应为数字', en: 'required, a number' },
  'case-policy.unknown-field': { 'zh-CN': '未知字段', en: 'unknown field' },
  'case-policy.working-days': {
    'zh-CN': `应为 ${L.workingDays.min}–${L.workingDays.max} 之间的整数个工作日`,
    en: `must be a whole number of working days from ${L.workingDays.min} to ${L.workingDays.max}`,
  },
  'case-policy.reminder-share': {
    'zh-CN': `提醒比例应在 ${L.reminderPercent.min}%–${L.reminderPercent.max}% 之间`,
    en: `the reminder share must be from ${L.reminderPercent.min}% to ${L.reminderPercent.max}%`,
  },
  'case-policy.min-photos': {
    'zh-CN': `应为 ${L.minVerifiedPhotos.min}–${L.minVerifiedPhotos.max} 之间的整数张`,
    en: `must be a whole number of photos from ${L.minVerifiedPhotos.min} to ${L.minVerifiedPhotos.max}`,
  },
  'case-policy.geofence-radius': {
    'zh-CN': `应为 ${L.geofenceRadiusM.min}–${L.geofenceRadiusM.max} 之间的整数米`,
    en: `must be a whole number of metres from ${L.geofenceRadiusM.min} to ${L.geofenceRadiusM.max}`,
  },
  'case-policy.clock-tolerance': {
    'zh-CN': `应为 ${L.clockToleranceS.min}–${L.clockToleranceS.max} 之间的整数秒`,
    en: `must be a whole number of seconds from ${L.clockToleranceS.min} to ${L.clockToleranceS.max}`,
  },
};

export const casePolicyFieldText = (code: CasePolicyFieldCode, lang: Lang): string => TEXTS[code][lang];

export interface CasePolicyFieldError {
  path: string;
  code: CasePolicyFieldCode;
  message: string;
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let v = body;
  for (const k of path) v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** The parsed rules, or every refused field with its code and its text in `lang`. */
export function checkCasePolicyRules(body: unknown, lang: Lang): { ok: true; rules: CasePolicyRules } | { ok: false; errors: CasePolicyFieldError[] } {
  const r = CasePolicyRules.safeParse(body);
  if (r.success) return { ok: true, rules: r.data };
  const errors = r.error.issues.flatMap((i): CasePolicyFieldError[] => {
    if (i.code === 'unrecognized_keys') {
      return i.keys.map((k) => ({ path: [...i.path.map(String), k].join('.'), code: 'case-policy.unknown-field', message: TEXTS['case-policy.unknown-field'][lang] }));
    }
    // Absent, or a group that is not an object: required; a value out of range or of the wrong type: its field's rule.
    const value = valueAt(body, i.path);
    const code = value === undefined || value === null || (i.code === 'invalid_type' && i.expected === 'object') ? 'case-policy.required' : leafCode(i.path);
    return [{ path: i.path.map(String).join('.') || '(body)', code, message: TEXTS[code][lang] }];
  });
  return { ok: false, errors };
}

/** The API's summary of a refused draft, in `lang`. */
