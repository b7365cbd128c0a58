import type pg from 'pg';
import { CasePolicy } from '../domain/casePolicy';
import { chinaDate } from '../domain/calendar';
import { ruleSetInForceOn } from './ruleSets';

type Db = Pick<pg.Pool, 'query'>;

/**
 * The case policy in force at `at`: the rule-set lifecycle's rule (the published version with the latest effective day
 * on or before `at`'s China-calendar day). A draft never reaches a case.
 */
export async function activeCasePolicy(db: Db, at: string): Promise<CasePolicy> {
  const t = Date.parse(at);
  if (Number.isNaN(t)) throw new RangeError(`not an instant: ${at}`);
  const r = await ruleSetInForceOn(db, 'casePolicy', chinaDate(t));
  if (!r) throw new Error(`no case policy is in force at ${at}`);
  return r.document;
}

/** One published case policy by its version (a case keeps the one it started with); null when unknown or a draft. */
export async function casePolicyByVersion(db: Db, version: string): Promise<CasePolicy | null> {
  const r = await db.query<{ policy: unknown }>("select policy from case_policies where version = $1 and status = 'published'", [version]);
  return r.rows[0] ? CasePolicy.parse(r.rows[0].policy) : null;
}
