import type { Queryable } from './pool';
import { JudgementRuleSet } from '../domain/judgementRules';
import { DEFAULT_JUDGEMENT_RULE_SET } from '../domain/defaultJudgementRules';

export interface RuleSetRecord {
  version: string;
  status: 'draft' | 'published';
  createdBy: string;
  createdAt: string;
  publishedAt: string | null;
  /** China-calendar date from which a published version is in force; null for a draft. */
  effectiveFrom: string | null;
  document: JudgementRuleSet;
}

interface Row { version: string; status: 'draft' | 'published'; created_by: string; created_at: Date; published_at: Date | null; effective_from: string | null; document: unknown }

// effective_from as text: a `date` parsed into a JS Date would shift with the server's time zone.
const COLUMNS = 'version, status, created_by, created_at, published_at, effective_from::text as effective_from, document';

const toRecord = (r: Row): RuleSetRecord => ({
  version: r.version, status: r.status, createdBy: r.created_by, createdAt: r.created_at.toISOString(),
  publishedAt: r.published_at?.toISOString() ?? null, effectiveFrom: r.effective_from, document: JudgementRuleSet.parse(r.document),
});

// In force: the published version with the latest effective date reached on the China calendar; of two taking
// effect the same day, the one published last.
const ACTIVE = `select version, document from judgement_rule_sets
  where status = 'published' and effective_from <= (now() at time zone 'Asia/Shanghai')::date
  order by effective_from desc, published_at desc, version desc limit 1`;

/** The rule set in force today. */
export async function activeRuleSet(db: Queryable): Promise<JudgementRuleSet | null> {
  const r = await db.query<{ document: unknown }>(ACTIVE);
  return r.rows[0] ? JudgementRuleSet.parse(r.rows[0].document) : null;
}

export async function activeRuleSetVersion(db: Queryable): Promise<string | null> {
  return (await db.query<{ version: string }>(ACTIVE)).rows[0]?.version ?? null;
}

export async function listRuleSets(db: Queryable): Promise<RuleSetRecord[]> {
  const r = await db.query<Row>(`select ${COLUMNS} from judgement_rule_sets order by created_at desc, version`);
  return r.rows.map(toRecord);
}

export async function getRuleSet(db: Queryable, version: string): Promise<RuleSetRecord | null> {
  const r = await db.query<Row>(`select ${COLUMNS} from judgement_rule_sets where version = $1`, [version]);
  return r.rows[0] ? toRecord(r.rows[0]) : null;
}

/** Stores a draft; false when the version already exists (versions are immutable once written). */
export async function insertDraftRuleSet(db: Queryable, rs: JudgementRuleSet, createdBy: string): Promise<boolean> {
  const r = await db.query(
    "insert into judgement_rule_sets (version, status, document, created_by) values ($1, 'draft', $2, $3) on conflict (version) do nothing",
    [rs.version, JSON.stringify(rs), createdBy],
  );
  return r.rowCount === 1;
}

/** Replaces a draft's document; null when there is no draft of that version (absent, or published meanwhile). */
export async function updateDraftRuleSet(db: Queryable, rs: JudgementRuleSet): Promise<RuleSetRecord | null> {
  const r = await db.query<Row>(
    `update judgement_rule_sets set document = $2, updated_at = clock_timestamp()
      where version = $1 and status = 'draft' returning ${COLUMNS}`,
    [rs.version, JSON.stringify(rs)],
  );
  return r.rows[0] ? toRecord(r.rows[0]) : null;
}

/** Publishes a draft from a date on; returns the record, or null when there is no such draft. */
export async function publishRuleSet(db: Queryable, version: string, effectiveFrom: string): Promise<RuleSetRecord | null> {
  const r = await db.query<Row>(
    `update judgement_rule_sets set status = 'published', published_at = clock_timestamp(), effective_from = $2
      where version = $1 and status = 'draft' returning ${COLUMNS}`,
    [version, effectiveFrom],
  );
  return r.rows[0] ? toRecord(r.rows[0]) : null;
}

/** The reference seed publishes the built-in rule set once; later published versions stay in force. */
export async function ensureDefaultRuleSet(db: Queryable): Promise<void> {
  await db.query(
    `insert into judgement_rule_sets (version, status, document, created_by, published_at, effective_from)
     values ($1, 'published', $2, 'system', '2026-01-01T00:00:00Z', '2026-01-01') on conflict (version) do nothing`,
    [DEFAULT_JUDGEMENT_RULE_SET.version, JSON.stringify(DEFAULT_JUDGEMENT_RULE_SET)],
  );
}
