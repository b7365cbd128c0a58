import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxDb, type TrackMeta } from './db';
import { OutboxEngine } from './engine';
import { TrackRecorder, type GeolocationLike } from './track';
import { FakeServer } from './testing/fakeServer';

const A = '11111111-1111-4111-8111-111111111111';
const T0 = Date.parse('2026-03-02T08:00:00Z');

/** navigator.geolocation as a test drives it: fixes and errors on demand. */
class FakeGeo implements GeolocationLike {
  readonly watchers = new Map<number, { ok: (p: GeolocationPosition) => void; err: (e: GeolocationPositionError) => void; options?: PositionOptions }>();
  private n = 0;
  watchPosition(ok: (p: GeolocationPosition) => void, err: (e: GeolocationPositionError) => void, options?: PositionOptions): number {
    this.n += 1;
    this.watchers.set(this.n, { ok, err, options });
    return this.n;
  }
  clearWatch(id: number): void {
    this.watchers.delete(id);
  }
  fix(lat: number, lon: number, accuracy: number, at: number, speed: number | null = null): void {
    const coords = { latitude: lat, longitude: lon, accuracy, speed, altitude: null, altitudeAccuracy: null, heading: null } as GeolocationCoordinates;
    for (const w of this.watchers.values()) w.ok({ coords, timestamp: at } as GeolocationPosition);
  }
  fail(code: 1 | 2 | 3): void {
    for (const w of this.watchers.values()) w.err({ code, message: 'x', PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3 } as GeolocationPositionError);
  }
}

let dbName: string;
let server: FakeServer;
const clock = { now: T0 };
const open: { engine: OutboxEngine; recorder: TrackRecorder }[] = [];

function boot(geo: FakeGeo, o: { batchSize?: number; batchMs?: number } = {}) {
  const engine = new OutboxEngine({ api: server.api, username: 'inspector', db: new OutboxDb(dbName), now: () => clock.now, random: () => 0.5, isOnline: () => true, auto: false, locks: null });
  const recorder = new TrackRecorder({ engine, geolocation: geo, batchSize: o.batchSize ?? 3, batchMs: o.batchMs ?? 60_000 });
  open.push({ engine, recorder });
  return { engine, recorder };
}

/** Simulates the app being closed: nothing is flushed or stopped on purpose. */
function kill(x: { engine: OutboxEngine; recorder: TrackRecorder }) {
  x.recorder.dispose();
  x.engine.stop();
  x.engine.db.close();
}

