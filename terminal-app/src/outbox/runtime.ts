import { OutboxEngine, type OutboxOptions } from './engine';
import { TrackRecorder, type RecorderOptions } from './track';
import type { EvidenceInput, OutboxItem, StepAction } from './index';

// The app's one outbox and track recorder. main.tsx configures them once the API client and the user are known;
// pages call the functions below and the hooks (hooks.ts) follow the configured instance.

let engine: OutboxEngine | null = null;
let recorder: TrackRecorder | null = null;
const listeners = new Set<() => void>();

export interface ConfigureOptions extends OutboxOptions {
  track?: Omit<RecorderOptions, 'engine'>;
}

/**
 * Starts the outbox for the signed-in user (replacing one started before, e.g. for another user): drains at once and
 * whenever the network returns, and resumes a GPS recording that was on before a reload.
 */
export function configureOutbox(o: ConfigureOptions): OutboxEngine {
  stopOutbox();
  engine = new OutboxEngine(o);
  recorder = new TrackRecorder({ engine, ...o.track });
  engine.start();
  if (o.auto !== false) void recorder.init().catch((e: unknown) => console.error('track: could not resume', e));
  // Ask the browser not to evict the database under storage pressure: it holds evidence not yet uploaded.
  if (typeof navigator !== 'undefined') void navigator.storage?.persist?.().catch(() => false);
  for (const l of listeners) l();
  return engine;
}

export function stopOutbox(): void {
  recorder?.dispose();
  engine?.stop();
  engine = recorder = null;
  for (const l of listeners) l();
}

export const currentOutbox = (): OutboxEngine | null => engine;
export const currentRecorder = (): TrackRecorder | null => recorder;

export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function need(): OutboxEngine {
  if (!engine) throw new Error('outbox: configureOutbox() has not run (no signed-in user yet)');
  return engine;
}

export const enqueueStep = (caseId: string, action: StepAction, payload: unknown): Promise<OutboxItem> => need().enqueueStep(caseId, action, payload);
export const enqueueEvidence = (caseId: string, e: EvidenceInput): Promise<OutboxItem> => need().enqueueEvidence(caseId, e);
/** Sends what can be sent now; `force`: also what waits for its retry time (the user pressed "sync now"). */
export const drainNow = (o?: { force?: boolean }): Promise<void> => need().drainNow(o);
export const retryItem = (id: string): Promise<void> => need().retryItem(id);
export const discardItem = (id: string): Promise<void> => need().discardItem(id);
export const whenSettled = (id: string, timeoutMs?: number): Promise<OutboxItem | undefined> => need().whenSettled(id, timeoutMs);

/** Starts recording the GPS track of the approach to a case (resumed after a reload until stopTrack). */
export function startTrack(caseId: string): Promise<void> {
  if (!recorder) throw new Error('outbox: configureOutbox() has not run (no signed-in user yet)');
  return recorder.start(caseId).catch((e: unknown) => console.error('track: could not start', e));
}

/** Stops the recording; the fixes still buffered are queued at once. */
export function stopTrack(): Promise<void> {
  return recorder?.stop().catch((e: unknown) => console.error('track: could not stop', e)) ?? Promise.resolve();
}
