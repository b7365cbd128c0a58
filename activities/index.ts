import { createCaseActivities, type CaseActivityDeps } from './caseActivities';
import { createBuiltinJudgementActivities } from './judgementBuiltin';
import { createPenaltyActivities } from './penaltyActivities';
import { createScoringActivities } from './scoring';

export type ActivityDeps = CaseActivityDeps;

export function createActivities(deps: ActivityDeps) {
  return {
    ...createCaseActivities(deps),
    ...createBuiltinJudgementActivities(deps),
    ...createPenaltyActivities(deps),
    ...createScoringActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
