// The case log as the workflow writes it: one row per event, serialised in seq order. A row Postgres refuses for
// good (CaseLogValueRefused) does not stop the case: a placeholder takes its seq, the state carries a marker, and the
// city's supervisors are told. Before, the recording activity retried for ever and every later step answered 503.
import { ActivityFailure, ApplicationFailure, patched } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { Recipient } from '../activities/caseActivities';
import type { CaseEvent, CaseSnapshot } from '../domain/caseEvents';
import { SNAPSHOT_BASE_MISSING, snapshotDelta, type CaseSnapshotDelta } from '../domain/caseSnapshotDelta';
import { RECORDING_FAILED_CODE, storableCopy, storableText, type RecordingFailure } from '../domain/caseLogRefusal';
import type { InspectionCaseInput, InspectionCaseState } from '../domain/inspectionCaseContract';
import { caseLogRefusal, placeholderFor } from './caseLogRefusal';
import { TERMINAL } from './caseRules';
import { PATCHES } from './patches';

export interface CaseRecorderDeps {
  input: InspectionCaseInput;
  state: InspectionCaseState;
  acts: Pick<Activities, 'recordCaseOpened' | 'recordCaseEvent' | 'notify'>;
  /** The read-model columns as of now. */
  snapshot: () => CaseSnapshot;
  /** Whom to tell of a refused row; null until the case context (the customer's city) is loaded. */
  alertTo: () => { title: string; recipients: Recipient[] } | null;
}

const baseMissing = (err: unknown) => err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === SNAPSHOT_BASE_MISSING;

export function createCaseRecorder({ input, state, acts, snapshot, alertTo }: CaseRecorderDeps) {
  let recording: Promise<void> = Promise.resolve();
  const now = () => new Date().toISOString();
  // The snapshot the read model holds after this recorder's last write; null when unknown (nothing written yet, or the
  // last row went without one). Only a completed write sets it, so a replay rebuilds it exactly.
  let projected: CaseSnapshot | null = null;

  /**
   * What an event sends the read model: under the diet the change since `projected`. A full snapshot where there is no
   * known base, and at the closing event (closed, dismissed, cancelled): the row a finished case keeps for good is
   * then exactly the workflow's final state, whatever happened to it in between, for one full state per case. Readers
   * never need a full one otherwise: they read the row, which holds the merged state after every event.
   */
  function changeFor(snap: CaseSnapshot): CaseSnapshot | CaseSnapshotDelta {
    if (projected === null || TERMINAL.includes(snap.stage) || !patched(PATCHES.caseHistoryDiet)) return snap;
    return snapshotDelta(projected, snap) ?? snap;
  }

  async function send(event: CaseEvent, snap: CaseSnapshot): Promise<void> {
    const change = changeFor(snap);
    try {
      await acts.recordCaseEvent(event, change);
    } catch (err) {
      if (change === snap || !baseMissing(err)) throw err;
      // the row holds no state to apply the change to: the same event (same seq) with the whole state
      await acts.recordCaseEvent(event, snap);
    }
    projected = snap;
  }

  function markFailed(e: CaseEvent, sqlState: string): RecordingFailure {
    state.recordingFailed = { code: RECORDING_FAILED_CODE, eventType: e.type, seq: e.seq, at: now(), sqlState, total: (state.recordingFailed?.total ?? 0) + 1 };
    return state.recordingFailed;
  }

  /** In-app notice to the city's supervisors, once per refused row (the dedupe key holds the seq). */
  async function alert(f: RecordingFailure): Promise<void> {
    const to = alertTo();
    if (!to) return;
    await acts.notify({
      dedupeKey: `${input.caseId}/recording-failed/${f.seq}`, caseId: input.caseId, kind: 'recording_failed', title: to.title, at: f.at, recipients: to.recipients,
      body: `案件日志记录失败：第 ${f.seq} 条事件（${f.eventType}）被数据库拒绝（SQLSTATE ${f.sqlState}），已以占位记录代替，工单继续办理。/ `
        + `Recording failed: event ${f.seq} (${f.eventType}) was refused by the database (SQLSTATE ${f.sqlState}); a placeholder stands in the case log and the case goes on.`,
      code: 'notification.recording-failed', params: { seq: f.seq, eventType: f.eventType, sqlState: f.sqlState },
    });
  }

  async function write(event: CaseEvent, snap: CaseSnapshot): Promise<void> {
    try {
      await send(event, snap);
    } catch (err) {
      const sqlState = caseLogRefusal(err);
      if (sqlState === null || !patched(PATCHES.caseLogRefusalContinues)) throw err;
      const failure = markFailed(event, sqlState);
      const placeholder = placeholderFor(event, sqlState);
      const marked: CaseSnapshot = { ...snap, state: { ...(snap.state as object), recordingFailed: failure } };
      await acts.recordCaseEvent(placeholder, marked).then(() => {
        projected = marked;
      }, (again: unknown) => {
        // Postgres refused the snapshot too (a value outside the text rules): the row goes alone; the next event moves the read model
        if (caseLogRefusal(again) === null) throw again;
        projected = null;
        return acts.recordCaseEvent(placeholder);
      });
      await alert(failure);
    }
  }

  return {
    /** Appends an event (after those already queued); resolves once it and every earlier one are written. */
    record(type: string, actor: string | null, payload: Record<string, unknown>): Promise<void> {
      state.eventSeq += 1;
      const event: CaseEvent = { caseId: input.caseId, seq: state.eventSeq, type, stage: state.stage, actor, payload, occurredAt: now() };
      // The state as of this event, not as of the write; as Postgres can store it, so a refused text in the state
      // cannot make every later snapshot fail too (the event row itself keeps the text, or becomes a placeholder).
      const snap = storableCopy(snapshot());
      recording = recording.then(() => write(event, snap));
      return recording;
    },

    /** The case's row in the read model and its first log row; a refused request (its note…) opens the case without its free text. */
    async open(opened: CaseEvent): Promise<{ caseNo: string }> {
      state.eventSeq = opened.seq;
      try {
        return await acts.recordCaseOpened(input, opened);
      } catch (err) {
        const sqlState = caseLogRefusal(err);
        if (sqlState === null || !patched(PATCHES.caseLogRefusalContinues)) throw err;
        markFailed(opened, sqlState);
        const bare: InspectionCaseInput = {
          ...input, note: undefined, createdBy: storableText(String(input.createdBy)),
          campaignId: input.campaignId === undefined ? undefined : storableText(String(input.campaignId)),
        };
        return acts.recordCaseOpened(bare, placeholderFor(opened, sqlState));
      }
    },

    /** Tells the supervisors of a refusal that happened before they were known (the opening). */
    alert,

    /** Every event queued so far is written. */
    settled: (): Promise<void> => recording,
  };
}
