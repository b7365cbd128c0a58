import { z } from 'zod';
import type { CaseScoringFacts, ScoreLine, ScoreParty } from './scoring';
import { renderTemplateMessage } from './messages/templates';
import type { SCORE_MESSAGES } from './messages/scores';

type ScoreReasonCode = Extract<keyof typeof SCORE_MESSAGES, `score.reason.${string}`>;

/**
 * Assessment (对标考核) rule sets as data. A rule set prices each item of a closed case's conduct for one party
 * (inspector, station or county unit). The per-case path (`scoreFacts`, used when a case closes) and the
 * set-based path (db/assessmentSql.ts, used for what-if and the bench) have the same semantics; both work in
 * 0.01-point amounts (the rates have at most two decimals and multiply whole days, rounds, tiers or 10,000 yuan).
 */

export const PARTY_KINDS = ['inspector', 'station', 'county'] as const;
export const PartyKind = z.enum(PARTY_KINDS);
export type PartyKind = z.infer<typeof PartyKind>;

const twoDecimals = (v: number) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-9;
const points = z.number().min(-100).max(100).refine(twoDecimals, 'at most two decimals');
const reward = points.refine((v) => v >= 0, 'must be zero or positive (a reward)');
const penalty = points.refine((v) => v <= 0, 'must be zero or negative (a deduction)');
/** The most points (in absolute value) the item may give one case, or one party in a month for monthly items; null: no cap. */
const cap = z.number().gt(0).max(1000).refine(twoDecimals, 'at most two decimals').nullable();

export const AssessmentItems = z.strictObject({
  /** Field check (现场核查) submitted within its deadline: `points` once. */
  fieldOnTime: z.strictObject({ party: PartyKind, points: reward }),
  /** Field check late: `points` per working day late, capped. */
  fieldLateDays: z.strictObject({ party: PartyKind, points: penalty, cap }),
  /** Evidence complete (photos in the geofence…): `points`; incomplete with a justification: `incompletePoints`. */
  evidenceComplete: z.strictObject({ party: PartyKind, points: reward, incompletePoints: penalty }),
  /** A confirmed problem later overturned (复核推翻): `points`. */
  confirmationOverturned: z.strictObject({ party: PartyKind, points: penalty }),
  /** Rectification reported within its deadline: `points`; late: `latePointsPerDay` per working day, capped. */
  rectificationOnTime: z.strictObject({ party: PartyKind, points: reward, latePointsPerDay: penalty, cap }),
  /** Each verification round after the first (a rejected rectification): `points`, capped. */
  verificationRounds: z.strictObject({ party: PartyKind, points: penalty, cap }),
  /** The highest escalation tier the case reached: `tierPoints[tier - 1]`. */
  escalations: z.strictObject({ party: PartyKind, tierPoints: z.tuple([penalty, penalty, penalty]) }),
  /** Recovered amount (追补电费 and penalty): `points` per whole 10,000 yuan, capped. */
  recoveredAmount: z.strictObject({ party: PartyKind, points: reward, cap }),
  /** A custom audit (自定义稽查) that found a real problem: `points`. */
  customAuditFinding: z.strictObject({ party: PartyKind, points: reward }),
  /** Terminal feedback (意见反馈) given in the month: `points` each, capped per month; scored at period close. */
  feedbackParticipation: z.strictObject({ party: z.literal('inspector'), points: reward, cap }),
});
export type AssessmentItems = z.infer<typeof AssessmentItems>;
export type AssessmentItemCode = keyof AssessmentItems;
export const ITEM_CODES = Object.keys(AssessmentItems.shape) as AssessmentItemCode[];

export const RULE_SET_VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const AssessmentRuleSetDocument = z.strictObject({
  version: z.string().regex(RULE_SET_VERSION, 'letters, digits, dot, dash or underscore (at most 64)'),
  name: z.string().trim().min(1).max(200),
  /** Share of a unit's monthly overall assessment that its audit score carries (0.2 in the pilot). */
  auditWeight: z.number().min(0).max(1).refine(twoDecimals, 'at most two decimals'),
  items: AssessmentItems,
});
export type AssessmentRuleSetDocument = z.infer<typeof AssessmentRuleSetDocument>;

