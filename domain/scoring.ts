/** Assessment scoring (对标考核) of one closed case: the interface the case workflow's last stage calls. */
export interface ScoreParty {
  kind: 'inspector' | 'station' | 'county';
  id: string;
}

export interface ScoreLine {
  party: ScoreParty;
  item: string;
  points: number;
  reason: string;
}

export interface CaseScore {
  ruleSetVersion: string;
  lines: ScoreLine[];
  total: number;
}

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
