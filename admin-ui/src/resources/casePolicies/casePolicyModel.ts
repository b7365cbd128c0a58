import { percentToShare, shareToPercent } from '../../format/percent';
import type { ApiBody, ApiResponse } from '../../data/api';
import type { FieldPatterns } from '../rules/serverErrorMapping';

/** A case-policy version as GET /api/case-policies/:version answers it. */
export type CasePolicyRecord = ApiResponse<'/api/case-policies/{version}'>;
export type CasePolicyEditBody = ApiBody<'/api/case-policies/{version}', 'put'>;
export type CasePolicyStanding = CasePolicyRecord['standing'];

/** The deadline grid's rows (立案→现场取证, 督办整改, 复核) and columns, in screen order. */
export const DEADLINE_STAGES = ['field_evidence', 'rectification', 'verification'] as const;
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type DeadlineStage = (typeof DEADLINE_STAGES)[number];

/** The bounds the API checks (domain/casePolicyRules.ts CASE_POLICY_LIMITS; casePolicyModel.test.ts holds them equal), checked here first so the message is in the user's language. */
export const LIMITS = {
  workingDays: { min: 1, max: 365 },
  reminderPercent: { min: 1, max: 99 },
  minVerifiedPhotos: { min: 0, max: 50 },
  geofenceRadiusM: { min: 1, max: 50_000 },
  clockToleranceS: { min: 10, max: 3600 },
} as const;

/** The editor's values: the API's rules, with the reminder share as a percentage. */
export interface CasePolicyEditorValues {
  version: string;
  deadlines: CasePolicyEditBody['deadlines'];
  escalation: { reminderPercent: number; tier2AfterDays: number; tier3AfterDays: number };
  evidence: CasePolicyEditBody['evidence'];
}

export { percentToShare, shareToPercent };

export const toEditorValues = (r: CasePolicyRecord): CasePolicyEditorValues => ({
  version: r.version,
  deadlines: r.deadlines,
  escalation: { reminderPercent: shareToPercent(r.escalation.reminderShare), tier2AfterDays: r.escalation.tier2AfterDays, tier3AfterDays: r.escalation.tier3AfterDays },
  evidence: { ...r.evidence, clockToleranceS: r.evidence.clockToleranceS ?? 300 },
});

/** PUT /api/case-policies/:version body: only the rules (the version is in the path; the calendar is not edited here). */
export const toEditBody = (v: CasePolicyEditorValues): CasePolicyEditBody => ({
  deadlines: Object.fromEntries(DEADLINE_STAGES.map((s) => [s, Object.fromEntries(PRIORITIES.map((p) => [p, v.deadlines[s][p]]))])) as CasePolicyEditBody['deadlines'],
  escalation: { reminderShare: percentToShare(v.escalation.reminderPercent), tier2AfterDays: v.escalation.tier2AfterDays, tier3AfterDays: v.escalation.tier3AfterDays },
  evidence: { minVerifiedPhotos: v.evidence.minVerifiedPhotos, geofenceRadiusM: v.evidence.geofenceRadiusM, clockToleranceS: v.evidence.clockToleranceS },
});

/** The editor's inputs, in screen order (serverErrorMapping); the server's reminderShare lands on the percentage. */
export const CASE_POLICY_FIELDS: FieldPatterns = [
  ...DEADLINE_STAGES.flatMap((s) => PRIORITIES.map((p) => `deadlines.${s}.${p}`)),
  'escalation.reminderShare:reminderPercent',
  'escalation.tier2AfterDays',
  'escalation.tier3AfterDays',
  'evidence.minVerifiedPhotos',
  'evidence.geofenceRadiusM',
  'evidence.clockToleranceS',
];

