import { liveQuery, type Subscription } from 'dexie';
import type { StoredFix, TrackMeta } from './db';
import type { OutboxEngine } from './engine';

// The GPS track recorder: the approach to the customer is part of the proof that the inspector was there. Every fix
// is written to IndexedDB as it comes (a crash loses nothing), and every `batchSize` fixes or `batchMs` the buffered
// fixes become one outbox item (the sync action `track`, payload { points }), sent like any other. Whether a
// recording is on is stored too: after a reload (or the app killed in a pocket) it resumes by itself.

/** The parts of navigator.geolocation the recorder uses. */
export interface GeolocationLike {
  watchPosition(success: (p: GeolocationPosition) => void, error: (e: GeolocationPositionError) => void, options?: PositionOptions): number;
  clearWatch(id: number): void;
}

/** Why there is no fix, as a text key (outbox.track.error.*); the hook turns it into words. */
export type TrackErrorKey = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

export interface RecorderState {
  caseId: string | null;
  recording: boolean;
  points: number;
  unsent: number;
  lastFix: { lat: number; lon: number; accuracyM: number; at: string } | null;
  error: TrackErrorKey | null;
}

export interface RecorderOptions {
  engine: OutboxEngine;
  /** Default navigator.geolocation; null when the device has none. */
  geolocation?: GeolocationLike | null;
  /** A track item every this many fixes (default 20)… */
  batchSize?: number;
  /** …or every this long while fixes are buffered (default 60 s). */
  batchMs?: number;
}

/** A fix worse than this (10 km, the API's bound) says nothing about where the inspector is: shown, not recorded. */
const MAX_ACCURACY_M = 10_000;

export class TrackRecorder {
  private readonly engine: OutboxEngine;
  private readonly geo: GeolocationLike | null;
  private readonly batchSize: number;
  private readonly batchMs: number;
  private readonly metaKey: string;
  private state: RecorderState = { caseId: null, recording: false, points: 0, unsent: 0, lastFix: null, error: null };
  private readonly listeners = new Set<() => void>();
  private watchId: number | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private counts: Subscription | null = null;
  private flushing: Promise<unknown> = Promise.resolve();
  /** Fix writes under way: a flush waits for them, so no fix arrives in the buffer just after it was emptied. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(o: RecorderOptions) {
    this.engine = o.engine;
    const nav = typeof navigator === 'undefined' ? undefined : navigator;
    this.geo = o.geolocation === undefined ? nav?.geolocation ?? null : o.geolocation;
    this.batchSize = o.batchSize ?? 20;
    this.batchMs = o.batchMs ?? 60_000;
    this.metaKey = `track:${o.engine.username}`;
  }

  getState = (): RecorderState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(changes: Partial<RecorderState>): void {
    this.state = { ...this.state, ...changes };
    for (const l of this.listeners) l();
  }

  private async meta(): Promise<TrackMeta | undefined> {
    return (await this.engine.db.meta.get(this.metaKey)) as TrackMeta | undefined;
  }

  /** Reads the stored state and resumes a recording that was on (after a reload); sends fixes left buffered. */
  async init(): Promise<void> {
    const m = await this.meta();
    if (!m?.caseId) return;
    this.set({ caseId: m.caseId, recording: m.recording, points: m.points, lastFix: m.lastFix });
    this.watchCounts(m.caseId);
    if (m.recording) this.begin(m.caseId);
    await this.flush();
  }

  /** Starts recording the approach to a case (a recording of another case is stopped and sent first). */
  async start(caseId: string): Promise<void> {
    if (this.state.recording && this.state.caseId === caseId && (this.watchId !== null || !this.geo)) return;
    if (this.state.recording && this.state.caseId !== caseId) await this.stop();
    const m: TrackMeta = { key: this.metaKey, recording: true, caseId, startedAt: new Date().toISOString(), points: 0, lastFix: null };
    await this.engine.db.meta.put(m);
    this.set({ caseId, recording: true, points: 0, lastFix: null, error: null });
    this.watchCounts(caseId);
    this.begin(caseId);
  }

  /** Stops recording; the fixes still buffered go into the outbox at once. */
  async stop(): Promise<void> {
    this.halt();
    await this.notRecording();
    this.set({ recording: false });
    await this.flush();
  }

