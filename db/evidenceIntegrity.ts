import type { Queryable } from './pool';
import { isNullVersion, NULL_VERSION, type EvidenceIntegrity, type IntegrityOutcome } from '../domain/evidenceIntegrity';

// Write-once evidence (migration 053): the pinned object version of each confirmed upload, every re-verification of
// it, and the latest state per item that the case's evidence shows.

/** What a re-verification needs of a confirmed upload. */
export interface IntegrityTarget {
  evidenceId: string;
  caseId: string;
  kind: string;
  objectKey: string;
  sha256: string;
  sizeBytes: number;
  versionId: string | null;
}

interface TargetRow { id: string; case_id: string; kind: string; object_key: string; sha256: string; size_bytes: number; version_id: string | null }
const toTarget = (r: TargetRow): IntegrityTarget => ({
  evidenceId: r.id, caseId: r.case_id, kind: r.kind, objectKey: r.object_key, sha256: r.sha256, sizeBytes: Number(r.size_bytes), versionId: r.version_id,
});
const COLUMNS = 'u.id, u.case_id, u.kind, u.object_key, u.sha256, u.size_bytes, u.version_id';

/**
 * Pins the object version a confirm (or the sweep, for a not-pinned item whose first bytes are the confirmed ones)
 * checked. Once pinned, a version is never silently replaced: only `replace` (verify:evidence --repin, after a
 * restore or a move to another bucket gave the objects new version ids) does.
 */
export async function pinEvidenceVersion(db: Queryable, evidenceId: string, versionId: string | null, replace = false): Promise<void> {
  // a store without versioning names no version: what was read is the one S3 calls "null" (GET ?versionId=null)
  if (isNullVersion(versionId)) versionId = NULL_VERSION;
  await db.query(`update evidence_uploads set version_id = $2 where id = $1 and status = 'confirmed' and ${replace ? 'true' : 'version_id is null'}`, [evidenceId, versionId]);
}

/** The next sample of the daily sweep: never-checked confirmed items first (oldest confirmation first), then the least recently checked. */
export async function integritySample(db: Queryable, limit: number): Promise<IntegrityTarget[]> {
  if (limit <= 0) return [];
  const r = await db.query<TargetRow & { last_checked: Date | null }>(
    `select * from (
       (select ${COLUMNS}, null::timestamptz as last_checked, u.confirmed_at as since
          from evidence_uploads u
         where u.status = 'confirmed' and not exists (select 1 from evidence_integrity i where i.evidence_id = u.id)
         order by u.confirmed_at, u.id limit $1)
       union all
       (select ${COLUMNS}, i.checked_at as last_checked, i.checked_at as since
          from evidence_integrity i join evidence_uploads u on u.id = i.evidence_id
         where u.status = 'confirmed'
         order by i.checked_at, i.evidence_id limit $1)
     ) s order by last_checked nulls first, since, id limit $1`,
    [limit],
  );
  return r.rows.map(toTarget);
}

/** One page of all confirmed items (of one case, or all), in id order: `--all` walks them with the last id seen. */
export async function confirmedEvidencePage(db: Queryable, f: { caseId: string | null; afterId: string | null; limit: number }): Promise<IntegrityTarget[]> {
  const r = await db.query<TargetRow>(
    `select ${COLUMNS} from evidence_uploads u
      where u.status = 'confirmed' and ($1::uuid is null or u.case_id = $1) and ($2::uuid is null or u.id > $2)
      order by u.id limit $3`,
    [f.caseId, f.afterId, f.limit],
  );
  return r.rows.map(toTarget);
}

export async function countConfirmedEvidence(db: Queryable, caseId: string | null): Promise<number> {
  const r = await db.query<{ n: number }>("select count(*)::int as n from evidence_uploads where status = 'confirmed' and ($1::uuid is null or case_id = $1)", [caseId]);
  return r.rows[0].n;
}

export interface IntegrityCheckRecord {
  evidenceId: string;
  caseId: string;
  outcome: IntegrityOutcome;
  versionId: string | null;
  sha256: string | null;
  sizeBytes: number | null;
  detail: Record<string, string | number | null>;
  runId: string;
  checkedAt: string;
}

/** Appends the check and moves the item's state to it (one statement: both or neither). The first failure stays flagged. */
export async function recordIntegrityCheck(db: Queryable, c: IntegrityCheckRecord): Promise<void> {
  await db.query(
    `with logged as (
       insert into evidence_integrity_checks (evidence_id, case_id, checked_at, outcome, version_id, sha256, size_bytes, detail, run_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning 1)
     insert into evidence_integrity (evidence_id, case_id, status, checked_at, flagged_at, flagged_status)
     select $1, $2, $4, $3, case when $4 <> 'ok' then $3::timestamptz end, case when $4 <> 'ok' then $4 end from logged
     on conflict (evidence_id) do update set
       status = excluded.status, checked_at = excluded.checked_at,
       flagged_at = coalesce(evidence_integrity.flagged_at, excluded.flagged_at),
       flagged_status = coalesce(evidence_integrity.flagged_status, excluded.flagged_status)`,
    [c.evidenceId, c.caseId, c.checkedAt, c.outcome, c.versionId, c.sha256, c.sizeBytes, JSON.stringify(c.detail), c.runId],
  );
}

/** The integrity state of a case's evidence items, by evidence id (items never re-verified are absent). */
export async function caseEvidenceIntegrity(db: Queryable, caseId: string): Promise<Map<string, EvidenceIntegrity>> {
  const r = await db.query<{ evidence_id: string; status: IntegrityOutcome; checked_at: Date; flagged_at: Date | null }>(
    'select evidence_id, status, checked_at, flagged_at from evidence_integrity where case_id = $1',
    [caseId],
  );
  return new Map(r.rows.map((x) => [x.evidence_id, { status: x.status, checkedAt: x.checked_at.toISOString(), flaggedAt: x.flagged_at?.toISOString() ?? null }]));
}

/** What an integrity alert names and whom it goes to: the case, its customer, and the city its org unit lies in. */
export async function integrityAlertContext(db: Queryable, caseId: string): Promise<{ caseNo: string; customerName: string; cityId: string } | null> {
  const r = await db.query<{ case_no: string; customer_name: string; org_unit_id: string; city_id: string | null }>(
    `with recursive up as (
       select o.id, o.parent_id, o.level, 0 as depth from cases c join org_units o on o.id = c.org_unit_id where c.id = $1
       union all
       select o.id, o.parent_id, o.level, up.depth + 1 from org_units o join up on o.id = up.parent_id)
     select c.case_no, c.customer_name, c.org_unit_id, (select id from up where level = 'city' order by depth limit 1) as city_id
       from cases c where c.id = $1`,
    [caseId],
  );
  const row = r.rows[0];
  // A case filed above city level (a province unit) alerts the supervisors of its own unit.
  return row ? { caseNo: row.case_no, customerName: row.customer_name, cityId: row.city_id ?? row.org_unit_id } : null;
}
