import type pg from 'pg';
import type { CaseScore, CaseScorer, CaseScoringFacts, ScoreLine } from '../domain/scoring';
import { withTransaction } from '../db/pool';

/**
 * Built-in scoring until assessment rule sets are data (the scoring issue replaces `builtinScorer`);
 * the activity already stores per-party lines with the rule-set version, idempotently per case.
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

export function createScoringActivities({ pool, scorer = builtinScorer }: { pool: pg.Pool; scorer?: CaseScorer }) {
  return {
    async scoreCase(facts: CaseScoringFacts): Promise<CaseScore> {
      const result = await scorer.score(facts);
      await withTransaction(pool, async (c) => {
        const done = await c.query('select 1 from case_score_lines where case_id = $1 limit 1', [facts.caseId]);
        if (done.rowCount) return; // a retry after the lines were written
        for (const [i, l] of result.lines.entries()) {
          await c.query(
            `insert into case_score_lines (case_id, line_no, rule_set_version, party_kind, party_id, item, points, reason, scored_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [facts.caseId, i + 1, result.ruleSetVersion, l.party.kind, l.party.id, l.item, l.points, l.reason, facts.closedAt],
          );
        }
      });
      return result;
    },
  };
}
