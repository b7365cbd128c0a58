import Dexie, { type EntityTable, type Table } from 'dexie';
import type { OutboxItem } from './index';

// The outbox's IndexedDB database (Dexie). Everything the terminal has not yet had confirmed by the server lives here:
// queued steps, evidence blobs, GPS fixes not yet batched, the track recorder's state. Statuses are written before
// each network call, so an app killed mid-send (dead battery) finds the item `sending` at the next start and sends it
// again with the same Idempotency-Key.

export const OUTBOX_DB = 'jicha-outbox';

/** What the engine keeps of an evidence upload ticket, so a retry after the PUT does not upload twice. */
export interface StoredTicket {
  key: string; //            the Idempotency-Key it was asked for with
  evidenceId: string;
  url: string;
  headers: Record<string, string>;
  expiresAt: string; //      server clock
  localExpiresAt: number; // the same moment on this device's clock (from the answer's Date header)
}

export interface StoredItem extends OutboxItem {
  username: string; //  whose token sends it: another user's items wait for that user (idempotency keys are per user)
  lane: string; //      items of one lane go one at a time, in seq order (a case's steps and evidence)
  keyGen: number; //    0: key = id; n: key = `${id}.k${n}` after a refusal (a refused key would only replay its refusal)
  updatedAt: number;
  /** Refusals the server says are momentary (another step of the case half-way); retried with a new key, a few times. */
  transientTries?: number;
  // evidence
  lat?: number;
  lon?: number;
  accuracyM?: number;
  ticket?: StoredTicket | null;
  uploaded?: boolean; // the bytes were PUT under `ticket` (only the confirm is left)
}

export interface StoredBlob {
  id: string; // the item's id
  blob: Blob;
}

export interface StoredFix {
  id?: number;
  username: string;
  caseId: string;
  lat: number;
  lon: number;
  at: string;
  accuracyM?: number;
  speedMps?: number;
}

export interface TrackMeta {
  key: string; // `track:${username}`
  recording: boolean;
  caseId: string | null;
  startedAt: string | null;
  points: number; // fixes recorded in this recording
  lastFix: { lat: number; lon: number; accuracyM: number; at: string } | null;
}

export interface SeqMeta {
  key: 'seq';
  value: number;
}

export class OutboxDb extends Dexie {
  items!: EntityTable<StoredItem, 'id'>;
  blobs!: EntityTable<StoredBlob, 'id'>;
  fixes!: EntityTable<StoredFix, 'id'>;
  meta!: Table<TrackMeta | SeqMeta, string>;

  constructor(name = OUTBOX_DB) {
    super(name);
    this.version(1).stores({
      items: 'id, [username+seq], status',
      blobs: 'id',
      fixes: '++id, [username+caseId]',
      meta: 'key',
    });
  }
}

/** The next creation number; call inside a read-write transaction that includes `meta`. */
export async function nextSeq(db: OutboxDb): Promise<number> {
  const m = (await db.meta.get('seq')) as SeqMeta | undefined;
  const value = (m?.value ?? 0) + 1;
  await db.meta.put({ key: 'seq', value });
  return value;
}
