import type { ApiItem, ApiResponse } from '../../data/api';
import { valuesOf } from '../../data/enumValues';

/** An assessment rule set as GET /api/assessment-rule-sets/:version answers it. */
export type AssessmentRuleSetRecord = ApiResponse<'/api/assessment-rule-sets/{version}'>;
type Items = AssessmentRuleSetRecord['items'];
export type ItemCode = keyof Items;
export type AssessmentItem = Items[ItemCode];
export type RankingRow = ApiItem<'/api/assessment-rankings'>;
export type PartyKind = RankingRow['partyKind'];
export type WhatIfResult = ApiResponse<'/api/assessment-rule-sets/{version}/what-if', 'post'>;
export type WhatIfRow = WhatIfResult['rows'][number];
export type PartyBreakdown = ApiResponse<'/api/assessment-periods/{period}/parties/{kind}/{id}'>;
export type BreakdownLine = PartyBreakdown['monthly'][number];

export const PARTY_KINDS = valuesOf<PartyKind>()(['inspector', 'station', 'county']);

/** The items in the editor's and the table's order. */
export const ITEM_CODES = valuesOf<ItemCode>()([
  'fieldOnTime', 'fieldLateDays', 'evidenceComplete', 'confirmationOverturned', 'rectificationOnTime',
  'verificationRounds', 'escalations', 'recoveredAmount', 'customAuditFinding', 'feedbackParticipation',
]);

type ItemField = 'cap' | 'incompletePoints' | 'latePointsPerDay' | 'tierPoints';
/** Which of an item's fields the editor shows besides party and points (checked against the item's schema). */
export const ITEM_FIELDS: Readonly<Record<ItemCode, readonly ItemField[]>> = {
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
} satisfies { [K in ItemCode]: readonly Extract<keyof Items[K], ItemField>[] };

/** How a party's rank changes: up/down by n, unchanged, or ranked on one side only. */
export type Move = { kind: 'up' | 'down'; n: number } | { kind: 'same' } | { kind: 'added' } | { kind: 'dropped' };

export function moveOf(r: Pick<WhatIfRow, 'currentRank' | 'draftRank' | 'movement'>): Move {
  if (r.currentRank === null) return { kind: 'added' };
  if (r.draftRank === null) return { kind: 'dropped' };
  const m = r.movement ?? r.currentRank - r.draftRank;
  return m > 0 ? { kind: 'up', n: m } : m < 0 ? { kind: 'down', n: -m } : { kind: 'same' };
}

/** Counts for the summary line: parties whose rank changes, up and down. */
export function movementSummary(rows: readonly WhatIfRow[]): { moved: number; up: number; down: number } {
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

// ------------------------------------------------------------------ a draft against the version in force

type RuleSetDocument = Pick<AssessmentRuleSetRecord, 'name' | 'auditWeight'> & { items: Partial<Items> };
/** The fields of an item compared one by one, in the editor's order; the escalation tiers count as three. */
export type ItemChangeField = 'party' | 'points' | 'tier1' | 'tier2' | 'tier3' | 'incompletePoints' | 'latePointsPerDay' | 'cap';
const ITEM_CHANGE_FIELDS: readonly ItemChangeField[] = ['party', 'points', 'tier1', 'tier2', 'tier3', 'incompletePoints', 'latePointsPerDay', 'cap'];

export type AssessmentChange =
  | { key: 'name'; kind: 'changed'; field: 'name'; from: string; to: string }
  | { key: 'auditWeight'; kind: 'changed'; field: 'auditWeight'; from: number; to: number }
  /** An item only one side has (a version from before the item existed). */
  | { key: string; kind: 'added' | 'removed'; item: ItemCode; from: AssessmentItem | undefined; to: AssessmentItem | undefined }
  | { key: string; kind: 'changed'; item: ItemCode; field: ItemChangeField; from: string | number | null | undefined; to: string | number | null | undefined };

function itemField(item: AssessmentItem, f: ItemChangeField): string | number | null | undefined {
  const tier = /^tier([123])$/.exec(f);
  if (tier) return 'tierPoints' in item ? item.tierPoints[Number(tier[1]) - 1] : undefined;
  return (item as Record<string, string | number | null | undefined>)[f];
}

/** Every item of `to` that differs from `from`, in the editor's order: general fields first, then item by item. */
export function assessmentChanges(from: RuleSetDocument, to: RuleSetDocument): AssessmentChange[] {
  const out: AssessmentChange[] = [];
  if (from.name !== to.name) out.push({ key: 'name', kind: 'changed', field: 'name', from: from.name, to: to.name });
  if (from.auditWeight !== to.auditWeight) out.push({ key: 'auditWeight', kind: 'changed', field: 'auditWeight', from: from.auditWeight, to: to.auditWeight });
  const codes = [...new Set([...ITEM_CODES, ...(Object.keys(from.items) as ItemCode[]), ...(Object.keys(to.items) as ItemCode[])])];
  for (const item of codes) {
    const a = from.items[item];
    const b = to.items[item];
    if (!a && !b) continue;
    if (!a || !b) {
      out.push({ key: `items.${item}`, kind: a ? 'removed' : 'added', item, from: a, to: b });
      continue;
    }
    for (const field of ITEM_CHANGE_FIELDS) {
      const x = itemField(a, field);
      const y = itemField(b, field);
      if (x !== y) out.push({ key: `items.${item}.${field}`, kind: 'changed', item, field, from: x, to: y });
    }
  }
  return out;
}

/** One line of the items table: the item's rates as a manager reads them. */
export function itemSummary(item: AssessmentItem, translate: (k: string, o?: object) => string): string {
  const R = 'resources.assessment-rule-sets';
  const F = `${R}.fields`;
  const parts: string[] = [];
  if ('tierPoints' in item) parts.push(item.tierPoints.map((p, i) => `${translate(`${F}.tier${i + 1}`)} ${signedPoints(p)}`).join('，'));
  if ('points' in item) parts.push(signedPoints(item.points));
  if ('incompletePoints' in item) parts.push(`${translate(`${F}.incompletePoints`)} ${signedPoints(item.incompletePoints)}`);
  if ('latePointsPerDay' in item) parts.push(`${translate(`${F}.latePointsPerDay`)} ${signedPoints(item.latePointsPerDay)}`);
  if ('cap' in item) parts.push(item.cap === null ? translate(`${R}.noCap`) : `${translate(`${F}.cap`)} ${item.cap}`);
  return parts.join('；');
}
