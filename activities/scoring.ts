import type pg from 'pg';
import { ApplicationFailure } from '@temporalio/common';
import type { CaseScore, CaseScorer, CaseScoringFacts, ScoreLine } from '../domain/scoring';
import { scoreFacts } from '../domain/assessmentRules';
import { withTransaction } from '../db/pool';
import { ruleSetLifecycle } from '../services/ruleSets/lifecycle';
import { recordCaseScore, storedCaseScore, sumPoints } from '../db/assessmentScores';

/**
 * A fixed scorer with the pilot's shape, kept for the case workflow's own tests (tests/workflows/caseTestKit.ts),
 * which run without a database. The worker scores with `ruleSetScorer`.
 */
export const builtinScorer: CaseScorer = {
  async score(f: CaseScoringFacts): Promise<CaseScore> {
    const lines: ScoreLine[] = [];
    const inspector = f.inspector ? { kind: 'inspector' as const, id: f.inspector } : null;
    const station = { kind: 'station' as const, id: f.stationId };
    if (inspector) {
      lines.push({ party: inspector, item: 'field_check_within_deadline', points: f.fieldLateDays === 0 ? 2 : -Math.min(5, f.fieldLateDays * 0.5), reason: f.fieldLateDays === 0 ? 'field check within deadline' : `field check ${f.fieldLateDays} day(s) late` });
      lines.push({ party: inspector, item: 'evidence_completeness', points: f.evidenceComplete ? 1 : -1, reason: f.evidenceComplete ? 'evidence complete' : 'evidence incomplete (justified)' });
      if (f.outcome === 'confirmed' && f.origin === 'custom') lines.push({ party: inspector, item: 'custom_audit_found_problem', points: 3, reason: 'custom audit found a real problem' });
    }
    if (f.rectificationLateDays !== null) {
      lines.push({ party: station, item: 'rectification_on_time', points: f.rectificationLateDays === 0 ? 2 : -Math.min(5, f.rectificationLateDays * 0.5), reason: f.rectificationLateDays === 0 ? 'rectified on time' : `rectified ${f.rectificationLateDays} day(s) late` });
      if (f.verificationRounds > 1) lines.push({ party: station, item: 'verification_rounds', points: -(f.verificationRounds - 1), reason: `${f.verificationRounds - 1} rejected verification round(s)` });
    }
    if (f.maxEscalationTier > 0) lines.push({ party: station, item: 'escalations', points: -f.maxEscalationTier, reason: `escalated to tier ${f.maxEscalationTier}` });
    if (f.recoveredYuan > 0) lines.push({ party: station, item: 'recovered_amount', points: Math.floor(f.recoveredYuan / 10_000) * 0.5, reason: `recovered ${f.recoveredYuan} yuan` });
    return { ruleSetVersion: 'builtin-0', lines, total: lines.reduce((s, l) => s + l.points, 0) };
  },
};

/**
 * Scores under the assessment rule set in force at the case's closure (the published one with the latest effective
 * day at or before closedAt's China-calendar day), recording that version on every line.
 */
export function ruleSetScorer(pool: pg.Pool): CaseScorer {
  const ruleSets = ruleSetLifecycle('assessment', { pool });
  return {
    async score(f: CaseScoringFacts): Promise<CaseScore> {
      const rs = await ruleSets.inForceAt(f.closedAt);
      // Retried: publishing a rule set covering the date lets the case finish.
      if (!rs) throw ApplicationFailure.retryable(`no published assessment rule set is in force at ${f.closedAt}`, 'NoAssessmentRuleSet');
      const lines = scoreFacts(rs.document, { ...f, confirmationOverturned: false });
      return { ruleSetVersion: rs.version, lines, total: sumPoints(lines) };
    },
  };
}

export function createScoringActivities({ pool, scorer }: { pool: pg.Pool; scorer?: CaseScorer }) {
  const score = scorer ?? ruleSetScorer(pool);
  return {
    /** Called by the case workflow's last stage; a retry returns the lines stored the first time. */
    async scoreCase(facts: CaseScoringFacts): Promise<CaseScore> {
      const stored = await storedCaseScore(pool, facts.caseId);
      if (stored) return stored;
      const result = await score.score(facts);
      return withTransaction(pool, (c) => recordCaseScore(c, { ...facts, confirmationOverturned: false }, result));
    },
  };
}
