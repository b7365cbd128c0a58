import type { Queryable } from './pool';
import { PenaltyRules } from '../domain/penalty';

/** A penalty rule set as the back office sees it: drafts are edited in place, published versions never change. */
export interface PenaltyRuleSetRecord {
  version: string;
  source: string;
  effectiveFrom: string;
  status: 'draft' | 'published';
  rules: PenaltyRules;
  publishedAt: string | null;
  createdAt: string;
}

interface Row { version: string; source: string; effective_from: string; status: 'draft' | 'published'; rules: unknown; published_at: Date | null; created_at: Date }

// effective_from as text: a `date` column parsed into a JS Date would shift with the server's time zone.
const COLUMNS = 'version, source, effective_from::text as effective_from, status, rules, published_at, created_at';

const toRecord = (r: Row): PenaltyRuleSetRecord => ({
  version: r.version, source: r.source, effectiveFrom: r.effective_from, status: r.status, rules: PenaltyRules.parse(r.rules),
  publishedAt: r.published_at?.toISOString() ?? null, createdAt: r.created_at.toISOString(),
});

export interface PenaltyDraft {
  version: string;
  source: string;
  effectiveFrom: string;
  rules: PenaltyRules;
}

export async function listPenaltyRuleSets(db: Queryable): Promise<PenaltyRuleSetRecord[]> {
  const r = await db.query<Row>(`select ${COLUMNS} from penalty_rule_sets order by effective_from desc, created_at desc, version`);
  return r.rows.map(toRecord);
}

export async function getPenaltyRuleSet(db: Queryable, version: string): Promise<PenaltyRuleSetRecord | null> {
  const r = await db.query<Row>(`select ${COLUMNS} from penalty_rule_sets where version = $1`, [version]);
  return r.rows[0] ? toRecord(r.rows[0]) : null;
}

/** The published version in force on a China calendar date (what a penalty computed for a problem found that day uses). */
export async function penaltyVersionInForce(db: Queryable, date: string): Promise<string | null> {
  const r = await db.query<{ version: string }>(
    "select version from penalty_rule_sets where status = 'published' and effective_from <= $1 order by effective_from desc limit 1",
    [date],
  );
  return r.rows[0]?.version ?? null;
}

/** Stores a new draft; null when the version exists already (versions are never overwritten). */
export async function insertPenaltyDraft(db: Queryable, d: PenaltyDraft): Promise<PenaltyRuleSetRecord | null> {
  const r = await db.query<Row>(
    `insert into penalty_rule_sets (version, source, effective_from, status, rules) values ($1, $2, $3, 'draft', $4)
     on conflict (version) do nothing returning ${COLUMNS}`,
    [d.version, d.source, d.effectiveFrom, JSON.stringify(d.rules)],
  );
  return r.rows[0] ? toRecord(r.rows[0]) : null;
}

/** Rewrites a draft; null when there is no such draft (absent or already published). */
export async function updatePenaltyDraft(db: Queryable, d: PenaltyDraft): Promise<PenaltyRuleSetRecord | null> {
  const r = await db.query<Row>(
    `update penalty_rule_sets set source = $2, effective_from = $3, rules = $4 where version = $1 and status = 'draft' returning ${COLUMNS}`,
    [d.version, d.source, d.effectiveFrom, JSON.stringify(d.rules)],
  );
  return r.rows[0] ? toRecord(r.rows[0]) : null;
}

/**
 * Publishes a draft from `effectiveFrom` on; null when there is no such draft. Serialised on the table so two
 * publications cannot both claim one effective date (the rule in force on a date must be unambiguous).
 */
export async function publishPenaltyDraft(db: Queryable, version: string, effectiveFrom: string): Promise<{ record: PenaltyRuleSetRecord } | { clash: string } | null> {
  await db.query('lock table penalty_rule_sets in share row exclusive mode');
  const clash = await db.query<{ version: string }>(
    "select version from penalty_rule_sets where status = 'published' and effective_from = $1 and version <> $2",
    [effectiveFrom, version],
  );
  if (clash.rows[0]) return { clash: clash.rows[0].version };
  const r = await db.query<Row>(
    `update penalty_rule_sets set status = 'published', effective_from = $2, published_at = clock_timestamp()
      where version = $1 and status = 'draft' returning ${COLUMNS}`,
    [version, effectiveFrom],
  );
  return r.rows[0] ? { record: toRecord(r.rows[0]) } : null;
}
