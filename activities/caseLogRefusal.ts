import { ApplicationFailure } from '@temporalio/common';
import { refusedValue } from '../db/refusedValue';
import { CASE_LOG_REFUSED, type CaseLogRefusalDetails } from '../domain/caseLogRefusal';
import type { CaseEvent } from '../domain/caseEvents';

/** Told of every refused case-log write (the worker counts them: jicha_case_log_refusals_total). */
export type OnCaseLogRefused = (r: CaseLogRefusalDetails) => void;

/**
 * A case-log write Postgres refused for good becomes a non-retryable CaseLogValueRefused failure; the workflow then
 * records a placeholder and moves on. Before, the activity retried for ever and froze the case. Anything else is
 * returned unchanged (retried as before). The message and details name the SQLSTATE only: Postgres' own message and
 * detail may quote the refused value.
 */
export function asCaseLogRefusal(err: unknown, event: Pick<CaseEvent, 'caseId' | 'seq' | 'type'>, onRefused?: OnCaseLogRefused): unknown {
  const sqlState = refusedValue(err);
  if (!sqlState) return err;
  const details: CaseLogRefusalDetails = { sqlState, eventType: event.type, seq: event.seq };
  onRefused?.(details);
  return ApplicationFailure.create({
    type: CASE_LOG_REFUSED,
    nonRetryable: true,
    message: `Postgres refused event ${event.seq} (${event.type}) of case ${event.caseId}: SQLSTATE ${sqlState}`,
    details: [details],
  });
}
