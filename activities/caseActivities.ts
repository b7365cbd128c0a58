import type pg from 'pg';
import { ApplicationFailure } from '@temporalio/common';
import type { CaseEvent } from '../domain/caseEvents';
import { caseWorkflowId, type InspectionCaseInput } from '../domain/inspectionCaseContract';
import { appendCaseEvent } from '../db/caseLog';
import { findCustomer } from '../db/customers';

export interface CaseActivityDeps {
  pool: pg.Pool;
}

/** Built from injected clients so tests and the worker share one implementation. */
export function createCaseActivities({ pool }: CaseActivityDeps) {
  return {
    /** Writes the case into the read model with its first log row; safe to retry. */
    async recordCaseOpened(input: InspectionCaseInput, event: CaseEvent): Promise<{ caseNo: string }> {
      const customer = await findCustomer(pool, input.customerAccountNo);
      if (!customer) throw ApplicationFailure.nonRetryable(`customer ${input.customerAccountNo} does not exist`, 'UnknownCustomer');
      const { caseNo } = await appendCaseEvent(pool, event, {
        id: input.caseId,
        workflowId: caseWorkflowId(input.caseId),
        customerAccountNo: input.customerAccountNo,
        origin: input.origin,
        priority: 'normal',
        note: input.note ?? null,
        createdBy: input.createdBy,
        createdAt: input.requestedAt,
      });
      return { caseNo };
    },

    /** Appends one transition to the case log and moves the read model; keyed by (case id, seq). */
    async recordCaseEvent(event: CaseEvent): Promise<void> {
      await appendCaseEvent(pool, event);
    },
  };
}

export type CaseActivities = ReturnType<typeof createCaseActivities>;
