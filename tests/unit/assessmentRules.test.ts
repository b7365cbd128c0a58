import fs from 'node:fs';
import path from 'node:path';
import { AssessmentRuleSetDocument, compareRankings, periodBounds, previousPeriod, rankStandings, scoreFacts, scoreFeedback, type AssessedCaseFacts } from '../../domain/assessmentRules';
import { PILOT_ASSESSMENT_RULE_SET as PILOT } from '../../domain/assessmentPilotRules';
import { fieldErrors } from '../../http/problem';

// A case that earns nothing but its base items: on time, complete evidence, not confirmed.
const plain: AssessedCaseFacts = {
  caseId: '00000000-0000-4000-8000-000000000001', origin: 'routine', closedAt: '2026-10-15T02:00:00.000Z', outcome: 'not_confirmed',
  inspector: 'inspector', stationId: 'HB.XN.XA.WQ', countyId: 'HB.XN.XA', fieldLateDays: 0, evidenceComplete: true, rectificationLateDays: null,
  verificationRounds: 0, maxEscalationTier: 0, recoveredYuan: 0, confirmationOverturned: false,
};
const lines = (f: Partial<AssessedCaseFacts>) => scoreFacts(PILOT, { ...plain, ...f }).map((l) => [l.item, l.party.kind, l.party.id, l.points]);
const item = (f: Partial<AssessedCaseFacts>, code: string) => lines(f).filter((l) => l[0] === code);

describe('each item of the pilot rule set, from constructed cases', () => {
  test('field check within deadline, else late days with their cap', () => {
    expect(item({}, 'fieldOnTime')).toEqual([['fieldOnTime', 'inspector', 'inspector', 2]]);
    expect(item({}, 'fieldLateDays')).toEqual([]);
    expect(item({ fieldLateDays: 3 }, 'fieldOnTime')).toEqual([]);
    expect(item({ fieldLateDays: 3 }, 'fieldLateDays')).toEqual([['fieldLateDays', 'inspector', 'inspector', -1.5]]);
    expect(item({ fieldLateDays: 40 }, 'fieldLateDays')).toEqual([['fieldLateDays', 'inspector', 'inspector', -5]]);
  });
  test('evidence completeness', () => {
    expect(item({}, 'evidenceComplete')).toEqual([['evidenceComplete', 'inspector', 'inspector', 1]]);
    expect(item({ evidenceComplete: false }, 'evidenceComplete')).toEqual([['evidenceComplete', 'inspector', 'inspector', -1]]);
  });
  test('a confirmation later overturned (only a confirmed case can be)', () => {
    expect(item({ outcome: 'confirmed', confirmationOverturned: true }, 'confirmationOverturned')).toEqual([['confirmationOverturned', 'inspector', 'inspector', -3]]);
    expect(item({ outcome: 'confirmed' }, 'confirmationOverturned')).toEqual([]);
    expect(item({ outcome: 'not_confirmed', confirmationOverturned: true }, 'confirmationOverturned')).toEqual([]);
  });
  test('rectification on time or late (capped); none without rectification', () => {
    expect(item({}, 'rectificationOnTime')).toEqual([]);
    expect(item({ rectificationLateDays: 0 }, 'rectificationOnTime')).toEqual([['rectificationOnTime', 'station', 'HB.XN.XA.WQ', 2]]);
    expect(item({ rectificationLateDays: 4 }, 'rectificationOnTime')).toEqual([['rectificationOnTime', 'station', 'HB.XN.XA.WQ', -2]]);
    expect(item({ rectificationLateDays: 30 }, 'rectificationOnTime')).toEqual([['rectificationOnTime', 'station', 'HB.XN.XA.WQ', -5]]);
  });
  test('verification rounds after the first, capped', () => {
    expect(item({ verificationRounds: 1 }, 'verificationRounds')).toEqual([]);
    expect(item({ verificationRounds: 3 }, 'verificationRounds')).toEqual([['verificationRounds', 'station', 'HB.XN.XA.WQ', -2]]);
    expect(item({ verificationRounds: 9 }, 'verificationRounds')).toEqual([['verificationRounds', 'station', 'HB.XN.XA.WQ', -3]]);
  });
  test('escalations by the highest tier reached, charged to the county unit', () => {
    expect(item({}, 'escalations')).toEqual([]);
    expect([1, 2, 3].map((t) => item({ maxEscalationTier: t }, 'escalations')[0])).toEqual([
      ['escalations', 'county', 'HB.XN.XA', -0.5], ['escalations', 'county', 'HB.XN.XA', -1], ['escalations', 'county', 'HB.XN.XA', -2],
    ]);
  });
  test('recovered amount per whole 10,000 yuan, capped', () => {
    expect(item({ recoveredYuan: 9_999 }, 'recoveredAmount')).toEqual([]);
    expect(item({ recoveredYuan: 35_000 }, 'recoveredAmount')).toEqual([['recoveredAmount', 'station', 'HB.XN.XA.WQ', 1.5]]);
    expect(item({ recoveredYuan: 5_000_000 }, 'recoveredAmount')).toEqual([['recoveredAmount', 'station', 'HB.XN.XA.WQ', 10]]);
  });
  test('a custom audit that found a real problem', () => {
    expect(item({ origin: 'custom', outcome: 'confirmed' }, 'customAuditFinding')).toEqual([['customAuditFinding', 'inspector', 'inspector', 3]]);
    expect(item({ origin: 'custom', outcome: 'not_confirmed' }, 'customAuditFinding')).toEqual([]);
    expect(item({ origin: 'special', outcome: 'confirmed' }, 'customAuditFinding')).toEqual([]);
  });
  test('feedback participation per month, capped', () => {
    expect(scoreFeedback(PILOT, 'inspector', 0)).toBeNull();
    expect(scoreFeedback(PILOT, 'inspector', 3)).toMatchObject({ party: { kind: 'inspector', id: 'inspector' }, points: 1.5 });
    expect(scoreFeedback(PILOT, 'inspector', 12)?.points).toBe(2);
  });
  test('the party is configurable per item; a case without an inspector gives no inspector lines', () => {
    const doc = { ...PILOT, items: { ...PILOT.items, customAuditFinding: { party: 'station' as const, points: 4 } } };
    expect(scoreFacts(doc, { ...plain, origin: 'custom', outcome: 'confirmed' }).find((l) => l.item === 'customAuditFinding')).toMatchObject({ party: { kind: 'station', id: 'HB.XN.XA.WQ' }, points: 4 });
    expect(lines({ inspector: null }).filter((l) => l[1] === 'inspector')).toEqual([]);
  });
  test('the pilot example case: confirmed, rectified on time, 7,020 yuan recovered, one verification round', () => {
    expect(lines({ origin: 'special', outcome: 'confirmed', rectificationLateDays: 0, verificationRounds: 1, recoveredYuan: 7_020 })).toEqual([
      ['fieldOnTime', 'inspector', 'inspector', 2], ['evidenceComplete', 'inspector', 'inspector', 1], ['rectificationOnTime', 'station', 'HB.XN.XA.WQ', 2],
    ]);
  });
});

