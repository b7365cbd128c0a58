import type pg from 'pg';
import { CasePolicy } from '../domain/casePolicy';

type Db = Pick<pg.Pool, 'query'>;

/** The case policy in force at `at` (latest effective version). */
export async function activeCasePolicy(db: Db, at: string): Promise<CasePolicy> {
  const r = await db.query<{ policy: unknown }>('select policy from case_policies where effective_from <= $1 order by effective_from desc, version desc limit 1', [at]);
  if (!r.rows[0]) throw new Error(`no case policy is in force at ${at}`);
  return CasePolicy.parse(r.rows[0].policy);
}

/** One published case policy by its version (a case keeps the one it started with); null when unknown. */
export async function casePolicyByVersion(db: Db, version: string): Promise<CasePolicy | null> {
  const r = await db.query<{ policy: unknown }>('select policy from case_policies where version = $1', [version]);
  return r.rows[0] ? CasePolicy.parse(r.rows[0].policy) : null;
}
