import type pg from 'pg';
import { withTransaction, type Queryable } from './pool';
import type { PresenceReason } from '../domain/presenceReasons';

// Evidence forensics (migration 051): what the confirm step found in the stored bytes, and the searches for copies.
//
// Copies are ordered by when their forensics first ran (forensics_at, then id): of two uploads with the same bytes the
// later one is the copy, whichever of them is confirmed first, and a retried confirm keeps its place — so an upload
// never flags itself, and the original is not flagged because of its copy. Uploads confirmed before forensics existed
// (forensics_at null) come before all others.

export interface StoredForensics {
  detectedType: string | null;
  /** 64 characters '0'/'1' (bit(64) as text), photos only. */
  phash: string | null;
  exif: { takenAt: string | null; lat: number | null; lon: number | null; make: string | null; model: string | null } | null;
  reasons: PresenceReason[];
  /** When the forensics first ran. */
  at: string;
}

/** The forensics columns of an evidence_uploads row (select *), or null when the upload was never checked. */
export function forensicsOfRow(r: Record<string, unknown>): StoredForensics | null {
  if (!(r.forensics_at instanceof Date)) return null;
  const exif = {
    takenAt: r.exif_taken_at instanceof Date ? r.exif_taken_at.toISOString() : null,
    lat: (r.exif_lat as number | null) ?? null,
    lon: (r.exif_lon as number | null) ?? null,
    make: (r.exif_make as string | null) ?? null,
    model: (r.exif_model as string | null) ?? null,
  };
  return {
    detectedType: (r.detected_type as string | null) ?? null,
    phash: (r.phash as string | null) ?? null,
    exif: Object.values(exif).some((v) => v !== null) ? exif : null,
    reasons: (r.forensic_reasons as PresenceReason[] | null) ?? [],
    at: r.forensics_at.toISOString(),
  };
}

// Advisory-lock class of the copy search (two-int form: a space of its own, apart from the migrator's bigint lock).
const COPY_LOCK_CLASS = 4_712_051;

/**
 * Runs `fn` in a transaction holding a lock on the bytes' SHA-256: two confirms of the same bytes (on one case or two)
 * search and record one after the other, so neither misses the other. Confirms of different bytes do not wait.
 */
export async function withCopyLock<T>(pool: pg.Pool, sha256: string, fn: (db: pg.PoolClient) => Promise<T>): Promise<T> {
  return withTransaction(pool, async (client) => {
    await client.query('select pg_advisory_xact_lock($1, hashtext($2))', [COPY_LOCK_CLASS, sha256]);
    return fn(client);
  });
}

/**
 * Claims the upload's place among copies: its first examination time, set now unless an earlier confirm set it.
 * Returned as Postgres text, so the comparisons below see the stored microseconds (a JS Date would round them).
 */
export async function claimExaminationTime(db: Queryable, id: string): Promise<{ at: string; iso: string }> {
  const r = await db.query<{ at: string; t: Date }>(
    'update evidence_uploads set forensics_at = coalesce(forensics_at, clock_timestamp()) where id = $1 returning forensics_at::text as at, forensics_at as t',
    [id],
  );
  if (!r.rows[0]) throw new Error(`no evidence upload ${id}`);
  return { at: r.rows[0].at, iso: r.rows[0].t.toISOString() };
}

// Uploads confirmed or being confirmed (examined, not rejected) that come before (at, id).
const EARLIER = `e.status <> 'rejected' and ((e.status = 'confirmed' and e.forensics_at is null) or (e.forensics_at is not null and (e.forensics_at, e.id) < ($2::timestamptz, $1::uuid)))`;

/** Earlier uploads with exactly these bytes: whether one is of the same case, and the first other case's number. */
export async function earlierExactCopies(db: Queryable, u: { id: string; caseId: string; sha256: string; at: string }): Promise<{ sameCase: boolean; otherCaseNo: string | null }> {
  // evidence_uploads_sha256_idx (partial: status <> 'rejected') finds them
  const r = await db.query<{ same_case: boolean; case_no: string }>(
    `select e.case_id = $3 as same_case, c.case_no
       from evidence_uploads e join cases c on c.id = e.case_id
      where e.sha256 = $4 and e.id <> $1 and ${EARLIER}
      order by e.forensics_at nulls first, e.id`,
    [u.id, u.at, u.caseId, u.sha256],
  );
  return { sameCase: r.rows.some((x) => x.same_case), otherCaseNo: r.rows.find((x) => !x.same_case)?.case_no ?? null };
}