/** What scoring knows about a closed case: the workflow's facts plus what is learnt after closure. */
export interface AssessedCaseFacts extends CaseScoringFacts {
  confirmationOverturned: boolean;
}

/** Integer hundredths of a point, so both paths add exactly. */
const cents = (v: number) => Math.round(v * 100);
const capped = (rawCents: number, c: number | null) => (c === null ? rawCents : Math.sign(rawCents) * Math.min(Math.abs(rawCents), cents(c)));

function partyOf(kind: PartyKind, f: CaseScoringFacts): ScoreParty | null {
  if (kind === 'inspector') return f.inspector ? { kind, id: f.inspector } : null;
  return { kind, id: kind === 'station' ? f.stationId : f.countyId };
}

/** The per-party lines one closed case earns under a rule set; items worth zero give no line. */
export function scoreFacts(doc: AssessmentRuleSetDocument, f: AssessedCaseFacts): ScoreLine[] {
  const it = doc.items;
  const out: ScoreLine[] = [];
  const add = (item: AssessmentItemCode, kind: PartyKind, c: number, code: ScoreReasonCode, params: Record<string, number> = {}) => {
    const party = partyOf(kind, f);
    if (party && c !== 0) out.push({ party, item, points: c / 100, reason: renderTemplateMessage(code, params, 'en'), code, params });
  };
  if (f.fieldLateDays === 0) add('fieldOnTime', it.fieldOnTime.party, cents(it.fieldOnTime.points), 'score.reason.field-on-time');
  else add('fieldLateDays', it.fieldLateDays.party, capped(cents(it.fieldLateDays.points) * f.fieldLateDays, it.fieldLateDays.cap), 'score.reason.field-late', { days: f.fieldLateDays });
  if (f.evidenceComplete) add('evidenceComplete', it.evidenceComplete.party, cents(it.evidenceComplete.points), 'score.reason.evidence-complete');
  else add('evidenceComplete', it.evidenceComplete.party, cents(it.evidenceComplete.incompletePoints), 'score.reason.evidence-incomplete');
  if (f.outcome === 'confirmed' && f.confirmationOverturned) add('confirmationOverturned', it.confirmationOverturned.party, cents(it.confirmationOverturned.points), 'score.reason.confirmation-overturned');
  if (f.rectificationLateDays !== null) {
    const r = it.rectificationOnTime;
    if (f.rectificationLateDays === 0) add('rectificationOnTime', r.party, cents(r.points), 'score.reason.rectified-on-time');
    else add('rectificationOnTime', r.party, capped(cents(r.latePointsPerDay) * f.rectificationLateDays, r.cap), 'score.reason.rectified-late', { days: f.rectificationLateDays });
  }
  if (f.verificationRounds > 1) {
    add('verificationRounds', it.verificationRounds.party, capped(cents(it.verificationRounds.points) * (f.verificationRounds - 1), it.verificationRounds.cap), 'score.reason.verification-rejected', { rounds: f.verificationRounds - 1 });
  }
  const tier = Math.min(3, f.maxEscalationTier);
  if (tier > 0) add('escalations', it.escalations.party, cents(it.escalations.tierPoints[tier - 1]), 'score.reason.escalated', { tier });
  const tenThousands = Math.floor(f.recoveredYuan / 10_000);
  if (tenThousands > 0) add('recoveredAmount', it.recoveredAmount.party, capped(cents(it.recoveredAmount.points) * tenThousands, it.recoveredAmount.cap), 'score.reason.recovered', { yuan: f.recoveredYuan });
  if (f.origin === 'custom' && f.outcome === 'confirmed') add('customAuditFinding', it.customAuditFinding.party, cents(it.customAuditFinding.points), 'score.reason.custom-audit-finding');
  return out;
}

