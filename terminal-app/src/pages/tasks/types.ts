import type { ApiBody, ApiResponse } from '../../../../client';

// The shapes the task and visit pages read, all from the generated client (no hand-copied API types). `hints` is read
// when the list carries it (the API does not send problem hints yet); `workingDaysLeft` and `evidencePolicy` may be
// missing in a copy cached by an older version of the app, so the pages fall back when they are.

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

export type TaskDetail = Omit<ApiResponse<'/mobile/v1/tasks/{id}'>, 'evidencePolicy'> & {
  workingDaysLeft?: number | null;
  /** The case's own policy's evidence rule; absent only in a copy cached by an older app. */
  evidencePolicy?: ApiResponse<'/mobile/v1/tasks/{id}'>['evidencePolicy'];
};
export type CheckInRecord = TaskDetail['checkIns'][number];
export type EvidenceListItem = ApiResponse<'/mobile/v1/tasks/{id}/evidence'>[number];
export type FindingsBody = ApiBody<'/mobile/v1/tasks/{id}/findings'>;
export type ProblemType = NonNullable<FindingsBody['problemType']>;
export type FindingsResult = FindingsBody['result'];
export type CheckInBody = ApiBody<'/mobile/v1/tasks/{id}/check-in'>;
export type CheckInAnswer = ApiResponse<'/mobile/v1/tasks/{id}/check-in', 'post'>;
