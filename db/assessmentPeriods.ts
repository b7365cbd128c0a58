import type { z } from 'zod';
import type pg from 'pg';
import type { Queryable } from './pool';
import { withTransaction } from './pool';
import { periodBounds, rankStandings, type PartyKind } from '../domain/assessmentRules';
import { chinaDate } from '../domain/calendar';
import { ruleSetInForceOn } from './ruleSets';
import { feedbackLines, partyInfo, storedTotals, type PartyTotal } from './assessmentScores';
import type { PeriodRecord as PeriodSchema } from '../domain/assessmentRules';

/** A closed month without react-admin's id (domain/assessmentRules.ts). */
export type PeriodRecord = Omit<z.infer<typeof PeriodSchema>, 'id'>;

interface PeriodRow { period: string; rule_set_version: string; audit_weight: number; case_count: number; closed_by: string; closed_at: Date }
const toPeriod = (r: PeriodRow): PeriodRecord => ({
  period: r.period, ruleSetVersion: r.rule_set_version, auditWeight: r.audit_weight, caseCount: r.case_count, closedBy: r.closed_by, closedAt: r.closed_at.toISOString(),
});

export async function getPeriod(db: Queryable, period: string): Promise<PeriodRecord | null> {
  const r = await db.query<PeriodRow>('select period, rule_set_version, audit_weight, case_count, closed_by, closed_at from assessment_periods where period = $1', [period]);
  return r.rows[0] ? toPeriod(r.rows[0]) : null;
}

export async function listPeriods(db: Queryable): Promise<PeriodRecord[]> {
  const r = await db.query<PeriodRow>('select period, rule_set_version, audit_weight, case_count, closed_by, closed_at from assessment_periods order by period desc');
  return r.rows.map(toPeriod);
}

/** The rule set governing a month's monthly items and weight: the one in force on the month's last day. */
export async function periodRuleSet(db: Queryable, period: string) {
  const rs = await ruleSetInForceOn(db, 'assessment', chinaDate(Date.parse(periodBounds(period).end) - 1));
  if (!rs) throw new Error(`no published assessment rule set is in force at the end of ${period}`);
  return rs;
}

export interface CloseOutcome {
  period: PeriodRecord;
  /** False when the period had been closed before: nothing was written. */
  closedNow: boolean;
}

/**
 * Freezes a month: per-party totals (lines stored at closure plus the monthly items), ranks and units' weighted
 * scores. Written once in one transaction; a second call (a re-run, a retry, a concurrent close) writes nothing.
 */
