import type pg from 'pg';
import type { PenaltyRuleSet } from '../../domain/penalty';
import { ruleSetLifecycle } from '../ruleSets/lifecycle';

/** The penalty rule set in force on a China-calendar day (the detection day of a case), or null before any. */
export async function penaltyRuleSetOn(pool: pg.Pool, day: string): Promise<PenaltyRuleSet | null> {
  const rs = await ruleSetLifecycle('penalty', { pool }).inForceAt(day);
  if (!rs?.effectiveFrom) return null;
  return { version: rs.version, source: rs.document.source, effectiveFrom: rs.effectiveFrom, rules: rs.document.rules };
}