/**
 * The nearest earlier photo of another case whose perceptual hash is within `maxDistance` bits of `phash`. Call it
 * inside a transaction (the confirm step holds one for the copy search): it steers that transaction's planner.
 *
 * How it scales: a Hamming distance has no B-tree order, so this reads the hash of every examined photo — a linear
 * scan. evidence_uploads_phash_idx makes the scan narrow: an index-only scan of (forensics_at, id, phash, case_id),
 * ~75–130 bytes a photo, instead of the ~500-byte rows. The planner prices the index-only scan above the sequential
 * one (it reads the index in key order), yet it ran 3–4× faster in every measurement, so the search turns sequential
 * scans off for its transaction. Measured on this development machine (2 cores, heavily loaded by other work,
 * Postgres 15), 1,000,000 photos: index-only scan median ~220 ms (150–330), sequential ~900 ms (630–1070); unloaded
 * earlier, ~130–170 ms against ~260–300 ms; 200,000 photos under the same load 78–107 ms. `npm run bench:forensics
 * -- --rows N` prints it for N. A city (a few hundred thousand photos) costs tens of milliseconds a confirm, about as
 * much as decoding the photo; at a province's tens of millions the next step is
 * multi-index hashing: store the hash's 7 slices of ≤ 10 bits, each B-tree indexed — a copy within 6 bits equals the
 * photo in at least one slice (pigeonhole), so only those candidates need their distance computed.
 */
export async function nearestEarlierPhoto(db: Queryable, u: { id: string; caseId: string; at: string; phash: string; maxDistance: number }): Promise<{ caseNo: string; distance: number } | null> {
  await db.query('set local enable_seqscan = off'); // see above: the index-only scan, whatever the estimate says
  const r = await db.query<{ case_no: string; distance: number }>(NEAREST_EARLIER_PHOTO_SQL, nearestEarlierPhotoParams(u));
  return r.rows[0] ? { caseNo: r.rows[0].case_no, distance: r.rows[0].distance } : null;
}

/** The search's statement and parameters, also for `npm run bench:forensics` to show its plan. */
export const NEAREST_EARLIER_PHOTO_SQL = `
  select c.case_no, n.distance
    from (select e.case_id, bit_count(e.phash # $4::bit(64))::int as distance, e.forensics_at, e.id
            from evidence_uploads e
           where e.phash is not null and e.status <> 'rejected' and e.case_id <> $3
             and (e.forensics_at, e.id) < ($2::timestamptz, $1::uuid)
             and bit_count(e.phash # $4::bit(64)) <= $5
           order by 2, 3, 4
           limit 1) n
    join cases c on c.id = n.case_id`;
export const nearestEarlierPhotoParams = (u: { id: string; caseId: string; at: string; phash: string; maxDistance: number }) => [u.id, u.at, u.caseId, u.phash, u.maxDistance];

/** Records the forensics of an upload (its examination time is kept if a previous confirm set it). */
export async function storeForensics(db: Queryable, id: string, f: Omit<StoredForensics, 'at'>): Promise<void> {
  await db.query(
    `update evidence_uploads
        set detected_type = $2, phash = $3::bit(64), exif_taken_at = $4, exif_lat = $5, exif_lon = $6, exif_make = $7, exif_model = $8,
            forensic_reasons = $9::jsonb, forensics_at = coalesce(forensics_at, clock_timestamp())
      where id = $1`,
    [id, f.detectedType, f.phash, f.exif?.takenAt ?? null, f.exif?.lat ?? null, f.exif?.lon ?? null, f.exif?.make ?? null, f.exif?.model ?? null, JSON.stringify(f.reasons)],
  );
}

/** Where the case's customer is (as the case holds it, else the archive) and the case policy version it started with. */
export async function forensicsCaseContext(db: Queryable, caseId: string): Promise<{ customerLat: number | null; customerLon: number | null; policyVersion: string | null } | null> {
  const r = await db.query<{ lat: number | null; lon: number | null; policy_version: string | null }>(
    `select coalesce((c.snapshot->'customer'->>'lat')::float8, cu.lat) as lat, coalesce((c.snapshot->'customer'->>'lon')::float8, cu.lon) as lon,
            c.snapshot->>'policyVersion' as policy_version
       from cases c left join customers cu on cu.account_no = c.customer_account_no
      where c.id = $1`,
    [caseId],
  );
  const row = r.rows[0];
  return row ? { customerLat: row.lat, customerLon: row.lon, policyVersion: row.policy_version } : null;
}
