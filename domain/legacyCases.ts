import { z } from 'zod';
import { AccountNo, CASE_ORIGINS, type CaseStage } from './case';
import { Decimal2, IsoDate, num, optional, text } from './customerData';
import { PROBLEM_TYPES } from './inspectionCaseContract';
import type { CaseEvent } from './caseEvents';
import type { CaseScoringFacts } from './scoring';

// 历史工单导入: the closed cases of a utility's previous (pilot) system. Each row is one case as that system closed it —
// customer, origin, problem type, the day of each stage, amounts, inspector and scores — and becomes an archived case
// of the read model without a workflow: its stages as case events, its assessment facts scored under our rule set.

export const LEGACY_OUTCOMES = ['confirmed', 'not_confirmed', 'dismissed'] as const;

const day = (what: string) => optional(IsoDate).describe(`${what}, YYYY-MM-DD`);
const count = (min: number, max: number, what: string) => optional(num(min, max).pipe(z.number().int('must be a whole number'))).describe(what);

/** The order the stage days must keep (each may be absent, none before the one named earlier). */
export const LEGACY_STAGE_DAYS = ['opened_on', 'field_checked_on', 'rectification_issued_on', 'rectified_on', 'verified_on', 'closed_on'] as const;

const realDay = (d: string) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

export const LegacyCaseRow = z.strictObject({
  source_case_no: text(64).pipe(z.string().min(1, 'required')).describe('The source system\'s case number: the key (importing it again reports a duplicate and changes nothing)'),
  account_no: AccountNo.describe('户号, the 10-digit account number: a customer inside your org unit'),
  origin: z.enum(CASE_ORIGINS).describe('Where the case came from: routine 常态稽查, special 专项稽查, custom 自定义稽查'),
  problem_type: optional(z.enum(PROBLEM_TYPES)).describe('The problem found (required when confirmed)'),
  outcome: z.enum(LEGACY_OUTCOMES).describe('confirmed 查实, not_confirmed 未查实, dismissed 撤销 (closed without a field check)'),
  opened_on: IsoDate.describe('Day the case was opened, YYYY-MM-DD'),
  field_checked_on: day('Day of the on-site check (required unless dismissed)'),
  rectification_issued_on: day('Day the rectification order was issued (confirmed only; default: the field check day)'),
  rectified_on: day('Day the rectification was reported done (confirmed only)'),
  verified_on: day('Day the verification passed (confirmed only; required when amounts were recovered)'),
  closed_on: IsoDate.describe('Day the case was closed (archived), YYYY-MM-DD, not in the future'),
  back_billing_yuan: optional(Decimal2()).describe('Back-billing recovered (追补电费), yuan (at most 2 decimals); confirmed only'),
  penalty_yuan: optional(Decimal2()).describe('Penalty recovered (违约使用电费), yuan (at most 2 decimals); confirmed only'),
  inspector: optional(text(100)).describe('The inspector who checked on site: a user name or display name of our personnel inside your org unit'),
  field_late_days: count(0, 365, 'Working days the field check was late (default 0)'),
  rectification_late_days: count(0, 365, 'Working days the rectification was late (default 0; confirmed only)'),
  verification_rounds: count(0, 20, 'Verification rounds until it passed (default 1 when verified)'),
  escalation_tier: count(0, 3, 'Highest escalation tier reached (督办级别 0–3, default 0)'),
  evidence_complete: optional(z.preprocess((v) => {
    const s = String(v).trim().toLowerCase();
    return ['true', '1', 'y', 'yes', '是'].includes(s) ? true : ['false', '0', 'n', 'no', '否'].includes(s) ? false : v;
  }, z.boolean('must be true or false'))).describe('Field evidence complete (default true): true/false, 1/0, 是/否'),
  source_score: optional(num(-1000, 1000)).describe('The source system\'s assessment score of the case, kept as given (rankings use the score under our rule set)'),
  description: optional(text(500)).describe('What was found, as the source system describes it'),
}).superRefine((r, ctx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const amounts = (r.back_billing_yuan ?? 0) + (r.penalty_yuan ?? 0);
  if (r.outcome === 'confirmed' && !r.problem_type) issue('problem_type', 'required when the outcome is confirmed');
  if (r.outcome !== 'dismissed' && !r.field_checked_on) issue('field_checked_on', 'required unless the case was dismissed');
  if (r.outcome !== 'confirmed') {
    for (const f of ['rectification_issued_on', 'rectified_on', 'verified_on', 'back_billing_yuan', 'penalty_yuan', 'rectification_late_days'] as const) {
      if (r[f] !== undefined) issue(f, 'only a confirmed case has a rectification');
    }
  } else if (amounts > 0 && !r.verified_on) issue('verified_on', 'required when amounts were recovered');
  let before: { field: string; day: string } | null = null;
  for (const f of LEGACY_STAGE_DAYS) {
    const d = r[f];
    // a day the field's own check refused (2016-02-30) is reported there only
    if (!d || !realDay(d)) continue;
    if (before && d < before.day) issue(f, `must not be before ${before.field} (${before.day})`);
    else before = { field: f, day: d };
  }
});
export type LegacyCaseRow = z.infer<typeof LegacyCaseRow>;

