// The workflow's side of a case-log write Postgres refused (see domain/caseLogRefusal.ts): recognise the activity's
// failure and build the placeholder row that takes the refused event's seq.
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import type { CaseEvent } from '../domain/caseEvents';
import {
  CASE_LOG_REFUSED, RECORDING_FAILED_CODE, RECORDING_FAILED_EVENT, storableText, type CaseLogRefusalDetails, type RecordingFailedPayload,
} from '../domain/caseLogRefusal';

/** The SQLSTATE of a CaseLogValueRefused activity failure; null for any other error. */
export function caseLogRefusal(err: unknown): string | null {
  if (!(err instanceof ActivityFailure) || !(err.cause instanceof ApplicationFailure) || err.cause.type !== CASE_LOG_REFUSED) return null;
  const details = err.cause.details?.[0] as Partial<CaseLogRefusalDetails> | undefined;
  return typeof details?.sqlState === 'string' ? details.sqlState : 'unknown';
}

/**
 * The row recorded in place of a refused event: same case, seq, stage and time, so seq and hash chain stay
 * contiguous; it names the event type and the SQLSTATE, never the refused values (the actor only as storable text).
 */
export function placeholderFor(e: CaseEvent, sqlState: string): CaseEvent {
  const payload: RecordingFailedPayload = { eventType: e.type, code: RECORDING_FAILED_CODE, sqlState };
  return {
    caseId: e.caseId, seq: e.seq, type: RECORDING_FAILED_EVENT, stage: e.stage, actor: typeof e.actor === 'string' ? storableText(e.actor) : null,
    payload: { ...payload }, occurredAt: e.occurredAt,
  };
}
