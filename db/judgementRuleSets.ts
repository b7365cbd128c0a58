import type { Queryable } from './pool';
import { JudgementRuleSet } from '../domain/judgementRules';
import { DEFAULT_JUDGEMENT_RULE_SET } from '../domain/defaultJudgementRules';

export interface RuleSetRecord {
  version: string;
  status: 'draft' | 'published';
  createdBy: string;
  createdAt: string;
  publishedAt: string | null;
  document: JudgementRuleSet;
}

interface Row { version: string; status: 'draft' | 'published'; created_by: string; created_at: Date; published_at: Date | null; document: unknown }

const toRecord = (r: Row): RuleSetRecord => ({
  version: r.version, status: r.status, createdBy: r.created_by, createdAt: r.created_at.toISOString(),
  publishedAt: r.published_at?.toISOString() ?? null, document: JudgementRuleSet.parse(r.document),
});

const ACTIVE = "select version, document from judgement_rule_sets where status = 'published' order by published_at desc, version desc limit 1";

/** The rule set in force: the latest published version. */
export async function activeRuleSet(db: Queryable): Promise<JudgementRuleSet | null> {
  const r = await db.query<{ document: unknown }>(ACTIVE);
  return r.rows[0] ? JudgementRuleSet.parse(r.rows[0].document) : null;
}

export async function activeRuleSetVersion(db: Queryable): Promise<string | null> {
  return (await db.query<{ version: string }>(ACTIVE)).rows[0]?.version ?? null;
}

export async function listRuleSets(db: Queryable): Promise<RuleSetRecord[]> {
  const r = await db.query<Row>('select version, status, created_by, created_at, published_at, document from judgement_rule_sets order by created_at desc, version');
  return r.rows.map(toRecord);
}

export async function getRuleSet(db: Queryable, version: string): Promise<RuleSetRecord | null> {
  const r = await db.query<Row>('select version, status, created_by, created_at, published_at, document from judgement_rule_sets where version = $1', [version]);
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

/** Publishes a draft, which becomes the active rule set; returns the record, or null when there is no such draft. */
export async function publishRuleSet(db: Queryable, version: string): Promise<RuleSetRecord | null> {
  const r = await db.query<Row>(
    `update judgement_rule_sets set status = 'published', published_at = clock_timestamp()
      where version = $1 and status = 'draft'
      returning version, status, created_by, created_at, published_at, document`,
    [version],
  );
  return r.rows[0] ? toRecord(r.rows[0]) : null;
}

/** The reference seed publishes the built-in rule set once; later published versions stay in force. */
export async function ensureDefaultRuleSet(db: Queryable): Promise<void> {
  await db.query(
    `insert into judgement_rule_sets (version, status, document, created_by, published_at)
     values ($1, 'published', $2, 'system', '2026-01-01T00:00:00Z') on conflict (version) do nothing`,
    [DEFAULT_JUDGEMENT_RULE_SET.version, JSON.stringify(DEFAULT_JUDGEMENT_RULE_SET)],
  );
}