export async function closePeriod(pool: pg.Pool, period: string, closedBy: string): Promise<CloseOutcome> {
  return withTransaction(pool, async (c) => {
    const window = periodBounds(period);
    const rs = await periodRuleSet(c, period);
    const cases = await c.query<{ n: number }>('select count(*)::int as n from case_scoring_facts where closed_at >= $1 and closed_at < $2', [window.start, window.end]);
    const ins = await c.query<PeriodRow>(
      `insert into assessment_periods (period, rule_set_version, audit_weight, case_count, closed_by) values ($1, $2, $3, $4, $5)
       on conflict (period) do nothing returning period, rule_set_version, audit_weight, case_count, closed_by, closed_at`,
      [period, rs.version, rs.document.auditWeight, cases.rows[0].n, closedBy],
    );
    if (!ins.rows[0]) return { period: (await getPeriod(c, period))!, closedNow: false };
    const monthly = await feedbackLines(c, rs.document, window);
    for (const l of monthly) {
      await c.query(
        'insert into assessment_period_lines (period, party_kind, party_id, item, points, reason, rule_set_version) values ($1, $2, $3, $4, $5, $6, $7)',
        [period, l.party.kind, l.party.id, l.item, l.points, l.reason, rs.version],
      );
    }
    await c.query(
      'insert into assessment_period_cases (period, case_id) select distinct $1, case_id from case_score_lines where scored_at >= $2 and scored_at < $3',
      [period, window.start, window.end],
    );
    const ranked = rankStandings(await storedTotals(c, window, monthly));
    const info = await partyInfo(c, ranked);
    for (const t of ranked) {
      await c.query(
        `insert into assessment_period_results (period, party_kind, party_id, org_unit_id, total, case_count, rank, weighted) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [period, t.partyKind, t.partyId, info.get(`${t.partyKind}:${t.partyId}`)?.orgUnitId ?? '', t.total, t.caseCount, t.rank,
          t.partyKind === 'inspector' ? null : Math.round(t.total * rs.document.auditWeight * 100) / 100],
      );
    }
    return { period: toPeriod(ins.rows[0]), closedNow: true };
  });
}

export interface Ranked extends PartyTotal {
  rank: number;
  name: string;
  orgUnitId: string;
  weighted: number | null;
}

/** A month's standings: frozen if the period is closed, otherwise provisional from the lines stored so far. */
export async function periodStandings(db: Queryable, period: string): Promise<{ closed: PeriodRecord | null; ruleSetVersion: string; auditWeight: number; rows: Ranked[] }> {
  const closed = await getPeriod(db, period);
  if (closed) {
    const r = await db.query<{ party_kind: PartyKind; party_id: string; org_unit_id: string; total: number; case_count: number; rank: number; weighted: number | null }>(
      'select party_kind, party_id, org_unit_id, total, case_count, rank, weighted from assessment_period_results where period = $1',
      [period],
    );
    const rows = r.rows.map((x) => ({ partyKind: x.party_kind, partyId: x.party_id, total: x.total, caseCount: x.case_count, rank: x.rank, orgUnitId: x.org_unit_id, weighted: x.weighted }));
    const info = await partyInfo(db, rows);
    return { closed, ruleSetVersion: closed.ruleSetVersion, auditWeight: closed.auditWeight, rows: rows.map((x) => ({ ...x, name: info.get(`${x.partyKind}:${x.partyId}`)?.name ?? x.partyId })) };
  }
  const rs = await periodRuleSet(db, period);
  const window = periodBounds(period);
  const ranked = rankStandings(await storedTotals(db, window, await feedbackLines(db, rs.document, window)));
  const info = await partyInfo(db, ranked);
  return {
    closed: null, ruleSetVersion: rs.version, auditWeight: rs.document.auditWeight,
    rows: ranked.map((t) => {
      const i = info.get(`${t.partyKind}:${t.partyId}`);
      return { ...t, name: i?.name ?? t.partyId, orgUnitId: i?.orgUnitId ?? '', weighted: t.partyKind === 'inspector' ? null : Math.round(t.total * rs.document.auditWeight * 100) / 100 };
    }),
  };
}

export interface CaseBreakdown {
  caseId: string;
  caseNo: string | null;
  closedAt: string;
  lines: { item: string; points: number; reason: string; ruleSetVersion: string }[];
  total: number;
}

/** One party's score lines in a month, grouped by case, plus its monthly lines (frozen ones once the period is closed). */
export async function partyBreakdown(db: Queryable, period: string, kind: PartyKind, id: string): Promise<{ cases: CaseBreakdown[]; monthly: { item: string; points: number; reason: string; ruleSetVersion: string }[] }> {
  const window = periodBounds(period);
  const closed = await getPeriod(db, period);
  // A closed month shows the cases it counted (a case scored into it later is not part of its totals).
  const r = await db.query<{ case_id: string; case_no: string | null; scored_at: Date; item: string; points: number; reason: string; rule_set_version: string }>(
    `select l.case_id, c.case_no, l.scored_at, l.item, l.points, l.reason, l.rule_set_version
       from case_score_lines l left join cases c on c.id = l.case_id
      where l.party_kind = $1 and l.party_id = $2 and l.scored_at >= $3 and l.scored_at < $4
        and ($5::text is null or l.case_id in (select case_id from assessment_period_cases where period = $5))
      order by l.scored_at, l.case_id, l.line_no`,
    [kind, id, window.start, window.end, closed ? period : null],
  );
  const cases = new Map<string, CaseBreakdown>();
  for (const x of r.rows) {
    const c = cases.get(x.case_id) ?? { caseId: x.case_id, caseNo: x.case_no, closedAt: x.scored_at.toISOString(), lines: [], total: 0 };
    c.lines.push({ item: x.item, points: x.points, reason: x.reason, ruleSetVersion: x.rule_set_version });
    c.total = (Math.round(c.total * 100) + Math.round(x.points * 100)) / 100;
    cases.set(x.case_id, c);
  }
  let monthly: { item: string; points: number; reason: string; ruleSetVersion: string }[];
  if (closed) {
    const m = await db.query<{ item: string; points: number; reason: string; rule_set_version: string }>(
      'select item, points, reason, rule_set_version from assessment_period_lines where period = $1 and party_kind = $2 and party_id = $3 order by item',
      [period, kind, id],
    );
    monthly = m.rows.map((x) => ({ item: x.item, points: x.points, reason: x.reason, ruleSetVersion: x.rule_set_version }));
  } else {
    const rs = await periodRuleSet(db, period);
    monthly = (await feedbackLines(db, rs.document, window)).filter((l) => l.party.kind === kind && l.party.id === id)
      .map((l) => ({ item: l.item, points: l.points, reason: l.reason, ruleSetVersion: rs.version }));
  }
  return { cases: [...cases.values()], monthly };
}
