import type pg from 'pg';
import type { Queryable } from './pool';
import { RULE_SET_KINDS, type RuleSetDocument, type RuleSetKind } from './ruleSetKinds';

export type RuleSetStatus = 'draft' | 'published';

/** One version of a rule set of any kind, as every lifecycle call returns it. */
export interface RuleSetRecord<Doc> {
  version: string;
  status: RuleSetStatus;
  /** China-calendar day (YYYY-MM-DD) a published version is in force from; a draft's proposed day where its kind keeps one, else null. */
  effectiveFrom: string | null;
  /** Null for versions written before migration 048 by a kind that did not record it. */
  createdBy: string | null;
  createdAt: string;
  updatedBy: string | null;
  updatedAt: string;
  publishedBy: string | null;
  publishedAt: string | null;
  document: Doc;
}

interface Row {
  version: string; status: RuleSetStatus; effective_day: string | null; created_by: string | null; created_at: Date; updated_by: string | null;
  updated_at: Date; published_by: string | null; published_at: Date | null; [documentColumn: string]: unknown;
}

/** SQL pieces of one kind; every name comes from RULE_SET_KINDS, never from a caller. */
function sqlOf(kind: RuleSetKind) {
  const s = RULE_SET_KINDS[kind];
  if (!s) throw new Error(`unknown rule-set kind ${String(kind)}`);
  const instant = s.effective === 'instant';
  // The China-calendar day a version takes effect, and a day parameter as the column's value. The day goes out as
  // text: a `date` parsed into a JS Date would shift with the server's time zone.
  const day = instant ? "(effective_from at time zone 'Asia/Shanghai')::date" : 'effective_from';
  const fromDay = (p: string) => (instant ? `(${p}::date)::timestamp at time zone 'Asia/Shanghai'` : `${p}::date`);
  const columns = `version, status, (${day})::text as effective_day, created_by, created_at, coalesce(updated_by, created_by) as updated_by,
    coalesce(updated_at, created_at) as updated_at, published_by, published_at, ${s.documentColumns.join(', ')}`;
  const toRecord = <K extends RuleSetKind>(r: Row): RuleSetRecord<RuleSetDocument<K>> => ({
    version: r.version, status: r.status, effectiveFrom: r.effective_day, createdBy: r.created_by, createdAt: r.created_at.toISOString(),
    updatedBy: r.updated_by, updatedAt: r.updated_at.toISOString(), publishedBy: r.published_by, publishedAt: r.published_at?.toISOString() ?? null,
    document: s.schema.parse(s.fromColumns(r)) as RuleSetDocument<K>,
  });
  return { s, table: s.table, day, fromDay, columns, toRecord };
}

/** `$n` placeholders from `first` on. */
const params = (first: number, n: number) => Array.from({ length: n }, (_, i) => `$${first + i}`);

/** Drafts first, then published versions by effective day, newest first. */
export async function listRuleSets<K extends RuleSetKind>(db: Queryable, kind: K): Promise<RuleSetRecord<RuleSetDocument<K>>[]> {
  const q = sqlOf(kind);
  const r = await db.query<Row>(`select ${q.columns} from ${q.table} order by (status = 'draft') desc, effective_from desc nulls first, created_at desc, version`);
  return r.rows.map((row) => q.toRecord<K>(row));
}

export async function getRuleSet<K extends RuleSetKind>(db: Queryable, kind: K, version: string): Promise<RuleSetRecord<RuleSetDocument<K>> | null> {
  const q = sqlOf(kind);
  const r = await db.query<Row>(`select ${q.columns} from ${q.table} where version = $1`, [version]);
  return r.rows[0] ? q.toRecord<K>(r.rows[0]) : null;
}

/**
 * The version in force on a China-calendar day: the published one with the latest effective day at or before it.
 * Versions published on one day before migration 048 made effective days unique are told apart by publication.
 */
export async function ruleSetInForceOn<K extends RuleSetKind>(db: Queryable, kind: K, day: string): Promise<RuleSetRecord<RuleSetDocument<K>> | null> {
  const q = sqlOf(kind);
  const r = await db.query<Row>(
    `select ${q.columns} from ${q.table} where status = 'published' and ${q.day} <= $1::date
      order by effective_from desc, published_at desc, version desc limit 1`,
    [day],
  );
  return r.rows[0] ? q.toRecord<K>(r.rows[0]) : null;
}

export interface DraftInput<Doc> {
  document: Doc;
  /** Kept only by kinds that propose a date with the draft (penalty). */
  proposedFrom?: string | null;
}

