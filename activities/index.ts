import { createCaseActivities, type CaseActivityDeps } from './caseActivities';
import { createCampaignActivities } from './campaignActivities';
import { createJudgementActivities } from './judgement';
import { createPenaltyActivities } from './penaltyActivities';
import { createScoringActivities } from './scoring';
import { createAssessmentActivities } from './assessmentActivities';

export type ActivityDeps = CaseActivityDeps;

export function createActivities(deps: ActivityDeps) {
  return {
    ...createCaseActivities(deps),
    ...createJudgementActivities(deps),
    ...createPenaltyActivities(deps),
    ...createScoringActivities(deps),
    ...createAssessmentActivities(deps),
    ...createCampaignActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
