import { z } from 'zod';

/** Assessment scoring (对标考核) of one closed case: the interface the case workflow's last stage calls. */
export const ScoreParty = z.object({ kind: z.enum(['inspector', 'station', 'county']), id: z.string() });
export type ScoreParty = z.infer<typeof ScoreParty>;

export const ScoreLine = z.object({
  party: ScoreParty,
  item: z.string(),
  points: z.number(),
  /** Why, in English (as stored); `code` + `params` (domain/messages/scores.ts) say it in the reader's language. */
  reason: z.string(),
  code: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
});
export type ScoreLine = z.infer<typeof ScoreLine>;

export const CaseScore = z.object({ ruleSetVersion: z.string(), lines: z.array(ScoreLine), total: z.number() });
export type CaseScore = z.infer<typeof CaseScore>;

/** What scoring needs to know about a case; assembled by the workflow from its own state. */
export interface CaseScoringFacts {
  caseId: string;
  origin: 'routine' | 'special' | 'custom';
  closedAt: string;
  outcome: 'confirmed' | 'not_confirmed' | 'dismissed';
  inspector: string | null;
  stationId: string;
  countyId: string;
  fieldLateDays: number;
  evidenceComplete: boolean;
  rectificationLateDays: number | null;
  verificationRounds: number;
  maxEscalationTier: number;
  recoveredYuan: number;
}

export interface CaseScorer {
  score(facts: CaseScoringFacts): Promise<CaseScore>;
}
