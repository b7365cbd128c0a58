import crypto from 'node:crypto';
import type pg from 'pg';
import type { ZodType } from 'zod';
import { uuidFromKey } from '../../domain/caseIds';
import { caseEventHashInput, GENESIS_HASH } from '../../domain/caseEvents';
import { chinaDate } from '../../domain/calendar';
import { scoreFacts } from '../../domain/assessmentRules';
import { LegacyCaseRow, legacyCaseEvents, legacyDayTime, legacyFinalStage, legacyScoringFacts } from '../../domain/legacyCases';
import { orgWithin } from '../../domain/roles';
import type { Lang } from '../../domain/text';
import { sha256Hex } from '../caseLog';
import { withTransaction, type Queryable } from '../pool';
import { ruleSetInForceOn } from '../ruleSets';
import { sumPoints } from '../assessmentScores';
import { checkCustomerRefs } from './importKinds';
import { RowValidator, type RowFeed } from './importRows';
import { RejectionLog, rejectionFields, type OmittedRejections, type RowRejection } from '../../domain/importReport';

export interface LegacyDuplicate {
  line: number;
  sourceCaseNo: string;
  reason: string;
  code: 'import.duplicate.in-file' | 'import.duplicate.imported-before';
  params: Record<string, string | number>;
  /** The case the number was imported as (null: an earlier line of this file was rejected). */
  caseId: string | null;
}

export interface LegacyImportReport {
  importId: string;
  kind: 'legacy-cases';
  rows: number;
  imported: { line: number; sourceCaseNo: string; caseId: string }[];
  duplicates: LegacyDuplicate[];
  /** The first rejected rows in full; all counted in rejectedRows, the ones left out in rejectedOmitted (domain/importReport.ts). */
  rejected: RowRejection[];
  rejectedRows: number;
  rejectedOmitted: OmittedRejections;
  /** Imported cases closed before any published assessment rule set: in the dashboard, not in rankings. */
  unscored: number;
}

/** An imported case's id: the same source case number always gives the same case. */
export const legacyCaseId = (sourceCaseNo: string) => uuidFromKey('legacy-case', sourceCaseNo);

const CHUNK = 1000;

type AssessmentRuleSet = NonNullable<Awaited<ReturnType<typeof ruleSetInForceOn<'assessment'>>>>;

/**
 * The assessment rule set in force on each day (null before the first). Rule sets change rarely: when the same
 * version is in force on the first and the last of a run of days, none took effect in between (that one would be in
 * force on the last day), so a whole history needs a few look-ups, not one per day.
 */
async function ruleSetsOnDays(db: Queryable, days: string[]): Promise<Map<string, AssessmentRuleSet | null>> {
  const sorted = [...new Set(days)].sort();
  const out = new Map<string, AssessmentRuleSet | null>();
  const at = async (day: string) => {
    if (!out.has(day)) out.set(day, await ruleSetInForceOn(db, 'assessment', day));
    return out.get(day)!;
  };
  const fill = async (lo: number, hi: number): Promise<void> => {
    const [a, b] = [await at(sorted[lo]), await at(sorted[hi])];
    if (hi - lo <= 1) return;
    if (a?.version === b?.version) {
      for (let i = lo + 1; i < hi; i += 1) out.set(sorted[i], a);
      return;
    }
    const mid = Math.floor((lo + hi) / 2);
    await fill(lo, mid);
    await fill(mid, hi);
  };
  if (sorted.length) await fill(0, sorted.length - 1);
  return out;
}

interface Accepted { line: number; row: LegacyCaseRow }

/** The inspector a row names (user name or display name) among our personnel inside `orgUnit`; one match only. */
async function resolveInspectors(db: Queryable, rows: Accepted[], orgUnit: string): Promise<Map<string, string | null>> {
  const names = [...new Set(rows.map((r) => r.row.inspector).filter((x): x is string => !!x))];
  const r = await db.query<{ username: string; display_name: string; org_unit_id: string }>(
    'select username, display_name, org_unit_id from personnel where username = any($1) or display_name = any($1)', [names],
  );
  const out = new Map<string, string | null>();
  for (const n of names) {
    const byName = r.rows.filter((p) => p.username === n);
    const matches = (byName.length ? byName : r.rows.filter((p) => p.display_name === n)).filter((p) => orgWithin(p.org_unit_id, orgUnit));
    out.set(n, matches.length === 1 ? matches[0].username : null);
  }
  return out;
}

