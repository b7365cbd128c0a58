import crypto from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type pg from 'pg';
import type { CaseRecord } from '../../domain/case';
import { uuidFromKey } from '../../domain/caseIds';
import { caseWorkflowId, INSPECTION_CASE_WORKFLOW, type InspectionCaseInput } from '../../domain/inspectionCaseContract';
import { orgWithin, type Principal } from '../../domain/roles';
import { getCase } from '../../db/cases';
import { releaseCaseOpening, reserveCaseOpening } from '../../db/caseOpenings';
import { findCustomer } from '../../db/customers';
import { DUPLICATE_OPENERS, DUPLICATE_REASON_NOT_ALLOWED_CODE, existingCaseMessage, type OpenMessage } from '../../domain/caseOpening';
import { renderMessage } from '../../domain/messages';
import { codedProblem } from '../../http/problem';

// Opening a case: every origin (back office, terminal custom audit, campaign batches, imported work orders) starts the
// case workflow here, under a deterministic workflow id, so a retry finds the case it already started.

/** Starts the case workflow; a case whose workflow already exists (running or ended) is not started twice. */
export async function startCaseWorkflow(temporal: Client, taskQueue: string, input: InspectionCaseInput): Promise<void> {
  try {
    await temporal.workflow.start(INSPECTION_CASE_WORKFLOW, {
      taskQueue, workflowId: caseWorkflowId(input.caseId), args: [input], workflowIdConflictPolicy: 'USE_EXISTING', workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (e) {
    // the name check covers the error as it reaches an activity through the worker's client
    if (!(e instanceof WorkflowExecutionAlreadyStartedError || (e as Error)?.name === 'WorkflowExecutionAlreadyStartedError')) throw e;
  }
}

/** The case once its workflow's first activity has written the read model, or null after `ms`. */
export async function waitForRecordedCase(pool: pg.Pool, id: string, ms: number): Promise<CaseRecord | null> {
  const deadline = Date.now() + ms;
  for (let delay = 25; ; delay = Math.min(delay * 2, 250)) {
    const row = await getCase(pool, id);
    if (row || Date.now() > deadline) return row;
    await new Promise((r) => setTimeout(r, delay));
  }
}

/** A client's retry with the same Idempotency-Key maps to the same case id, hence the same workflow id. */
export function caseIdForRequest(kind: 'create-case' | 'mobile-custom-case', sub: string, key: string | undefined): string {
  return key ? uuidFromKey(kind, sub, key) : crypto.randomUUID();
}

export type OpenedCase =
  | { recorded: true; case: CaseRecord; existing?: false }
  | { recorded: false; id: string; workflowId: string }
  /** The customer already had this open case: nothing was opened. */
  | { recorded: true; case: CaseRecord; existing: true; message: OpenMessage };

export interface OpenCaseRequest {
  kind: 'create-case' | 'mobile-custom-case';
  customerAccountNo: string;
  origin: InspectionCaseInput['origin'];
  note?: string;
  idempotencyKey?: string;
  /** The terminal's custom audit: an inspector who opens a case takes it themselves. */
  initialAssignee?: string;
  /** A supervisor's or manager's deliberate second case next to the customer's open one, recorded on its opened event. */
  duplicateReason?: string;
}

/**
 * Opens a case for a customer inside the caller's org unit: 422 for an unknown customer, 403 outside the unit, 409
 * when the Idempotency-Key already named a case of another customer. Answers once the workflow recorded the case, or
 * says it is still recording after `recordWaitMs`. A customer with an open case (any origin) gets that case back
 * instead of a second one, unless a supervisor or manager gives a `duplicateReason`.
 */
export async function openCase(
  d: { pool: pg.Pool; temporal: Client; taskQueue: string; recordWaitMs: number }, principal: Principal, r: OpenCaseRequest,
): Promise<OpenedCase> {
  const customer = await findCustomer(d.pool, r.customerAccountNo);
  if (!customer) throw codedProblem(422, 'Unknown customer', 'customer.unknown', { accountNo: r.customerAccountNo }, 'zh-CN', { errors: [{ path: 'customerAccountNo', message: 'no customer with this account number' }] });
  if (!orgWithin(customer.stationId, principal.orgUnit)) {
    throw codedProblem(403, 'Forbidden', 'customer.outside-unit', { accountNo: r.customerAccountNo, station: customer.stationId, org: principal.orgUnit }, 'zh-CN');
  }
  if (r.duplicateReason !== undefined && !principal.roles.some((x) => (DUPLICATE_OPENERS as readonly string[]).includes(x))) {
    const message = renderMessage(DUPLICATE_REASON_NOT_ALLOWED_CODE, {}, 'en');
    throw codedProblem(403, 'Forbidden', DUPLICATE_REASON_NOT_ALLOWED_CODE, {}, 'zh-CN', {
      errors: [{ path: 'duplicateReason', message, code: DUPLICATE_REASON_NOT_ALLOWED_CODE }], type: 'urn:jicha:case-open:DuplicateReasonNotAllowed',
    });
  }
  const caseId = caseIdForRequest(r.kind, principal.sub, r.idempotencyKey);
  const opening = await reserveCaseOpening(d.pool, { caseId, accountNo: r.customerAccountNo, origin: r.origin, family: null, by: principal.username, duplicateReason: r.duplicateReason });
  if (!opening.reserved) {
    const existing = await waitForRecordedCase(d.pool, opening.existing.id, d.recordWaitMs);
    if (!existing) return { recorded: false, id: opening.existing.id, workflowId: caseWorkflowId(opening.existing.id) };
    return { recorded: true, existing: true, case: existing, message: existingCaseMessage(existing.caseNo, existing.origin) };
  }
  const input: InspectionCaseInput = {
    caseId, customerAccountNo: r.customerAccountNo, origin: r.origin, note: r.note, createdBy: principal.username, requestedAt: new Date().toISOString(),
    ...(r.initialAssignee ? { initialAssignee: r.initialAssignee } : {}),
    ...(opening.duplicateOf && r.duplicateReason !== undefined ? { duplicate: { of: opening.duplicateOf.id, reason: r.duplicateReason } } : {}),
  };
  try {
    await startCaseWorkflow(d.temporal, d.taskQueue, input);
  } catch (e) {
    await releaseCaseOpening(d.pool, caseId);
    throw e;
  }
  const row = await waitForRecordedCase(d.pool, caseId, d.recordWaitMs);
  if (!row) return { recorded: false, id: caseId, workflowId: caseWorkflowId(caseId) };
  if (row.customerAccountNo !== r.customerAccountNo) throw codedProblem(409, 'Conflict', 'request.idempotency-key-other-case', {}, 'zh-CN');
  return { recorded: true, case: row };
}
