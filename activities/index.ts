import { createCaseActivities, type CaseActivityDeps } from './caseActivities';

export type ActivityDeps = CaseActivityDeps;

export function createActivities(deps: ActivityDeps) {
  return { ...createCaseActivities(deps) };
}

export type Activities = ReturnType<typeof createActivities>;