/**
 * Imports a pilot system's closed cases (历史工单导入): each valid row becomes an archived case without a workflow —
 * the read-model row (cases.imported), its stages as hash-chained case events, its assessment facts and score lines
 * under the rule set in force when it closed, and its facts in the dashboard's aggregate — all in one transaction.
 * The source case number is the key: a number imported before, or repeated in the file, is a duplicate and changes
 * nothing. Rows about customers outside the importer's org unit, unknown inspectors, days in the future are rejected.
 */
export async function importLegacyCases(
  pool: pg.Pool, feed: RowFeed, meta: { contentType: string; by: string; orgUnit: string; lang: Lang; now?: Date; reportFullRows?: number },
): Promise<LegacyImportReport> {
  const rejections = new RejectionLog(meta.reportFullRows);
  const duplicates: LegacyImportReport['duplicates'] = [];
  const validator = new RowValidator({ schema: LegacyCaseRow as unknown as ZodType<Record<string, unknown>>, key: ['source_case_no'] }, {
    name: 'legacy-cases', lang: meta.lang, rejections,
    onDuplicate: (line, first, no) => duplicates.push({ line, sourceCaseNo: no, reason: `the same case as line ${first}`, code: 'import.duplicate.in-file', params: { line: first }, caseId: null }),
  });
  const { sha256 } = await feed((r) => validator.take(r));
  const { valid } = validator;
  const report = { importId: crypto.randomUUID(), kind: 'legacy-cases' as const, rows: validator.rows, imported: [] as LegacyImportReport['imported'], duplicates, unscored: 0 };
  const today = chinaDate((meta.now ?? new Date()).getTime());
  const accepted = valid as unknown as Accepted[];
  const [refs, inspectors, stations] = await Promise.all([
    checkCustomerRefs(pool, accepted.map((v) => v.row), meta.orgUnit),
    resolveInspectors(pool, accepted, meta.orgUnit),
    pool.query<{ account_no: string; station_id: string; county_id: string | null }>(
      'select c.account_no, c.station_id, s.parent_id as county_id from customers c join org_units s on s.id = c.station_id where c.account_no = any($1)',
      [accepted.map((v) => v.row.account_no)],
    ).then((r) => new Map(r.rows.map((x) => [x.account_no, x]))),
  ]);
  const ok = accepted.filter((v, i) => {
    const bad: [string, string] | null = refs[i]
      ?? (v.row.closed_on > today ? ['closed_on', 'must not be in the future'] : null)
      ?? (v.row.inspector && !inspectors.get(v.row.inspector) ? ['inspector', `no single person of your org unit ${meta.orgUnit} has this user name or display name`] : null);
    if (bad) rejections.add({ line: v.line, errors: [{ field: bad[0], message: bad[1] }] });
    return !bad;
  });
  const known = new Map((await pool.query<{ source_case_no: string; case_id: string }>(
    'select source_case_no, case_id from legacy_cases where source_case_no = any($1)', [ok.map((v) => v.row.source_case_no)],
  )).rows.map((x) => [x.source_case_no, x.case_id]));
  const fresh = ok.filter((v) => {
    const caseId = known.get(v.row.source_case_no);
    if (caseId) report.duplicates.push({ line: v.line, sourceCaseNo: v.row.source_case_no, reason: 'this case was imported before', code: 'import.duplicate.imported-before', params: {}, caseId });
    return !caseId;
  });

  return withTransaction(pool, async (db) => {
    const ruleSets = await ruleSetsOnDays(db, fresh.map((v) => v.row.closed_on));
    for (let i = 0; i < fresh.length; i += CHUNK) {
      // Each case's log (hash-chained from the genesis), facts and score lines, computed before anything is written.
      const chunk = fresh.slice(i, i + CHUNK).map((v) => {
        const place = stations.get(v.row.account_no)!;
        const caseId = legacyCaseId(v.row.source_case_no);
        const inspector = v.row.inspector ? inspectors.get(v.row.inspector)! : null;
        const facts = legacyScoringFacts(caseId, v.row, { inspector, stationId: place.station_id, countyId: place.county_id ?? place.station_id });
        const rs = ruleSets.get(v.row.closed_on) ?? null;
        const lines = rs ? scoreFacts(rs.document, { ...facts, confirmationOverturned: false }) : null;
        const log = legacyCaseEvents(caseId, v.row, inspector);
        // scored just before closing, as the workflow does
        if (rs && lines) log.splice(log.length - 1, 0, { caseId, type: 'scored', stage: 'assessment', actor: null, occurredAt: facts.closedAt, payload: { ruleSetVersion: rs.version, lines, total: sumPoints(lines) } });
        let prevHash = GENESIS_HASH;
        const events = log.map((e, n) => {
          const event = { ...e, seq: n + 1 };
          const hash = sha256Hex(caseEventHashInput(prevHash, event));
          const row = { case_id: caseId, seq: event.seq, type: e.type, stage: e.stage, actor: e.actor, payload: e.payload, occurred_at: e.occurredAt, prev_hash: prevHash, hash };
          prevHash = hash;
          return row;
        });
        return { ...v, caseId, inspector, facts, rs, lines, events };
      });
      // A concurrent import of the same cases waits on these rows, then finds them: only the cases inserted here go on.
      const inserted = new Set((await db.query<{ id: string }>(
        `insert into cases (id, case_no, workflow_id, customer_account_no, customer_name, org_unit_id, customer_station_id, origin, stage, priority, note,
                            created_by, created_at, updated_at, last_event_seq, problem_type, verification_rounds, score_total, closed_at, imported)
         select x.id, 'JC-' || left(x.opened_on, 4) || '-' || lpad(nextval('case_no_seq')::text, 6, '0'), 'legacy:' || x.source_case_no,
                cu.account_no, cu.name, cu.station_id, cu.station_id, x.origin, x.stage, 'normal', x.note, $2, x.created_at, x.closed_at, x.last_event_seq,
                x.problem_type, x.verification_rounds, x.score_total, x.closed_at, true
           from jsonb_to_recordset($1::jsonb) as x(id uuid, source_case_no text, opened_on text, origin text, stage text, note text, created_at timestamptz,
                                                    closed_at timestamptz, last_event_seq int, problem_type text, verification_rounds int, score_total numeric, account_no text)
           join customers cu on cu.account_no = x.account_no
         on conflict (id) do nothing returning id`,
        [JSON.stringify(chunk.map((c) => ({
          id: c.caseId, source_case_no: c.row.source_case_no, opened_on: c.row.opened_on, origin: c.row.origin, stage: legacyFinalStage(c.row),
          note: c.row.description ?? null, created_at: legacyDayTime(c.row.opened_on), closed_at: c.facts.closedAt, last_event_seq: c.events.length,
          problem_type: c.row.problem_type ?? null, verification_rounds: c.facts.verificationRounds, score_total: c.lines ? sumPoints(c.lines) : null, account_no: c.row.account_no,
        }))), meta.by],
      )).rows.map((x) => x.id));
      const mine = chunk.filter((c) => {
        if (!inserted.has(c.caseId)) report.duplicates.push({ line: c.line, sourceCaseNo: c.row.source_case_no, reason: 'this case was imported before', code: 'import.duplicate.imported-before', params: {}, caseId: c.caseId });
        return inserted.has(c.caseId);
      });
      if (!mine.length) continue;
      for (const c of mine) {
        report.imported.push({ line: c.line, sourceCaseNo: c.row.source_case_no, caseId: c.caseId });
        if (!c.rs) report.unscored += 1;
      }
      const scored = mine.filter((c) => c.rs && c.lines);
      await db.query(
        `insert into case_events (case_id, seq, type, stage, actor, payload, occurred_at, prev_hash, hash)
         select case_id, seq, type, stage, actor, payload, occurred_at, prev_hash, hash
           from jsonb_to_recordset($1::jsonb) as x(case_id uuid, seq int, type text, stage text, actor text, payload jsonb, occurred_at timestamptz, prev_hash text, hash text)`,
        [JSON.stringify(mine.flatMap((c) => c.events))],
      );
      await db.query(
        `insert into case_scoring_facts (case_id, closed_at, origin, outcome, inspector, station_id, county_id, field_late_days, evidence_complete,
           rectification_late_days, verification_rounds, max_escalation_tier, recovered_yuan, confirmation_overturned, rule_set_version)
         select "caseId", "closedAt", origin, outcome, inspector, "stationId", "countyId", "fieldLateDays", "evidenceComplete", "rectificationLateDays",
                "verificationRounds", "maxEscalationTier", "recoveredYuan", false, rule_set_version
           from jsonb_to_recordset($1::jsonb) as x("caseId" uuid, "closedAt" timestamptz, origin text, outcome text, inspector text, "stationId" text, "countyId" text,
                "fieldLateDays" int, "evidenceComplete" boolean, "rectificationLateDays" int, "verificationRounds" int, "maxEscalationTier" int, "recoveredYuan" numeric,
                rule_set_version text)`,
        [JSON.stringify(scored.map((c) => ({ ...c.facts, rule_set_version: c.rs!.version })))],
      );
      await db.query(
        `insert into case_score_lines (case_id, line_no, rule_set_version, party_kind, party_id, item, points, reason, scored_at)
         select case_id, line_no, rule_set_version, party_kind, party_id, item, points, reason, scored_at
           from jsonb_to_recordset($1::jsonb) as x(case_id uuid, line_no int, rule_set_version text, party_kind text, party_id text, item text, points numeric, reason text, scored_at timestamptz)`,
        [JSON.stringify(scored.flatMap((c) => c.lines!.map((l, n) => ({
          case_id: c.caseId, line_no: n + 1, rule_set_version: c.rs!.version, party_kind: l.party.kind, party_id: l.party.id, item: l.item, points: l.points, reason: l.reason, scored_at: c.facts.closedAt,
        }))))],
      );
      await db.query(
        `insert into legacy_cases (source_case_no, case_id, import_id, outcome, inspector, source_score, source_row, imported_by)
         select source_case_no, case_id, $2, outcome, inspector, source_score, source_row, $3
           from jsonb_to_recordset($1::jsonb) as x(source_case_no text, case_id uuid, outcome text, inspector text, source_score numeric, source_row jsonb)`,
        [JSON.stringify(mine.map((c) => ({ source_case_no: c.row.source_case_no, case_id: c.caseId, outcome: c.row.outcome, inspector: c.inspector, source_score: c.row.source_score ?? null, source_row: c.row }))), report.importId, meta.by],
      );
      await db.query('select case_stats_add_cases($1::uuid[])', [mine.map((c) => c.caseId)]);
    }
    report.duplicates.sort((a, b) => a.line - b.line);
    for (const d of report.duplicates) d.caseId ??= report.imported.find((x) => x.sourceCaseNo === d.sourceCaseNo)?.caseId ?? known.get(d.sourceCaseNo) ?? null;
    report.imported.sort((a, b) => a.line - b.line);
    const done: LegacyImportReport = { ...report, ...rejectionFields(rejections) };
    await db.query(
      `insert into import_batches (id, kind, content_sha256, content_type, row_count, accepted, rejected, report, imported_by, org_unit_id)
       values ($1, 'legacy-cases', $2, $3, $4, $5, $6, $7, $8, $9)`,
      [done.importId, sha256, meta.contentType, done.rows, done.imported.length + done.duplicates.length,
        done.rejectedRows, JSON.stringify(done), meta.by, meta.orgUnit],
    );
    return done;
  });
}
