// Patch ids of the workflows (workflow.patched): each marks a change to the command sequence, so histories
// recorded before it still replay (tests/workflows/histories). Never rename one; deprecate it once no open case predates it.
export const PATCHES = {
  /** The case completes only after every Update handler has finished (no step answered after the case ended). */
  handlersFinishBeforeCompletion: 'case-handlers-finish-before-completion',
  /** A case-log row Postgres refuses becomes a recording_failed placeholder + marker + alert (was: the case failed). */
  caseLogRefusalContinues: 'case-log-refusal-continues',
  /** Check-ins count as inside only when distance + accuracy fit the radius and the device clock is within tolerance (#15). */
  presenceChecks: 'case-presence-checks',
  /** The assessment's score (rule-set version, lines, total) is a `scored` row of the hash-chained case log (#17). */
  scoreInCaseLog: 'case-score-in-case-log',
  /** A published calendar year makes a case with a provisional deadline read the calendar and recompute its clock (#17). */
  calendarRecompute: 'case-calendar-recompute',
  /** Late days at findings and rectification count working days on the case's calendar (were calendar days) (#17). */
  lateWorkingDays: 'case-late-working-days',
  /** The case's recovered amount for scoring is the supervisor-confirmed collected amount, else the order's computed total (#17; was: the typed amountRecoveredYuan). */
  computedMoney: 'case-computed-money',
  /**
   * A case event sends the read model what changed since the previous event (changed columns, changed top-level keys of
   * the state), not the whole state; full snapshots at the first write, at the closing one and whenever the read model's
   * base is unknown (#19 history diet; domain/caseSnapshotDelta.ts).
   */
  caseHistoryDiet: 'case-history-diet',
  /** Housekeeping (not the case workflow): the evidence re-verification sweep runs after the two cleanups. */
  housekeepingIntegritySweep: 'housekeeping-integrity-sweep',
  /** Housekeeping: the append-only logs' month partitions are created ahead and DEFAULT is emptied, after the sweep (#19). */
  housekeepingLogPartitions: 'housekeeping-log-partitions',
} as const;
