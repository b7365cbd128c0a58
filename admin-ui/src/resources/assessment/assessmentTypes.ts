// Shapes of the assessment API (api/routes/assessmentRuleSets.ts, api/routes/assessmentPeriods.ts).
export const PARTY_KINDS = ['inspector', 'station', 'county'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export const ITEM_CODES = [
  'fieldOnTime', 'fieldLateDays', 'evidenceComplete', 'confirmationOverturned', 'rectificationOnTime',
  'verificationRounds', 'escalations', 'recoveredAmount', 'customAuditFinding', 'feedbackParticipation',
] as const;
export type ItemCode = (typeof ITEM_CODES)[number];

/** Which of an item's fields exist besides party and points. */
export const ITEM_FIELDS: Record<ItemCode, readonly ('cap' | 'incompletePoints' | 'latePointsPerDay' | 'tierPoints')[]> = {
  fieldOnTime: [],
  fieldLateDays: ['cap'],
  evidenceComplete: ['incompletePoints'],
  confirmationOverturned: [],
  rectificationOnTime: ['latePointsPerDay', 'cap'],
  verificationRounds: ['cap'],
  escalations: ['tierPoints'],
  recoveredAmount: ['cap'],
  customAuditFinding: [],
  feedbackParticipation: ['cap'],
};

export interface AssessmentItem {
  party: PartyKind;
  points?: number;
  cap?: number | null;
  incompletePoints?: number;
  latePointsPerDay?: number;
  tierPoints?: [number, number, number];
}

export interface AssessmentRuleSetRecord {
  id: string;
  version: string;
  name: string;
  status: 'draft' | 'published';
  inForce: boolean;
  auditWeight: number;
  items: Record<ItemCode, AssessmentItem>;
  effectiveFrom: string | null;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  publishedBy: string | null;
  publishedAt: string | null;
}

export interface WhatIfRow {
  id: string;
  partyKind: PartyKind;
  partyId: string;
  name: string;
  currentTotal: number | null;
  currentRank: number | null;
  draftTotal: number | null;
  draftRank: number | null;
  movement: number | null;
}

export interface WhatIfResult {
  period: string;
  version: string;
  current: 'closed' | 'provisional';
  currentRuleSetVersion: string;
  rows: WhatIfRow[];
}

export interface RankingRow {
  id: string;
  period: string;
  partyKind: PartyKind;
  partyId: string;
  name: string;
  total: number;
  caseCount: number;
  rank: number;
  weighted: number | null;
  closed: boolean;
}

export interface BreakdownLine {
  item: string;
  points: number;
  reason: string;
  ruleSetVersion: string;
}

export interface PartyBreakdown {
  period: string;
  partyKind: PartyKind;
  partyId: string;
  name: string;
  closed: boolean;
  total: number;
  rank: number | null;
  weighted: number | null;
  cases: { caseId: string; caseNo: string | null; closedAt: string; total: number; lines: BreakdownLine[] }[];
  monthly: BreakdownLine[];
}

/** How a party's rank changes: up/down by n, unchanged, or ranked on one side only. */
export type Move = { kind: 'up' | 'down'; n: number } | { kind: 'same' } | { kind: 'added' } | { kind: 'dropped' };

export function moveOf(r: Pick<WhatIfRow, 'currentRank' | 'draftRank' | 'movement'>): Move {
  if (r.currentRank === null) return { kind: 'added' };
  if (r.draftRank === null) return { kind: 'dropped' };
  const m = r.movement ?? r.currentRank - r.draftRank;
  return m > 0 ? { kind: 'up', n: m } : m < 0 ? { kind: 'down', n: -m } : { kind: 'same' };
}

/** Counts for the summary line: parties whose rank changes, up and down. */
export function movementSummary(rows: WhatIfRow[]): { moved: number; up: number; down: number } {
  const moves = rows.map(moveOf);
  const up = moves.filter((m) => m.kind === 'up').length;
  const down = moves.filter((m) => m.kind === 'down').length;
  return { moved: up + down, up, down };
}

/** The month before the current one in China time (the latest month that can be closed). */
export function lastMonth(now = new Date()): string {
  const china = new Date(now.getTime() + 8 * 3600_000);
  const y = china.getUTCFullYear();
  const m = china.getUTCMonth(); // 0-based: the previous month's 1-based number
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
}

/** Points with their sign, two decimals at most: +2, −1.5. */
export function signedPoints(v: number | null): string {
  if (v === null) return '—';
  const s = Number.isInteger(v) ? String(Math.abs(v)) : Math.abs(v).toFixed(2).replace(/0$/, '');
  return v > 0 ? `+${s}` : v < 0 ? `−${s}` : '0';
}
