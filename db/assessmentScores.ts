import type { Queryable } from './pool';
import type { AssessedCaseFacts, PartyKind } from '../domain/assessmentRules';
import { AssessmentRuleSetDocument, scoreFeedback } from '../domain/assessmentRules';
import type { CaseScore, ScoreLine } from '../domain/scoring';
import { scoreReasonCode } from '../domain/messages/scores';
import { partyTotalsSql } from './assessmentSql';

/** Stores a case's facts and lines once; returns the stored score when the case was already scored (a retry). */
export async function recordCaseScore(db: Queryable, f: AssessedCaseFacts, score: CaseScore): Promise<CaseScore> {
  const inserted = await db.query(
    `insert into case_scoring_facts (case_id, closed_at, origin, outcome, inspector, station_id, county_id, field_late_days, evidence_complete,
       rectification_late_days, verification_rounds, max_escalation_tier, recovered_yuan, confirmation_overturned, rule_set_version)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) on conflict (case_id) do nothing`,
    [f.caseId, f.closedAt, f.origin, f.outcome, f.inspector, f.stationId, f.countyId, f.fieldLateDays, f.evidenceComplete, f.rectificationLateDays,
      f.verificationRounds, Math.min(3, f.maxEscalationTier), f.recoveredYuan, f.confirmationOverturned, score.ruleSetVersion],
  );
  if (inserted.rowCount === 0) return (await storedCaseScore(db, f.caseId))!;
  for (const [i, l] of score.lines.entries()) {
    await db.query(
      `insert into case_score_lines (case_id, line_no, rule_set_version, party_kind, party_id, item, points, reason, scored_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (case_id, line_no) do nothing`, // lines written before facts were kept
      [f.caseId, i + 1, score.ruleSetVersion, l.party.kind, l.party.id, l.item, l.points, l.reason, f.closedAt],
    );
  }
  return score;
}

export async function storedCaseScore(db: Queryable, caseId: string): Promise<CaseScore | null> {
  const facts = await db.query<{ rule_set_version: string }>('select rule_set_version from case_scoring_facts where case_id = $1', [caseId]);
  if (!facts.rows[0]) return null;
  const r = await db.query<{ party_kind: PartyKind; party_id: string; item: string; points: number; reason: string }>(
    'select party_kind, party_id, item, points, reason from case_score_lines where case_id = $1 order by line_no',
    [caseId],
  );
  // stored as English sentences: their code and figures are read back for the reader's language
  const lines: ScoreLine[] = r.rows.map((x) => ({ party: { kind: x.party_kind, id: x.party_id }, item: x.item, points: x.points, reason: x.reason, ...scoreReasonCode(x.reason) }));
  return { ruleSetVersion: facts.rows[0].rule_set_version, lines, total: sumPoints(lines) };
}

/** Sum of 0.01-point amounts without float drift. */
export const sumPoints = (lines: { points: number }[]) => lines.reduce((s, l) => s + Math.round(l.points * 100), 0) / 100;

export interface PartyTotal {
  partyKind: PartyKind;
  partyId: string;
  total: number;
  caseCount: number;
}

/** The month's feedback lines under a rule set: one per inspector who gave feedback from a terminal. */
export async function feedbackLines(db: Queryable, doc: AssessmentRuleSetDocument, window: { start: string; end: string }): Promise<ScoreLine[]> {
  const r = await db.query<{ username: string; n: number }>(
    `select f.username, count(*)::int as n from feedback f join personnel p on p.username = f.username and p.role = 'inspector'
      where f.created_at >= $1 and f.created_at < $2 group by f.username order by f.username`,
    [window.start, window.end],
  );
  return r.rows.map((x) => scoreFeedback(doc, x.username, x.n)).filter((l): l is ScoreLine => l !== null);
}

function addMonthly(totals: PartyTotal[], lines: ScoreLine[]): PartyTotal[] {
  const byKey = new Map(totals.map((t) => [`${t.partyKind}:${t.partyId}`, { ...t }]));
  for (const l of lines) {
    const k = `${l.party.kind}:${l.party.id}`;
    const t = byKey.get(k) ?? { partyKind: l.party.kind, partyId: l.party.id, total: 0, caseCount: 0 };
    t.total = (Math.round(t.total * 100) + Math.round(l.points * 100)) / 100;
    byKey.set(k, t);
  }
  return [...byKey.values()];
}

/** Totals from the lines stored at closure (each case under the version in force then), plus the monthly items. */
export async function storedTotals(db: Queryable, window: { start: string; end: string }, monthly: ScoreLine[]): Promise<PartyTotal[]> {
  const r = await db.query<{ party_kind: PartyKind; party_id: string; total: number; cases: number }>(
    `select party_kind, party_id, sum(points) as total, count(distinct case_id)::int as cases from case_score_lines
      where scored_at >= $1 and scored_at < $2 group by party_kind, party_id`,
    [window.start, window.end],
  );
  return addMonthly(r.rows.map((x) => ({ partyKind: x.party_kind, partyId: x.party_id, total: x.total, caseCount: x.cases })), monthly);
}

