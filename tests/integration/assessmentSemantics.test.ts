import fc from 'fast-check';
import { createPool } from '../../db/pool';
import { loadConfig } from '../../config/env';
import { partyTotalsSql } from '../../db/assessmentSql';
import { AssessmentRuleSetDocument, scoreFacts, type AssessedCaseFacts, type AssessmentRuleSetDocument as Doc } from '../../domain/assessmentRules';
import { PILOT_ASSESSMENT_RULE_SET as PILOT } from '../../domain/assessmentPilotRules';

// The per-case scorer (case closure) and the set-based SQL (what-if, bench) give the same per-party totals, on
// generated facts and generated rule sets. Rows go to a temporary table of this session only.
const pool = createPool(loadConfig().DATABASE_URL, 1);
afterAll(() => pool.end());

const party = fc.constantFrom('inspector' as const, 'station' as const, 'county' as const);
const cents = (min: number, max: number) => fc.integer({ min, max }).map((c) => c / 100);
const cap = fc.option(cents(1, 2000), { nil: null });
const docArb: fc.Arbitrary<Doc> = fc.record({
  fieldOnTime: fc.record({ party, points: cents(0, 500) }),
  fieldLateDays: fc.record({ party, points: cents(-300, 0), cap }),
  evidenceComplete: fc.record({ party, points: cents(0, 300), incompletePoints: cents(-300, 0) }),
  confirmationOverturned: fc.record({ party, points: cents(-500, 0) }),
  rectificationOnTime: fc.record({ party, points: cents(0, 300), latePointsPerDay: cents(-200, 0), cap }),
  verificationRounds: fc.record({ party, points: cents(-300, 0), cap }),
  escalations: fc.record({ party, tierPoints: fc.tuple(cents(-300, 0), cents(-300, 0), cents(-300, 0)) }),
  recoveredAmount: fc.record({ party, points: cents(0, 200), cap }),
  customAuditFinding: fc.record({ party, points: cents(0, 800) }),
  feedbackParticipation: fc.record({ party: fc.constant('inspector' as const), points: cents(0, 100), cap }),
}).map((items) => AssessmentRuleSetDocument.parse({ ...PILOT, version: 'prop', items }));

const factsArb = (i: number): fc.Arbitrary<AssessedCaseFacts> => fc.record({
  caseId: fc.constant(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`),
  origin: fc.constantFrom('routine' as const, 'special' as const, 'custom' as const),
  closedAt: fc.constant('2026-10-10T00:00:00.000Z'),
  outcome: fc.constantFrom('confirmed' as const, 'not_confirmed' as const),
  inspector: fc.option(fc.constantFrom('i1', 'i2', 'i3'), { nil: null }),
  stationId: fc.constantFrom('s1', 's2'),
  countyId: fc.constantFrom('c1', 'c2'),
  fieldLateDays: fc.integer({ min: 0, max: 20 }),
  evidenceComplete: fc.boolean(),
  rectificationLateDays: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
  verificationRounds: fc.integer({ min: 0, max: 6 }),
  maxEscalationTier: fc.integer({ min: 0, max: 3 }),
  recoveredYuan: fc.integer({ min: 0, max: 500_000 }),
  confirmationOverturned: fc.boolean(),
});
const caseSet = fc.integer({ min: 1, max: 25 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => factsArb(i))));

test('scoreFacts and partyTotalsSql agree on generated cases and rule sets', async () => {
  const db = await pool.connect();
  try {
    await db.query('create temp table bench_scoring_facts (like case_scoring_facts including defaults)');
    await fc.assert(fc.asyncProperty(docArb, caseSet, async (doc, cases) => {
      await db.query('truncate bench_scoring_facts');
      for (const f of cases) {
        await db.query(
          `insert into bench_scoring_facts (case_id, closed_at, origin, outcome, inspector, station_id, county_id, field_late_days, evidence_complete,
             rectification_late_days, verification_rounds, max_escalation_tier, recovered_yuan, confirmation_overturned, rule_set_version)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'prop')`,
          [f.caseId, f.closedAt, f.origin, f.outcome, f.inspector, f.stationId, f.countyId, f.fieldLateDays, f.evidenceComplete, f.rectificationLateDays,
            f.verificationRounds, f.maxEscalationTier, f.recoveredYuan, f.confirmationOverturned],
        );
      }
      const expected = new Map<string, { cents: number; cases: number }>();
      for (const f of cases) {
        const seen = new Set<string>();
        for (const l of scoreFacts(doc, f)) {
          const k = `${l.party.kind}:${l.party.id}`;
          const e = expected.get(k) ?? { cents: 0, cases: 0 };
          e.cents += Math.round(l.points * 100);
          if (!seen.has(k)) e.cases += 1;
          seen.add(k);
          expected.set(k, e);
        }
      }
      const q = partyTotalsSql(doc, { start: '2026-10-01T00:00:00Z', end: '2026-11-01T00:00:00Z' }, 'bench_scoring_facts');
      const r = await db.query<{ party_kind: string; party_id: string; total_cents: number; cases: number }>(q.text, q.values);
      const actual = new Map(r.rows.map((x) => [`${x.party_kind}:${x.party_id}`, { cents: Number(x.total_cents), cases: Number(x.cases) }]));
      expect(Object.fromEntries([...actual].sort())).toEqual(Object.fromEntries([...expected].sort()));
    }), { numRuns: 60 });
  } finally {
    db.release();
  }
});
