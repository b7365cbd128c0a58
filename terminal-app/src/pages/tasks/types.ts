import type { ApiBody, ApiResponse } from '../../../../client';

// The shapes the task and visit pages read, all from the generated client (no hand-copied API types). Two fields are
// read when the answer carries them and ignored otherwise, so the pages work against the API as it is today:
// `workingDaysLeft` (the server is adding it to 我的任务 and the task detail) and `hints` / `evidencePolicy` (asked for
// in the helper's report; see FindingsPage for the default used meanwhile).

/** A judgement reason as the list may summarise it (the detail's `judgement.reasons` without the weight). */
export interface TaskHint {
  code: string;
  textZh: string;
  textEn: string;
}

export type TaskItem = ApiResponse<'/mobile/v1/tasks'>['items'][number] & {
  /** Working days to the deadline on the official calendar; negative when overdue; null without a deadline. */
  workingDaysLeft?: number | null;
  hints?: TaskHint[];
};
export type TaskPage = Omit<ApiResponse<'/mobile/v1/tasks'>, 'items'> & { items: TaskItem[] };

export type TaskDetail = ApiResponse<'/mobile/v1/tasks/{id}'> & {
  workingDaysLeft?: number | null;
  /** The case policy's evidence rule (casePolicy.evidence), when the server sends it. */
  evidencePolicy?: { minVerifiedPhotos: number; geofenceRadiusM: number };
};
export type CheckInRecord = TaskDetail['checkIns'][number];
export type EvidenceListItem = ApiResponse<'/mobile/v1/tasks/{id}/evidence'>[number];
export type FindingsBody = ApiBody<'/mobile/v1/tasks/{id}/findings'>;
export type ProblemType = NonNullable<FindingsBody['problemType']>;
export type FindingsResult = FindingsBody['result'];
export type CheckInBody = ApiBody<'/mobile/v1/tasks/{id}/check-in'>;
export type CheckInAnswer = ApiResponse<'/mobile/v1/tasks/{id}/check-in', 'post'>;
