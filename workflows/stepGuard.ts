// A case takes one step at a time. A step whose handler awaits (an activity) before it changes the case holds the
// guard for its whole run; every other step's validator refuses meanwhile. Without it, a second Update's validator
// runs during that await, still sees the old state and passes: two rectification orders, a decline counted twice.
import { reject, stepCode } from './caseRules';

/** Steps that hold the guard, with the code (busy.* in domain/messages/vocabulary.ts) another step's refusal names. */
export const GUARDED_STEPS = {
  decline: 'decline',
  issueRectification: 'rectification',
  scoring: 'scoring',
} as const;
export type GuardedStep = keyof typeof GUARDED_STEPS;

export interface StepGuard {
  /** Runs `work` with the step marked in progress; released when it settles, after its state change. */
  hold<T>(step: GuardedStep, by: string | null, work: () => Promise<T>): Promise<T>;
  /** For validators (synchronous): refuses `what` while another step holds the guard. */
  refuseWhileBusy(what: string): void;
}

export function createStepGuard(): StepGuard {
  let current: { step: GuardedStep; by: string | null } | null = null;
  return {
    async hold(step, by, work) {
      current = { step, by };
      try {
        return await work();
      } finally {
        current = null;
      }
    },
    refuseWhileBusy(what) {
      if (!current) return;
      const busy = GUARDED_STEPS[current.step];
      if (current.by) reject('StepInProgress', 'case-step.busy', { step: stepCode(what), busy, by: current.by });
      reject('StepInProgress', 'case-step.busy-system', { step: stepCode(what), busy });
    },
  };
}
