// The inspectionCase workflow's contract: imported by the workflow, the worker, both APIs and the tests.
import { defineQuery } from '@temporalio/workflow';
import type { CaseOrigin, CaseStage, Priority } from './case';

export const INSPECTION_CASE_WORKFLOW = 'inspectionCase';
export const DEFAULT_TASK_QUEUE = 'jicha-cases';

/** Deterministic: one workflow per case, so a retried start can never create a second one. */
export function caseWorkflowId(caseId: string): string {
  return `case-${caseId}`;
}

export interface InspectionCaseInput {
  caseId: string;
  customerAccountNo: string;
  origin: CaseOrigin;
  note?: string;
  createdBy: string;
  /** ISO time the request was accepted; the case's creation time in the read model. */
  requestedAt: string;
}

export interface InspectionCaseState {
  caseId: string;
  stage: CaseStage;
  priority: Priority;
  recorded: boolean;
  caseNo: string | null;
  eventSeq: number;
}

export const getStateQuery = defineQuery<InspectionCaseState>('getState');