/** A stage day as the event time: 10:00 Beijing time, inside the same Beijing month and day. */
export const legacyDayTime = (day: string) => new Date(`${day}T10:00:00+08:00`).toISOString();

export const legacyTotalYuan = (r: LegacyCaseRow) => Math.round(((r.back_billing_yuan ?? 0) + (r.penalty_yuan ?? 0)) * 100) / 100;

/** The case's stage after the row's last stage. */
export const legacyFinalStage = (r: LegacyCaseRow): CaseStage => (r.outcome === 'dismissed' ? 'dismissed' : 'closed');

/**
 * The case log of an imported case, in order, without the score (added once the rule set is known): opened; the field
 * check's findings; for a confirmed case its rectification order with the amounts, the report and the passing
 * verification; closed (or dismissed). `inspector`: the resolved user name.
 */
export function legacyCaseEvents(caseId: string, r: LegacyCaseRow, inspector: string | null): Omit<CaseEvent, 'seq'>[] {
  const out: Omit<CaseEvent, 'seq'>[] = [];
  const add = (type: string, stage: CaseStage, dayOf: string, actor: string | null, payload: Record<string, unknown>) =>
    out.push({ caseId, type, stage, actor, payload, occurredAt: legacyDayTime(dayOf) });
  add('opened', 'judgement', r.opened_on, null, { origin: r.origin, note: r.description ?? null, imported: { sourceCaseNo: r.source_case_no } });
  const confirmed = r.outcome === 'confirmed';
  if (r.field_checked_on) {
    add('findings_submitted', confirmed ? 'rectification' : 'assessment', r.field_checked_on, inspector, {
      result: confirmed ? 'confirmed' : 'not_confirmed', ...(r.problem_type ? { problemType: r.problem_type } : {}), ...(r.description ? { summary: r.description } : {}),
    });
  }
  const total = legacyTotalYuan(r);
  if (confirmed && (total > 0 || r.rectification_issued_on)) {
    add('rectification_issued', 'rectification', r.rectification_issued_on ?? r.field_checked_on!, null, {
      actions: [], computations: [{ backBillingYuan: r.back_billing_yuan ?? 0, penaltyYuan: r.penalty_yuan ?? 0 }],
    });
  }
  if (confirmed && r.rectified_on) add('rectification_reported', 'verification', r.rectified_on, null, { amountRecoveredYuan: total });
  if (confirmed && r.verified_on) add('verified', 'assessment', r.verified_on, null, { round: r.verification_rounds ?? 1, outcome: 'pass' });
  add(r.outcome === 'dismissed' ? 'dismissed' : 'closed', legacyFinalStage(r), r.closed_on, null, { imported: true });
  return out;
}

/** What our assessment scores an imported case by, from its row (the same facts a workflow case is scored by). */
export function legacyScoringFacts(caseId: string, r: LegacyCaseRow, place: { inspector: string | null; stationId: string; countyId: string }): CaseScoringFacts {
  const confirmed = r.outcome === 'confirmed';
  return {
    caseId, origin: r.origin, closedAt: legacyDayTime(r.closed_on), outcome: r.outcome, inspector: place.inspector, stationId: place.stationId, countyId: place.countyId,
    fieldLateDays: r.field_late_days ?? 0, evidenceComplete: r.evidence_complete ?? true,
    rectificationLateDays: confirmed && (r.rectified_on || r.verified_on) ? r.rectification_late_days ?? 0 : null,
    verificationRounds: confirmed && r.verified_on ? r.verification_rounds ?? 1 : 0,
    maxEscalationTier: r.escalation_tier ?? 0,
    recoveredYuan: confirmed && r.verified_on ? legacyTotalYuan(r) : 0,
  };
}
