// A case takes one step at a time. A step whose handler awaits (an activity) before it changes the case holds the
// guard for its whole run; every other step's validator refuses meanwhile. Without it, a second Update's validator
// runs during that await, still sees the old state and passes: two rectification orders, a decline counted twice.
import { reject } from './caseRules';

/** Steps that hold the guard, named for the refusal a person reads (zh-CN first, then English). */
export const GUARDED_STEPS = {
  decline: { zh: '退单', en: 'declining' },
  issueRectification: { zh: '下发整改通知', en: 'issuing a rectification order' },
  scoring: { zh: '对标考核评分', en: 'scoring the case' },
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
      const { zh, en } = GUARDED_STEPS[current.step];
      const [byZh, byEn] = current.by ? [current.by, current.by] : ['系统', 'system'];
      reject('StepInProgress', `另一步骤正在办理中（${byZh}：${zh}），请稍后重试。/ ${what} must wait: another step is in progress (${byEn}: ${en}); try again in a moment.`);
    },
  };
}