/** One item that differs between the version in force and a draft. */
export interface PolicyChange {
  /** Stable key, e.g. "deadlines.rectification.high". */
  key: string;
  /** Translation key of the item's label, and its params. */
  label: string;
  labelArgs?: Record<string, string>;
  /** Translation key of the unit ("工作日", "%", "米"…). */
  unit: string;
  from: number | undefined;
  to: number | undefined;
}

type Rules = Pick<CasePolicyRecord, 'deadlines' | 'escalation' | 'evidence'>;
const F = 'resources.case-policies.fields';
const U = 'resources.case-policies.units';

/** Every item of `to` that differs from `from`, in screen order; the reminder share compared as shown (a percentage). */
export function policyChanges(from: Rules, to: Rules): PolicyChange[] {
  const items: PolicyChange[] = [
    ...DEADLINE_STAGES.flatMap((s) =>
      PRIORITIES.map((p) => ({
        key: `deadlines.${s}.${p}`, label: `${F}.deadlineCell`, labelArgs: { stage: `resources.case-policies.stages.${s}`, priority: `resources.cases.enums.priority.${p}` },
        unit: `${U}.workingDays`, from: from.deadlines[s][p], to: to.deadlines[s][p],
      })),
    ),
    { key: 'escalation.reminderShare', label: `${F}.reminderPercent`, unit: `${U}.percent`, from: shareToPercent(from.escalation.reminderShare), to: shareToPercent(to.escalation.reminderShare) },
    { key: 'escalation.tier2AfterDays', label: `${F}.tier2AfterDays`, unit: `${U}.workingDays`, from: from.escalation.tier2AfterDays, to: to.escalation.tier2AfterDays },
    { key: 'escalation.tier3AfterDays', label: `${F}.tier3AfterDays`, unit: `${U}.workingDays`, from: from.escalation.tier3AfterDays, to: to.escalation.tier3AfterDays },
    { key: 'evidence.minVerifiedPhotos', label: `${F}.minVerifiedPhotos`, unit: `${U}.photos`, from: from.evidence.minVerifiedPhotos, to: to.evidence.minVerifiedPhotos },
    { key: 'evidence.geofenceRadiusM', label: `${F}.geofenceRadiusM`, unit: `${U}.metres`, from: from.evidence.geofenceRadiusM, to: to.evidence.geofenceRadiusM },
    { key: 'evidence.clockToleranceS', label: `${F}.clockToleranceS`, unit: `${U}.seconds`, from: from.evidence.clockToleranceS, to: to.evidence.clockToleranceS },
  ];
  return items.filter((c) => c.from !== c.to);
}

/** Client-side checks, each answering a translation key (the API checks the same and answers 422 with a code). */
const between = (b: { min: number; max: number }, key: string, whole = true) => (value: unknown) => {
  if (value === null || value === undefined || value === '' || typeof value !== 'number' || Number.isNaN(value)) return 'resources.case-policies.validation.required';
  if ((whole && !Number.isInteger(value)) || value < b.min || value > b.max) return `resources.case-policies.validation.${key}`;
  return undefined;
};
export const validateWorkingDays = between(LIMITS.workingDays, 'workingDays');
/** A percentage, decimals allowed (62.5 %). */
export const validateReminderPercent = between(LIMITS.reminderPercent, 'reminderPercent', false);
export const validateMinPhotos = between(LIMITS.minVerifiedPhotos, 'minVerifiedPhotos');
export const validateGeofence = between(LIMITS.geofenceRadiusM, 'geofenceRadiusM');
export const validateClockTolerance = between(LIMITS.clockToleranceS, 'clockToleranceS');

/** The next version name after `version` ("policy-1" → "policy-2"; otherwise "-2" appended). */
export function nextPolicyVersion(version: string, taken: readonly string[] = []): string {
  const m = /^(.*?)(\d+)$/.exec(version);
  let n = m ? Number(m[2]) + 1 : 2;
  const stem = m ? m[1]! : `${version}-`;
  while (taken.includes(`${stem}${n}`)) n += 1;
  return `${stem}${n}`;
}
