// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { OutboxDb } from './db';
import { configureOutbox, currentOutbox, stopOutbox } from './runtime';
import { useLocalTrack } from './hooks';
import { FakeServer } from './testing/fakeServer';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

function Track({ caseId }: { caseId: string }) {
  return <output data-testid="track">{useLocalTrack(caseId).map((f) => f.at.slice(11, 19)).join(' ')}</output>;
}

afterEach(() => {
  cleanup();
  const e = currentOutbox();
  stopOutbox();
  e?.db.close();
});

describe('useLocalTrack (the walk the map draws before the server has it)', () => {
  it('joins queued track batches and loose fixes of the case in time order, and drops them once sent', async () => {
    const server = new FakeServer({ now: Date.now() });
    let online = false;
    const engine = configureOutbox({ api: server.api, username: 'inspector', db: new OutboxDb(`track-${Math.random()}`), put: server.put, auto: false, locks: null, isOnline: () => online });
    const fix = (caseId: string, at: string) => engine.db.fixes.add({ username: 'inspector', caseId, lat: 29.8, lon: 114.3, at });
    await fix(A, '2026-12-04T01:00:00.000Z');
    await fix(A, '2026-12-04T01:00:10.000Z');
    await fix(B, '2026-12-04T01:00:05.000Z'); // another case: not drawn on A's map
    await engine.enqueueTrackFixes(A); // batched into a queued track item (offline: not sent)
    await fix(A, '2026-12-04T01:00:20.000Z'); // recorded after the batch
    render(<Track caseId={A} />);
    await waitFor(() => expect(screen.getByTestId('track').textContent).toBe('01:00:00 01:00:10 01:00:20'));
    online = true;
    await engine.drainNow({ force: true });
    await waitFor(() => expect(screen.getByTestId('track').textContent).toBe('01:00:20'));
  });
});