/** The month's feedback line for one inspector (scored at period close and in what-if, not per case). */
export function scoreFeedback(doc: AssessmentRuleSetDocument, inspector: string, count: number): ScoreLine | null {
  const f = doc.items.feedbackParticipation;
  const c = capped(cents(f.points) * count, f.cap);
  const params = { count };
  return c === 0 ? null : { party: { kind: 'inspector', id: inspector }, item: 'feedbackParticipation', points: c / 100, reason: renderTemplateMessage('score.reason.feedback', params, 'en'), code: 'score.reason.feedback', params };
}

// ------------------------------------------------------------------ periods (months in China time)

export const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
export const Period = z.string().regex(PERIOD, 'must be a month YYYY-MM');

/** The month (YYYY-MM, China time) an instant falls in. */
export function periodOf(at: Date): string {
  const china = new Date(at.getTime() + 8 * 3600_000);
  return `${china.getUTCFullYear()}-${String(china.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** [start, end) of a month as ISO instants (midnight China time). */
export function periodBounds(period: string): { start: string; end: string } {
  const [y, m] = period.split('-').map(Number);
  // by calendar arithmetic, not by formatting the next month's date: every YYYY-MM has bounds ('0099-12', '9999-12')
  const midnight = (month0: number) => {
    const d = new Date(0);
    d.setUTCFullYear(y, month0, 1);
    return new Date(d.getTime() - 8 * 3600_000).toISOString();
  };
  return { start: midnight(m - 1), end: midnight(m) };
}

/** The month before the one `at` falls in: what a run of the monthly schedule closes. */
export function previousPeriod(at: Date): string {
  const [y, m] = periodOf(at).split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

// ------------------------------------------------------------------ rankings

export interface Standing {
  partyKind: PartyKind;
  partyId: string;
  total: number;
}

/** Competition ranking (1, 2, 2, 4) by total, highest first, within each party kind. */
export function rankStandings<T extends Standing>(rows: T[]): (T & { rank: number })[] {
  const out: (T & { rank: number })[] = [];
  for (const kind of PARTY_KINDS) {
    const ofKind = rows.filter((r) => r.partyKind === kind).sort((a, b) => b.total - a.total || a.partyId.localeCompare(b.partyId));
    ofKind.forEach((r, i) => out.push({ ...r, rank: i > 0 && ofKind[i - 1].total === r.total ? out[out.length - 1].rank : i + 1 }));
  }
  return out;
}

export interface Movement {
  partyKind: PartyKind;
  partyId: string;
  currentTotal: number | null;
  currentRank: number | null;
  draftTotal: number | null;
  draftRank: number | null;
  /** Places moved up under the draft (negative: down); null when the party is ranked on one side only. */
  movement: number | null;
}

/** Each party's rank under the current scores and under the draft, and how far it moves. */
export function compareRankings(current: Standing[], draft: Standing[]): Movement[] {
  const key = (s: Standing) => `${s.partyKind}\u0000${s.partyId}`;
  const a = new Map(rankStandings(current).map((r) => [key(r), r]));
  const b = new Map(rankStandings(draft).map((r) => [key(r), r]));
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  return keys.map((k) => {
    const c = a.get(k);
    const d = b.get(k);
    const s = (c ?? d)!;
    return {
      partyKind: s.partyKind, partyId: s.partyId, currentTotal: c?.total ?? null, currentRank: c?.rank ?? null, draftTotal: d?.total ?? null, draftRank: d?.rank ?? null,
      movement: c && d ? c.rank - d.rank : null,
    };
  }).sort((x, y) => PARTY_KINDS.indexOf(x.partyKind) - PARTY_KINDS.indexOf(y.partyKind) || (x.draftRank ?? Infinity) - (y.draftRank ?? Infinity) || x.partyId.localeCompare(y.partyId));
}

/** A closed assessment month (react-admin's id: the period). */
export const PeriodRecord = z.object({ id: z.string(), period: z.string(), ruleSetVersion: z.string(), auditWeight: z.number(), caseCount: z.number(), closedBy: z.string(), closedAt: z.string() });
