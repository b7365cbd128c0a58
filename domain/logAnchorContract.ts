// The scheduled anchoring of the logs' heads (#18, services/integrity/logAnchors.ts): imported by the workflow, the
// activity, the worker and tests.

export const LOG_ANCHOR_WORKFLOW = 'logAnchoring';

/** Every LOG_ANCHOR_INTERVAL_MINUTES; created, updated or removed at worker start. */
export const LOG_ANCHOR_SCHEDULE_ID = 'log-anchors';

export interface LogAnchorResult {
  objectKey: string;
  /** The audit row anchored (0: the trail was empty). */
  auditPosition: number;
  cases: number;
  caseEvents: number;
}