describe('rule-set documents', () => {
  test('the migration publishes exactly the pilot document', () => {
    const sql = fs.readFileSync(path.join(__dirname, '../../db/migrations/030_assessment.sql'), 'utf8');
    const json = /'(\{[\s\S]*?\})'::jsonb/.exec(sql)![1].replace(/''/g, "'");
    expect(AssessmentRuleSetDocument.parse(JSON.parse(json))).toEqual(PILOT);
  });
  test('an invalid draft is refused field by field', () => {
    const bad = {
      ...PILOT, auditWeight: 1.5,
      items: { ...PILOT.items, fieldLateDays: { party: 'inspector', points: 0.5, cap: 5 }, escalations: { party: 'city', tierPoints: [-1, -2, -3] }, recoveredAmount: { party: 'station', points: 0.123, cap: 10 } },
    };
    const r = AssessmentRuleSetDocument.safeParse(bad);
    expect(r.success).toBe(false);
    expect(fieldErrors(r.error!).map((e) => e.path).sort()).toEqual(['auditWeight', 'items.escalations.party', 'items.fieldLateDays.points', 'items.recoveredAmount.points']);
  });
});

describe('periods and rankings', () => {
  test('months are China-time months', () => {
    expect(periodBounds('2026-10')).toEqual({ start: '2026-09-30T16:00:00.000Z', end: '2026-10-31T16:00:00.000Z' });
    expect(periodBounds('2026-12').end).toBe('2026-12-31T16:00:00.000Z');
    expect(previousPeriod(new Date('2026-11-30T17:00:00Z'))).toBe('2026-11'); // 01:00 on 1 December in China
    expect(previousPeriod(new Date('2027-01-01T03:00:00Z'))).toBe('2026-12');
  });
  test('competition ranking per party kind', () => {
    const r = rankStandings([
      { partyKind: 'station', partyId: 'A', total: 3 }, { partyKind: 'station', partyId: 'B', total: 5 }, { partyKind: 'station', partyId: 'C', total: 3 },
      { partyKind: 'station', partyId: 'D', total: 1 }, { partyKind: 'inspector', partyId: 'x', total: -1 },
    ]);
    expect(r.map((x) => [x.partyKind, x.partyId, x.rank])).toEqual([['inspector', 'x', 1], ['station', 'B', 1], ['station', 'A', 2], ['station', 'C', 2], ['station', 'D', 4]]);
  });
  test('movement compares both rankings, with parties on one side only', () => {
    const m = compareRankings(
      [{ partyKind: 'inspector', partyId: 'a', total: 5 }, { partyKind: 'inspector', partyId: 'b', total: 4 }, { partyKind: 'inspector', partyId: 'c', total: 1 }],
      [{ partyKind: 'inspector', partyId: 'a', total: 2 }, { partyKind: 'inspector', partyId: 'b', total: 6 }, { partyKind: 'inspector', partyId: 'd', total: 3 }],
    );
    expect(m.map((x) => [x.partyId, x.currentRank, x.draftRank, x.movement])).toEqual([['b', 2, 1, 1], ['d', null, 2, null], ['a', 1, 3, -2], ['c', 3, null, null]]);
  });
});