/** Stores a new draft; null when the version exists already (a version is never overwritten). */
export async function insertDraft<K extends RuleSetKind>(
  db: Queryable, kind: K, version: string, d: DraftInput<RuleSetDocument<K>>, by: string,
): Promise<RuleSetRecord<RuleSetDocument<K>> | null> {
  const q = sqlOf(kind);
  const doc = q.s.toColumns(d.document as never);
  const r = await db.query<Row>(
    `insert into ${q.table} (version, status, effective_from, created_by, updated_by, updated_at, ${q.s.documentColumns.join(', ')})
     values ($1, 'draft', ${q.fromDay('$2')}, $3, $3, now(), ${params(4, doc.length).join(', ')})
     on conflict (version) do nothing returning ${q.columns}`,
    [version, q.s.proposesDate ? d.proposedFrom : null, by, ...doc],
  );
  return r.rows[0] ? q.toRecord<K>(r.rows[0]) : null;
}

/** Replaces a draft's document (and proposed day); null when there is no draft of that version (absent or published). */
export async function updateDraft<K extends RuleSetKind>(
  db: Queryable, kind: K, version: string, d: DraftInput<RuleSetDocument<K>>, by: string,
): Promise<RuleSetRecord<RuleSetDocument<K>> | null> {
  const q = sqlOf(kind);
  const doc = q.s.toColumns(d.document as never);
  const set = q.s.documentColumns.map((c, i) => `${c} = $${3 + i}`);
  const proposed = q.s.proposesDate ? [`effective_from = ${q.fromDay(`$${3 + doc.length}`)}`] : [];
  const r = await db.query<Row>(
    `update ${q.table} set ${[...set, ...proposed, 'updated_by = $2', 'updated_at = clock_timestamp()'].join(', ')}
      where version = $1 and status = 'draft' returning ${q.columns}`,
    [version, by, ...doc, ...(q.s.proposesDate ? [d.proposedFrom] : [])],
  );
  return r.rows[0] ? q.toRecord<K>(r.rows[0]) : null;
}

export type PublishResult<Doc> = { published: RuleSetRecord<Doc> } | { missing: true } | { alreadyPublished: true } | { dayTakenBy: string };

/**
 * Publishes a draft from a China-calendar day on. Must run in a transaction: the table lock serialises publications,
 * so two of them cannot both claim one day (the version in force on a day must be unambiguous).
 */
export async function publishDraft<K extends RuleSetKind>(
  tx: pg.PoolClient, kind: K, version: string, day: string, by: string,
): Promise<PublishResult<RuleSetDocument<K>>> {
  const q = sqlOf(kind);
  await tx.query(`lock table ${q.table} in share row exclusive mode`);
  const current = await tx.query<{ status: RuleSetStatus }>(`select status from ${q.table} where version = $1`, [version]);
  if (!current.rows[0]) return { missing: true };
  if (current.rows[0].status === 'published') return { alreadyPublished: true };
  const clash = await tx.query<{ version: string }>(
    `select version from ${q.table} where status = 'published' and ${q.day} = $1::date and version <> $2 limit 1`,
    [day, version],
  );
  if (clash.rows[0]) return { dayTakenBy: clash.rows[0].version };
  const r = await tx.query<Row>(
    `update ${q.table} set status = 'published', effective_from = ${q.fromDay('$2')}, published_at = clock_timestamp(), published_by = $3
      where version = $1 and status = 'draft' returning ${q.columns}`,
    [version, day, by],
  );
  return { published: q.toRecord<K>(r.rows[0]) };
}

/** Seeds a published version once (reference data); nothing happens when the version exists. */
export async function seedPublished<K extends RuleSetKind>(db: Queryable, kind: K, version: string, document: RuleSetDocument<K>, day: string): Promise<void> {
  const q = sqlOf(kind);
  const doc = q.s.toColumns(document as never);
  await db.query(
    `insert into ${q.table} (version, status, effective_from, created_by, updated_by, published_by, published_at, ${q.s.documentColumns.join(', ')})
     values ($1, 'published', ${q.fromDay('$2')}, 'system', 'system', 'system', ($2::date)::timestamp at time zone 'Asia/Shanghai', ${params(3, doc.length).join(', ')})
     on conflict (version) do nothing`,
    [version, day, ...doc],
  );
}

/** Removes a draft; false when there is no draft of that version (absent or published: a published version stays). */
export async function deleteDraft(db: Queryable, kind: RuleSetKind, version: string): Promise<boolean> {
  const q = sqlOf(kind);
  const r = await db.query(`delete from ${q.table} where version = $1 and status = 'draft'`, [version]);
  return (r.rowCount ?? 0) > 0;
}
