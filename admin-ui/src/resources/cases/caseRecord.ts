import type { CaseOrigin, CasePriority, CaseStage } from './caseEnums';

/** A case as served by GET /api/cases and GET /api/cases/:id. */
export interface CaseRecord {
  id: string;
  caseNo: string;
  customerAccountNo: string;
  customerName?: string | null;
  origin: CaseOrigin;
  stage: CaseStage;
  priority: CasePriority;
  orgUnitId?: string;
  orgUnitName?: string | null;
  workflowId?: string | null;
  note?: string | null;
  createdBy?: string;
  createdAt: string;
  updatedAt?: string;
  lastEventSeq?: number;
}

/** Body of POST /api/cases. */
export interface CaseCreateInput {
  customerAccountNo: string;
  origin: CaseOrigin;
  note?: string;
}