  /** Stores "not recording" once the fixes under way are written (their count must not be overwritten). */
  private async notRecording(): Promise<void> {
    await this.writes;
    const db = this.engine.db;
    await db.transaction('rw', db.meta, async () => {
      const m = await this.meta();
      if (m) await db.meta.put({ ...m, recording: false });
    });
  }

  /** Stops watching without changing what is stored (the engine is replaced; tests simulate a reload). */
  dispose(): void {
    this.halt();
    this.counts?.unsubscribe();
    this.counts = null;
    this.listeners.clear();
  }

  private halt(): void {
    if (this.watchId !== null) this.geo?.clearWatch(this.watchId);
    this.watchId = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private begin(caseId: string): void {
    this.halt();
    if (!this.geo) {
      this.set({ error: 'unsupported' });
      return;
    }
    // High accuracy (GPS, not cell towers), no cached fixes; a timeout only reports "no fix yet", watching goes on.
    this.watchId = this.geo.watchPosition(
      (p) => {
        this.writes = this.writes.then(() => this.onFix(caseId, p)).catch((e: unknown) => console.error('track: fix not stored', e));
      },
      (e) => this.onError(e),
      { enableHighAccuracy: true, maximumAge: 0, timeout: 60_000 },
    );
    this.timer = setInterval(() => void this.flush(), this.batchMs);
  }

  private async onFix(caseId: string, p: GeolocationPosition): Promise<void> {
    const { latitude: lat, longitude: lon, accuracy, speed } = p.coords;
    const at = new Date(p.timestamp).toISOString();
    const lastFix = { lat, lon, accuracyM: Math.round(accuracy * 10) / 10, at };
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return;
    if (!(accuracy <= MAX_ACCURACY_M)) {
      this.set({ lastFix, error: null });
      return;
    }
    const fix: StoredFix = {
      username: this.engine.username, caseId, lat, lon, at, accuracyM: lastFix.accuracyM,
      ...(speed !== null && Number.isFinite(speed) && speed >= 0 && speed <= 100 ? { speedMps: speed } : {}),
    };
    const db = this.engine.db;
    const { points, buffered } = await db.transaction('rw', db.fixes, db.meta, async () => {
      await db.fixes.add(fix);
      const m = await this.meta();
      const next: TrackMeta = { key: this.metaKey, recording: m?.recording ?? true, caseId, startedAt: m?.startedAt ?? at, points: (m?.points ?? 0) + 1, lastFix };
      await db.meta.put(next);
      return { points: next.points, buffered: await db.fixes.where('[username+caseId]').equals([this.engine.username, caseId]).count() };
    });
    this.set({ points, lastFix, error: null });
    if (buffered >= this.batchSize) void this.flush();
  }

  private onError(e: GeolocationPositionError): void {
    if (e.code === 1) {
      // Permission denied does not come back by itself: stop, say why; the user grants it and starts again.
      this.halt();
      void this.notRecording().catch((err: unknown) => console.error('track: state not stored', err));
      this.set({ recording: false, error: 'denied' });
      return;
    }
    this.set({ error: e.code === 3 ? 'timeout' : 'unavailable' });
  }

  /** Buffered fixes of the current case → track items in the outbox (one flush at a time). */
  flush(): Promise<unknown> {
    const caseId = this.state.caseId;
    if (!caseId) return this.flushing;
    this.flushing = this.flushing.then(() => this.writes).then(() => this.engine.enqueueTrackFixes(caseId)).catch((e: unknown) => console.error('track: batch not queued', e));
    return this.flushing;
  }

  /** `unsent`: fixes buffered plus fixes in track items the server has not confirmed, kept current from the database. */
  private watchCounts(caseId: string): void {
    this.counts?.unsubscribe();
    const db = this.engine.db;
    const u = this.engine.username;
    this.counts = liveQuery(async () => {
      const buffered = await db.fixes.where('[username+caseId]').equals([u, caseId]).count();
      const items = await this.engine.userItems();
      return buffered + items.filter((i) => i.type === 'track' && i.caseId === caseId && i.status !== 'done').reduce((n, i) => n + (i.points ?? 0), 0);
    }).subscribe({
      next: (unsent) => {
        if (this.state.caseId === caseId) this.set({ unsent });
      },
      error: (e: unknown) => console.error('track: counts', e),
    });
  }
}
