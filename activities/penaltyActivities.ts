import type pg from 'pg';
import { computePenalty, PenaltyInput, type PenaltyComputation } from '../domain/penalty';
import { ruleSetLifecycle } from '../services/ruleSets/lifecycle';
import { chinaDay } from '../services/ruleSets/effectiveDate';

/** Amounts come from the rule set in force on the detection date; the result names its version and inputs. */
export function createPenaltyActivities({ pool }: { pool: pg.Pool }) {
  const ruleSets = ruleSetLifecycle('penalty', { pool });
  return {
    async computePenalty(raw: PenaltyInput): Promise<PenaltyComputation> {
      const input = PenaltyInput.parse(raw);
      const day = 'detectedOn' in input ? input.detectedOn : chinaDay(new Date());
      const rs = await ruleSets.inForceAt(day);
      if (!rs?.effectiveFrom) throw new Error(`no published penalty rule set is in force on ${day}`);
      return computePenalty({ version: rs.version, source: rs.document.source, effectiveFrom: rs.effectiveFrom, rules: rs.document.rules }, input);
    },
  };
}
