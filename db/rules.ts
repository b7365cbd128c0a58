import type pg from 'pg';
import { CasePolicy } from '../domain/casePolicy';
import { PenaltyRuleSet } from '../domain/penalty';

type Db = Pick<pg.Pool, 'query'>;

/** The case policy in force at `at` (latest effective version). */
export async function activeCasePolicy(db: Db, at: string): Promise<CasePolicy> {
  const r = await db.query<{ policy: unknown }>('select policy from case_policies where effective_from <= $1 order by effective_from desc, version desc limit 1', [at]);
  if (!r.rows[0]) throw new Error(`no case policy is in force at ${at}`);
  return CasePolicy.parse(r.rows[0].policy);
}

/** The published penalty rule set in force on `date` (the date the problem was detected). */
export async function penaltyRuleSetOn(db: Db, date: string): Promise<PenaltyRuleSet> {
  const r = await db.query<{ version: string; source: string; effective_from: Date; rules: unknown }>(
    `select version, source, effective_from, rules from penalty_rule_sets
      where status = 'published' and effective_from <= $1 order by effective_from desc limit 1`,
    [date],
  );
  const row = r.rows[0];
  if (!row) throw new Error(`no published penalty rule set is in force on ${date}`);
  return PenaltyRuleSet.parse({ version: row.version, source: row.source, effectiveFrom: row.effective_from.toISOString().slice(0, 10), rules: row.rules });
}
