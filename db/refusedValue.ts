// Which Postgres errors mean "this value can never be stored" (retrying the same write is pointless) rather than a
// passing condition (connection lost, lock timeout, serialisation failure) that a retry may get past.

interface PgError {
  code?: unknown;
  constraint?: unknown;
}

/**
 * (case_id, seq) of case_events: a duplicate means the row is already recorded. Since the log is partitioned (061) the
 * name is raised by the unique-seq trigger, the primary key itself being (case_id, seq, occurred_at).
 */
const CASE_EVENT_KEY = 'case_events_pkey';

/**
 * The SQLSTATE when Postgres refused a value for good: class 22 (data exception: NUL byte 22021, untranslatable
 * character 22P05, invalid text representation 22P02, out of range 22003…) and class 23 (integrity constraint
 * violation) except a duplicate (case, seq) of the log, which a retry finds recorded and skips. Otherwise null.
 */
export function refusedValue(err: unknown): string | null {
  const { code, constraint } = (err ?? {}) as PgError;
  if (typeof code !== 'string' || code.length !== 5) return null;
  if (code.startsWith('22')) return code;
  if (code.startsWith('23')) return code === '23505' && constraint === CASE_EVENT_KEY ? null : code;
  return null;
}
