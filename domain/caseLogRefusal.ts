// When Postgres refuses a value of a case-log write (a NUL, a lone UTF-16 surrogate, a check constraint…), retrying
// the same write can never succeed. The names the recording activity, the case workflow, the projection and the UIs
// share for that outcome.

/** ApplicationFailure type of the recording activities' refusal; it is non-retryable. */
export const CASE_LOG_REFUSED = 'CaseLogValueRefused';

/** Type of the log row written in place of a refused event: same seq, so the hash chain stays contiguous. */
export const RECORDING_FAILED_EVENT = 'recording_failed';

/** Message code of the marker and the placeholder; the UIs render it from their catalogues (zh-CN, en). */
export const RECORDING_FAILED_CODE = 'CASE_LOG_VALUE_REFUSED';

/** What the refusal carries to the workflow (ApplicationFailure details): never the refused text itself. */
export interface CaseLogRefusalDetails {
  sqlState: string;
  eventType: string;
  seq: number;
}

/** The marker on the case's state (its schema: caseStateSchemas.ts). */
export type { RecordingFailure } from './caseStateSchemas';

/** The placeholder's payload: what failed and why, not the offending value. */
export interface RecordingFailedPayload {
  eventType: string;
  code: typeof RECORDING_FAILED_CODE;
  sqlState: string;
}

// NUL, and a high surrogate not followed by a low one or a low one not preceded by a high one.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text as Postgres can store it (text and jsonb): NUL and lone surrogates become U+FFFD. */
export function storableText(s: string): string {
  return s.replace(UNSTORABLE, '\uFFFD');
}

/** A JSON copy of `value` whose string values Postgres can store (keys are the code's own, never user text). */
export function storableCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' ? storableText(v) : v))) as T;
}
