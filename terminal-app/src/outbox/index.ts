// The outbox: every step an inspector takes goes here first (IndexedDB, with its Idempotency-Key), and is sent when
// the network allows — at once when online, through POST /mobile/v1/sync when it returns. Evidence blobs stay on the
// device until uploaded and confirmed. This file is the interface the pages use; the engine lives beside it.
//
// INTERFACE CONTRACT (pages code against this; the outbox change implements it):

/** Steps the terminal queues; each is the endpoint POST /mobile/v1/tasks/:caseId/:action with `payload` as body. */
export type StepAction = 'accept' | 'decline' | 'check-in' | 'findings' | 'note' | 'rectification' | 'rectification-report';
export type EvidenceKind = 'photo' | 'audio' | 'video' | 'signature';

export type OutboxStatus =
  | 'queued' //     waiting for the network or its turn
  | 'sending' //    on the wire (evidence: uploading, see progress)
  | 'done' //       applied by the server (or found applied: a duplicate)
  | 'conflict' //   refused for good (case reassigned, cancelled, invalid): `problem` says why, in words
  | 'blocked' //    an earlier item of the same case was refused: held until that one is retried or discarded
  | 'failed'; //    a retry is scheduled (`nextTryAt`) after a network or server error

/**
 * A reason the server doubts a field visit (issue #15: findings refused with `case-step:PresenceWeak`), as the refusal
 * lists it — `errors: [{ path: 'presence', code, message, params? }]`: a code of domain/presenceReasons.ts, its figures
 * when sent, and the server's own words (in the language the request asked for).
 */
export interface PresenceReasonRef {
  code: string;
  params?: Record<string, string | number | null>;
  message?: string;
}

/** Why an item was refused or is waiting, in the user's language; `key`/`params` let a page re-render it in another. */
export interface OutboxProblem {
  message: string;
  code?: string | null;
  status?: number;
  key?: string;
  params?: Record<string, string | number>;
  /** The API's own words (its `detail`), when they add to the message. */
  detail?: string;
  /** Findings refused for a weak proof of presence: the reasons, for the page to show in the user's language. */
  reasons?: PresenceReasonRef[];
}

export interface OutboxItem {
  id: string; //              local id = the first Idempotency-Key / sync clientId
  key: string; //             the Idempotency-Key in use (= id until a refused item is retried: a refusal is replayed
  //                          for its key, so a retry after a refusal needs a new one; a network retry keeps it)
  seq: number; //             order of creation; items of one case are sent in this order
  caseId: string;
  type: 'step' | 'evidence' | 'track';
  action?: StepAction; //     steps
  payload?: unknown; //       steps; track: { points }
  points?: number; //         track: how many GPS fixes
  evidenceKind?: EvidenceKind; // evidence
  contentType?: string; //    evidence
  sizeBytes?: number; //      evidence
  sha256?: string; //         evidence, hex, computed on the device before upload
  capturedAt?: string; //     evidence
  progress?: number; //       evidence upload, 0..1
  status: OutboxStatus;
  attempts: number;
  nextTryAt?: number;
  createdAt: string;
  /** The refused item this one waits behind (status `blocked`). */
  blockedBy?: string;
  /** A conflict or the last failure, in the user's language (already translated), and the API's code. */
  problem?: OutboxProblem;
  /** What the server answered (step: the case state or the check-in; evidence: { evidenceId, evidence, state }). */
  result?: unknown;
}

export interface EvidenceInput {
  kind: EvidenceKind;
  blob: Blob;
  contentType: string;
  capturedAt: string;
  lat?: number;
  lon?: number;
  accuracyM?: number;
}

export interface TrackState {
  caseId: string | null;
  recording: boolean;
  points: number; //   fixes recorded in this recording
  unsent: number; //   fixes not yet confirmed by the server (buffered or in a queued track item)
  lastFix: { lat: number; lon: number; accuracyM: number; at: string } | null;
  error: string | null; // in words (permission denied, no fix…)
}

export {
  configureOutbox, stopOutbox, currentOutbox, enqueueStep, enqueueEvidence, drainNow, retryItem, discardItem, whenSettled, startTrack, stopTrack,
  type ConfigureOptions,
} from './runtime';
export { OutboxEngine, type OutboxOptions } from './engine';
export { useOutboxItems, useCaseOutbox, usePendingCount, useTrackState, useLocalTrack } from './hooks';
export { OutboxPanel } from './OutboxPanel';
export { sha256Hex } from './sha256';
