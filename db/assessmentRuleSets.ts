import type { Queryable } from './pool';
import { AssessmentRuleSetDocument } from '../domain/assessmentRules';

export interface AssessmentRuleSetRecord {
  version: string;
  status: 'draft' | 'published';
  name: string;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  publishedBy: string | null;
  publishedAt: string | null;
  effectiveFrom: string | null;
  document: AssessmentRuleSetDocument;
}

interface Row {
  version: string; status: 'draft' | 'published'; name: string; created_by: string; created_at: Date; updated_by: string; updated_at: Date;
  published_by: string | null; published_at: Date | null; effective_from: Date | null; document: unknown;
}

const COLUMNS = 'version, status, name, created_by, created_at, updated_by, updated_at, published_by, published_at, effective_from, document';

const toRecord = (r: Row): AssessmentRuleSetRecord => ({
  version: r.version, status: r.status, name: r.name, createdBy: r.created_by, createdAt: r.created_at.toISOString(), updatedBy: r.updated_by,
  updatedAt: r.updated_at.toISOString(), publishedBy: r.published_by, publishedAt: r.published_at?.toISOString() ?? null,
  effectiveFrom: r.effective_from?.toISOString() ?? null, document: AssessmentRuleSetDocument.parse(r.document),
});

/** The published rule set in force at `at`: the latest effective_from at or before it. */
export async function ruleSetEffectiveAt(db: Queryable, at: string): Promise<AssessmentRuleSetRecord | null> {
  const r = await db.query<Row>(
    `select ${COLUMNS} from assessment_rule_sets where status = 'published' and effective_from <= $1 order by effective_from desc limit 1`,
    [at],
  );
  return r.rows[0] ? toRecord(r.rows[0]) : null;
}

export async function listAssessmentRuleSets(db: Queryable): Promise<AssessmentRuleSetRecord[]> {
  const r = await db.query<Row>(`select ${COLUMNS} from assessment_rule_sets order by coalesce(effective_from, 'infinity') desc, created_at desc, version`);
  return r.rows.map(toRecord);
}

export async function getAssessmentRuleSet(db: Queryable, version: string): Promise<AssessmentRuleSetRecord | null> {
  const r = await db.query<Row>(`select ${COLUMNS} from assessment_rule_sets where version = $1`, [version]);
  return r.rows[0] ? toRecord(r.rows[0]) : null;
}

/** Stores a new draft; false when the version already exists. */
export async function insertAssessmentDraft(db: Queryable, doc: AssessmentRuleSetDocument, by: string): Promise<boolean> {
  const r = await db.query(
    `insert into assessment_rule_sets (version, status, name, document, created_by, updated_by) values ($1, 'draft', $2, $3, $4, $4)
     on conflict (version) do nothing`,
    [doc.version, doc.name, JSON.stringify(doc), by],
  );
  return r.rowCount === 1;
}

/** Replaces a draft's document; 'published' when the version is frozen, 'missing' when there is none. */
export async function updateAssessmentDraft(db: Queryable, doc: AssessmentRuleSetDocument, by: string): Promise<'updated' | 'published' | 'missing'> {
  const r = await db.query(
    `update assessment_rule_sets set name = $2, document = $3, updated_by = $4, updated_at = clock_timestamp() where version = $1 and status = 'draft'`,
    [doc.version, doc.name, JSON.stringify(doc), by],
  );
  if (r.rowCount === 1) return 'updated';
  return (await getAssessmentRuleSet(db, doc.version)) ? 'published' : 'missing';
}

export type PublishOutcome = { ok: true; record: AssessmentRuleSetRecord } | { ok: false; reason: 'missing' | 'published' | 'effective_taken' };

/** Freezes a draft with the instant it takes effect from; effective dates of published versions are unique. */
export async function publishAssessmentRuleSet(db: Queryable, version: string, effectiveFrom: string, by: string): Promise<PublishOutcome> {
  try {
    const r = await db.query<Row>(
      `update assessment_rule_sets set status = 'published', published_by = $3, published_at = clock_timestamp(), effective_from = $2
        where version = $1 and status = 'draft' returning ${COLUMNS}`,
      [version, effectiveFrom, by],
    );
    if (r.rows[0]) return { ok: true, record: toRecord(r.rows[0]) };
  } catch (e) {
    if ((e as { code?: string }).code === '23505') return { ok: false, reason: 'effective_taken' };
    throw e;
  }
  return { ok: false, reason: (await getAssessmentRuleSet(db, version)) ? 'published' : 'missing' };
}
