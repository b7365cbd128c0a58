import type pg from 'pg';
import { computePenalty, PenaltyInput, type PenaltyComputation } from '../domain/penalty';
import { penaltyRuleSetOn } from '../db/rules';

/** Amounts come from the rule set in force on the detection date; the result names its version and inputs. */
export function createPenaltyActivities({ pool }: { pool: pg.Pool }) {
  return {
    async computePenalty(raw: PenaltyInput): Promise<PenaltyComputation> {
      const input = PenaltyInput.parse(raw);
      const date = 'detectedOn' in input ? input.detectedOn : new Date().toISOString().slice(0, 10);
      return computePenalty(await penaltyRuleSetOn(pool, date), input);
    },
  };
}
