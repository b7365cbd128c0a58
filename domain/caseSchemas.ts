import { z } from 'zod';
import { CaseEvent } from './caseEvents';
import { CheckInRecord, InspectionCaseState } from './caseStateSchemas';
import type { CaseActionName } from './inspectionCaseContract';

// Response schemas of the back office's case routes (api/routes/cases.ts, caseActions.ts) beyond the case record.

/** POST /api/cases (and the terminal's custom cases) when the workflow has not recorded the case in time. */
export const CaseRecording = z.object({
  id: z.uuid(),
  workflowId: z.string(),
  status: z.literal('recording').describe('The case workflow runs; GET the Location (the case) shortly'),
});

/** One row of the case log as GET /api/cases/{id}/events answers it. */
export const CaseLogEntry = CaseEvent.omit({ caseId: true }).extend({
  hash: z.string().describe('SHA-256 (hex) of the previous row\'s hash and this row: the chain `npm run verify:case-log` checks'),
});

/** What a case step answers: the recorded check-in for check-in, the case's state after the step otherwise. */
export function caseActionResult(action: CaseActionName): z.ZodType {
  return action === 'check-in' ? CheckInRecord : InspectionCaseState;
}
