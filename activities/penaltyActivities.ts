import type pg from 'pg';
import { ApplicationFailure } from '@temporalio/common';
import { computePenalty, PenaltyInput, PenaltyRefused, type PenaltyComputation } from '../domain/penalty';
import { penaltyRuleSetOn } from '../services/penalty/penaltyRules';
import { chinaDay } from '../services/ruleSets/effectiveDate';

/** Amounts come from the rule set in force on the detection date; the result names its version and inputs. */
export function createPenaltyActivities({ pool }: { pool: pg.Pool }) {
  return {
    async computePenalty(raw: PenaltyInput): Promise<PenaltyComputation> {
      const input = PenaltyInput.parse(raw);
      const day = input.detectedOn ?? chinaDay(new Date());
      const set = await penaltyRuleSetOn(pool, day);
      if (!set) throw ApplicationFailure.nonRetryable(`no published penalty rule set is in force on ${day}`, 'PenaltyRefused');
      try {
        return computePenalty(set, input);
      } catch (e) {
        // the service checks choices against the same rule set first; this is reached only by a set published meanwhile
        if (e instanceof PenaltyRefused) throw ApplicationFailure.nonRetryable(e.message, 'PenaltyRefused', e.issues);
        throw e;
      }
    },
  };
}
