// The outbox: every step an inspector takes goes here first (IndexedDB, with its Idempotency-Key), and is sent when
// the network allows — at once when online, through POST /mobile/v1/sync when it returns. Evidence blobs stay on the
// device until uploaded and confirmed. This file is the interface the pages use; the engine lives beside it.
//
// INTERFACE CONTRACT (pages code against this; the outbox change implements it):

/** Steps the terminal queues; each is the endpoint POST /mobile/v1/tasks/:caseId/:action with `payload` as body. */
export type StepAction = 'accept' | 'decline' | 'check-in' | 'findings' | 'note';
export type EvidenceKind = 'photo' | 'audio' | 'video' | 'signature';

export type OutboxStatus =
  | 'queued' //     waiting for the network or its turn
  | 'sending' //    on the wire (evidence: uploading, see progress)
  | 'done' //       applied by the server (or found applied: a duplicate)
  | 'conflict' //   refused for good (case reassigned, cancelled, invalid): `problem` says why, in words
  | 'failed'; //    a retry is scheduled (`nextTryAt`) after a network or server error

export interface OutboxItem {
  id: string; //              local id = the Idempotency-Key / sync clientId
  seq: number; //             order of creation; items of one case are sent in this order
  caseId: string;
  type: 'step' | 'evidence';
  action?: StepAction; //     steps
  payload?: unknown; //       steps
  evidenceKind?: EvidenceKind; // evidence
  contentType?: string; //    evidence
  sizeBytes?: number; //      evidence
  sha256?: string; //         evidence, hex, computed on the device before upload
  progress?: number; //       evidence upload, 0..1
  status: OutboxStatus;
  attempts: number;
  nextTryAt?: number;
  createdAt: string;
  /** A conflict or the last failure, in the user's language (already translated), and the API's code. */
  problem?: { message: string; code?: string | null; status?: number };
  /** What the server answered (step: the case state; evidence: { evidenceId }). */
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

export { enqueueStep, enqueueEvidence, drainNow, retryItem, discardItem } from './engine';
export { useOutboxItems, useCaseOutbox, usePendingCount } from './hooks';
export { startTrack, stopTrack, useTrackState } from './track';
