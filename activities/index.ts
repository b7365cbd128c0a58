import { createCaseActivities, type CaseActivityDeps } from './caseActivities';
import { createCampaignActivities } from './campaignActivities';
import { createJudgementActivities } from './judgement';
import { createPenaltyActivities } from './penaltyActivities';
import { createScoringActivities } from './scoring';
import { createAssessmentActivities } from './assessmentActivities';
import { createHousekeepingActivities, type ObjectStore } from './housekeepingActivities';
import { createJudgementRunActivities } from './judgementRunActivities';

/** Without an object store (some tests and benchmarks) the housekeeping sweep refuses to run. */
export type ActivityDeps = CaseActivityDeps & { objectStore?: ObjectStore };

export function createActivities(deps: ActivityDeps) {
  return {
    ...createCaseActivities(deps),
    ...createJudgementActivities(deps),
    ...createPenaltyActivities(deps),
    ...createScoringActivities(deps),
    ...createAssessmentActivities(deps),
    ...createCampaignActivities(deps),
    ...createHousekeepingActivities(deps),
    ...createJudgementRunActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
