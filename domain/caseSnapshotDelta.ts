// What a case event moves in the read model, as a change against the previous event's snapshot (#19 history diet).
// A full CaseSnapshot carries the whole workflow state with every event, so every recordCaseEvent input in the
// Temporal history repeated it (100–220 KB per complete case). Pure: the workflow computes deltas with it.
import type { CaseSnapshot } from './caseEvents';

/** The read-model columns of a snapshot (all but the state), optional ones at their defaults. */
export type SnapshotColumns = Omit<CaseSnapshot, 'state' | 'deadlineProvisional' | 'reviewPending' | 'presenceConfidence'> & {
  deadlineProvisional: boolean;
  reviewPending: boolean;
  presenceConfidence: number | null;
};

/**
 * The change from the previous event's snapshot: the columns that changed, and the top-level keys of the state that
 * changed (set: their new values, whole) or disappeared (removed). `stage`, `stageRound` and `escalationTier` are
 * always there: the projection's escalation bookkeeping needs them (and `stageRound` is no column).
 */
export interface CaseSnapshotDelta {
  kind: 'delta';
  columns: Partial<SnapshotColumns> & Pick<SnapshotColumns, 'stage' | 'stageRound' | 'escalationTier'>;
  state: { set: Record<string, unknown>; removed: string[] };
}

/**
 * The failure type of a delta the projection refused because the case row holds no state to apply it to (the opening
 * wrote none); the recorder then sends the same event with its full snapshot.
 */
export const SNAPSHOT_BASE_MISSING = 'CaseSnapshotBaseMissing';

export function isSnapshotDelta(s: CaseSnapshot | CaseSnapshotDelta): s is CaseSnapshotDelta {
  return (s as Partial<CaseSnapshotDelta>).kind === 'delta';
}

/** A snapshot's columns, the optional ones (absent in cases before #15/#17) at what the projection stores for them. */
export function snapshotColumns(s: CaseSnapshot): SnapshotColumns {
  const { state: _state, ...columns } = s;
  return { ...columns, deadlineProvisional: s.deadlineProvisional ?? false, reviewPending: s.reviewPending ?? false, presenceConfidence: s.presenceConfidence ?? null };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
// Values as JSON has them (what the activity input and jsonb hold): a key whose value is undefined is no key.
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The delta from `prev` to `next`; null when a state is not an object (then only a full snapshot says it). A key
 * whose object was rebuilt with the same content in another key order counts as changed: sent again, never lost.
 */
export function snapshotDelta(prev: CaseSnapshot, next: CaseSnapshot): CaseSnapshotDelta | null {
  const was = prev.state;
  const is = next.state;
  if (!isRecord(was) || !isRecord(is)) return null;
  const before = snapshotColumns(prev);
  const after = snapshotColumns(next);
  const columns: CaseSnapshotDelta['columns'] = { stage: after.stage, stageRound: after.stageRound, escalationTier: after.escalationTier };
  for (const k of Object.keys(after) as (keyof SnapshotColumns)[]) {
    if (!same(before[k], after[k])) (columns as Record<string, unknown>)[k] = after[k];
  }
  const set: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(is)) {
    if (v !== undefined && !same(was[k], v)) set[k] = v;
  }
  const removed = Object.keys(was).filter((k) => was[k] !== undefined && is[k] === undefined);
  return { kind: 'delta', columns, state: { set, removed } };
}

/** The snapshot a delta leads to from its base (what the projection stores: jsonb `||` then `-` on the state). */
export function applySnapshotDelta(base: CaseSnapshot, d: CaseSnapshotDelta): CaseSnapshot {
  const state: Record<string, unknown> = { ...(isRecord(base.state) ? base.state : {}), ...d.state.set };
  for (const k of d.state.removed) delete state[k];
  return { ...snapshotColumns(base), ...d.columns, state };
}