async function until(cond: () => boolean | Promise<boolean>, ms = 2_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const trackItems = async (e: OutboxEngine) => (await e.userItems()).filter((i) => i.type === 'track');

beforeEach(() => {
  dbName = `track-test-${Math.random().toString(36).slice(2)}`;
  server = new FakeServer(clock);
});
afterEach(() => {
  for (const x of open.splice(0)) kill(x);
});

describe('track recorder', () => {
  it('watches with high accuracy, stores each fix, and sends every N fixes as a `track` sync item', async () => {
    const geo = new FakeGeo();
    const { engine, recorder } = boot(geo);
    await recorder.start(A);
    expect([...geo.watchers.values()][0]!.options).toMatchObject({ enableHighAccuracy: true, maximumAge: 0 });
    geo.fix(29.8401, 114.3201, 8, T0, 1.2);
    geo.fix(29.8402, 114.3202, 6.5, T0 + 5_000);
    await recorder.flush();
    expect(await engine.db.fixes.count()).toBe(0); // flushed on demand into one item
    expect((await trackItems(engine))[0]).toMatchObject({ points: 2 });
    geo.fix(29.8403, 114.3203, 5, T0 + 10_000);
    geo.fix(29.8404, 114.3204, 5, T0 + 15_000);
    geo.fix(29.8405, 114.3205, 5, T0 + 20_000); // the third buffered fix: a batch by count
    await until(async () => (await trackItems(engine)).length === 2);
    expect(recorder.getState()).toMatchObject({ recording: true, caseId: A, points: 5, lastFix: { lat: 29.8405, lon: 114.3205, accuracyM: 5 } });
    await until(() => recorder.getState().unsent === 5);

    await engine.drainNow();
    const sent = server.syncCalls().flat();
    expect(sent.map((i) => i.action)).toEqual(['track', 'track']);
    expect(sent[0]).toMatchObject({ caseId: A, payload: { points: [
      { lat: 29.8401, lon: 114.3201, at: new Date(T0).toISOString(), accuracyM: 8, speedMps: 1.2 },
      { lat: 29.8402, lon: 114.3202, at: new Date(T0 + 5_000).toISOString(), accuracyM: 6.5 },
    ] } });
    expect((sent[1]!.payload.points as unknown[]).length).toBe(3);
    await until(() => recorder.getState().unsent === 0);
  });

  it('batches by time as well', async () => {
    const geo = new FakeGeo();
    const { engine, recorder } = boot(geo, { batchSize: 100, batchMs: 40 });
    await recorder.start(A);
    geo.fix(29.84, 114.32, 10, T0);
    await until(async () => (await trackItems(engine)).length === 1);
  });

  it('resumes after a reload: the recording goes on and fixes buffered before it are sent', async () => {
    const geo = new FakeGeo();
    const first = boot(geo, { batchSize: 10 });
    await first.recorder.start(A);
    geo.fix(29.84, 114.32, 7, T0);
    geo.fix(29.8401, 114.3201, 7, T0 + 5_000);
    await until(async () => (await first.engine.db.fixes.count()) === 2);
    kill(first); // the page is reloaded (or the phone switched off) mid-recording
    expect(geo.watchers.size).toBe(0);

    const second = boot(geo, { batchSize: 10 });
    await second.recorder.init();
    expect(second.recorder.getState()).toMatchObject({ recording: true, caseId: A, points: 2 });
    expect(geo.watchers.size).toBe(1); // watching again
    const items = await trackItems(second.engine);
    expect(items).toHaveLength(1);
    expect(items[0]!.points).toBe(2);
    geo.fix(29.8402, 114.3202, 7, T0 + 10_000);
    await until(() => second.recorder.getState().points === 3);
    await second.recorder.stop();
    await second.engine.drainNow();
    expect(server.syncCalls().flat().flatMap((i) => (i.payload.points as { at: string }[]).map((p) => p.at))).toEqual([
      new Date(T0).toISOString(), new Date(T0 + 5_000).toISOString(), new Date(T0 + 10_000).toISOString(),
    ]);
    expect(second.recorder.getState().recording).toBe(false);
  });

  it('a stopped recording does not resume after a reload', async () => {
    const geo = new FakeGeo();
    const first = boot(geo);
    await first.recorder.start(A);
    geo.fix(29.84, 114.32, 7, T0);
    await first.recorder.stop();
    expect(geo.watchers.size).toBe(0);
    expect((await trackItems(first.engine))[0]!.points).toBe(1); // stop sends what was buffered
    kill(first);
    const second = boot(geo);
    await second.recorder.init();
    expect(second.recorder.getState()).toMatchObject({ recording: false, points: 1 });
    expect(geo.watchers.size).toBe(0);
  });

  it('says why there is no fix: permission denied stops the recording, a timeout does not', async () => {
    const geo = new FakeGeo();
    const { engine, recorder } = boot(geo);
    await recorder.start(A);
    geo.fail(3);
    expect(recorder.getState()).toMatchObject({ recording: true, error: 'timeout' });
    geo.fix(29.84, 114.32, 7, T0);
    await until(() => recorder.getState().error === null);
    geo.fail(1);
    expect(recorder.getState()).toMatchObject({ recording: false, error: 'denied' });
    expect(geo.watchers.size).toBe(0);
    await until(async () => ((await engine.db.meta.get('track:inspector')) as TrackMeta).recording === false);
  });

  it('shows but does not record a fix worse than 10 km', async () => {
    const geo = new FakeGeo();
    const { engine, recorder } = boot(geo);
    await recorder.start(A);
    geo.fix(29.84, 114.32, 25_000, T0);
    await recorder.flush();
    expect(recorder.getState()).toMatchObject({ points: 0, lastFix: { accuracyM: 25_000 } });
    expect(await trackItems(engine)).toHaveLength(0);
  });

  it('without a location service it says so', async () => {
    const engine = new OutboxEngine({ api: server.api, username: 'inspector', db: new OutboxDb(dbName), auto: false, locks: null });
    const recorder = new TrackRecorder({ engine, geolocation: null });
    open.push({ engine, recorder });
    await recorder.start(A);
    expect(recorder.getState().error).toBe('unsupported');
  });
});