/** Totals if every case of the window were scored under `doc` (set-based, from the stored facts). */
export async function rescoredTotals(db: Queryable, doc: AssessmentRuleSetDocument, window: { start: string; end: string }): Promise<PartyTotal[]> {
  const q = partyTotalsSql(doc, window);
  const r = await db.query<{ party_kind: PartyKind; party_id: string; total_cents: number; cases: number }>(q.text, q.values);
  const cases = r.rows.map((x) => ({ partyKind: x.party_kind, partyId: x.party_id, total: x.total_cents / 100, caseCount: x.cases }));
  return addMonthly(cases, await feedbackLines(db, doc, window));
}

export interface PartyInfo {
  name: string;
  orgUnitId: string;
}

/** Display names and org placement (for org-scoped reads) of parties: units by id, inspectors by their personnel record. */
export async function partyInfo(db: Queryable, parties: { partyKind: PartyKind; partyId: string }[]): Promise<Map<string, PartyInfo>> {
  const units = [...new Set(parties.filter((p) => p.partyKind !== 'inspector').map((p) => p.partyId))];
  const people = [...new Set(parties.filter((p) => p.partyKind === 'inspector').map((p) => p.partyId))];
  const out = new Map<string, PartyInfo>();
  if (units.length) {
    const r = await db.query<{ id: string; name_zh: string | null }>('select u.id, o.name_zh from unnest($1::text[]) u(id) left join org_units o on o.id = u.id', [units]);
    for (const x of r.rows) for (const k of ['station', 'county']) out.set(`${k}:${x.id}`, { name: x.name_zh ?? x.id, orgUnitId: x.id });
  }
  if (people.length) {
    const r = await db.query<{ id: string; display_name: string | null; org: string | null }>(
      `select u.id, p.display_name,
              coalesce(p.org_unit_id, (select f.station_id from case_scoring_facts f where f.inspector = u.id order by f.closed_at desc limit 1)) as org
         from unnest($1::text[]) u(id) left join personnel p on p.username = u.id`,
      [people],
    );
    for (const x of r.rows) out.set(`inspector:${x.id}`, { name: x.display_name ?? x.id, orgUnitId: x.org ?? '' });
  }
  return out;
}

export type OverturnOutcome = { ok: true; line: ScoreLine & { ruleSetVersion: string } | null } | { ok: false; reason: 'not_scored' | 'not_confirmed' | 'already' };

/**
 * Records that a closed case's confirmed problem was later overturned (复核推翻): the fact is kept for what-if, and
 * the item's line is added under the version the case was scored with, dated now — it counts in the month it is
 * recorded (a closed month stays as it was frozen).
 */
export async function recordOverturn(db: Queryable, caseId: string, reason: string, at: string): Promise<OverturnOutcome> {
  const r = await db.query<{ outcome: string; confirmation_overturned: boolean; rule_set_version: string; inspector: string | null; station_id: string; county_id: string; document: unknown }>(
    `select f.outcome, f.confirmation_overturned, f.rule_set_version, f.inspector, f.station_id, f.county_id, s.document
       from case_scoring_facts f left join assessment_rule_sets s on s.version = f.rule_set_version where f.case_id = $1 for update of f`,
    [caseId],
  );
  const f = r.rows[0];
  if (!f) return { ok: false, reason: 'not_scored' };
  if (f.outcome !== 'confirmed') return { ok: false, reason: 'not_confirmed' };
  if (f.confirmation_overturned) return { ok: false, reason: 'already' };
  await db.query('update case_scoring_facts set confirmation_overturned = true where case_id = $1', [caseId]);
  // A case scored before rule sets were data (no document) keeps only the fact.
  if (!f.document) return { ok: true, line: null };
  const item = AssessmentRuleSetDocument.parse(f.document).items.confirmationOverturned;
  const id = item.party === 'inspector' ? f.inspector : item.party === 'station' ? f.station_id : f.county_id;
  if (!id || item.points === 0) return { ok: true, line: null };
  const line = { party: { kind: item.party, id }, item: 'confirmationOverturned', points: item.points, reason: `confirmed problem later overturned: ${reason}`.slice(0, 500), ruleSetVersion: f.rule_set_version };
  await db.query(
    `insert into case_score_lines (case_id, line_no, rule_set_version, party_kind, party_id, item, points, reason, scored_at)
     select $1, coalesce(max(line_no), 0) + 1, $2, $3, $4, $5, $6, $7, $8 from case_score_lines where case_id = $1`,
    [caseId, line.ruleSetVersion, line.party.kind, line.party.id, line.item, line.points, line.reason, at],
  );
  return { ok: true, line };
}
