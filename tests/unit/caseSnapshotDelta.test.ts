import fc from 'fast-check';
import type { CaseSnapshot } from '../../domain/caseEvents';
import { applySnapshotDelta, isSnapshotDelta, snapshotColumns, snapshotDelta } from '../../domain/caseSnapshotDelta';

// The change a case event sends the read model under the history diet (#19), and its inverse as the projection applies it.

const snap = (over: Partial<CaseSnapshot> = {}): CaseSnapshot => ({
  stage: 'field_evidence', stageRound: 2, priority: 'normal', assignee: 'inspector', pendingRole: 'inspector', pendingUser: 'inspector',
  stageStartedAt: '2026-11-02T01:00:00.000Z', deadlineAt: '2026-11-04T01:00:00.000Z', deadlineProvisional: false, escalationTier: 0, problemType: null,
  needsReview: false, reviewPending: false, presenceConfidence: null, verificationRounds: 0, judgementScore: 70, scoreTotal: null, closedAt: null,
  state: { stage: 'field_evidence', evidence: [{ evidenceId: 'ev-1' }], notes: [], review: null, findings: null },
  ...over,
});

test('an attached photo sends the evidence list and nothing else of the state; the step columns always go', () => {
  const prev = snap();
  const next = snap({ state: { ...(prev.state as object), evidence: [{ evidenceId: 'ev-1' }, { evidenceId: 'ev-2' }] } });
  expect(snapshotDelta(prev, next)).toEqual({
    kind: 'delta',
    columns: { stage: 'field_evidence', stageRound: 2, escalationTier: 0 },
    state: { set: { evidence: [{ evidenceId: 'ev-1' }, { evidenceId: 'ev-2' }] }, removed: [] },
  });
});

test('changed columns go with their new value, null included; a key that disappeared from the state is removed', () => {
  const prev = snap({ state: { stage: 'field_evidence', review: { status: 'pending' }, gone: undefined, notes: [] } });
  const next = snap({
    stage: 'rectification', stageRound: 3, assignee: null, pendingRole: 'station_lead', pendingUser: 'lead', problemType: 'theft', presenceConfidence: 0.4,
    state: { stage: 'rectification', notes: [] },
  });
  const d = snapshotDelta(prev, next)!;
  expect(d.columns).toEqual({ stage: 'rectification', stageRound: 3, escalationTier: 0, assignee: null, pendingRole: 'station_lead', pendingUser: 'lead', problemType: 'theft', presenceConfidence: 0.4 });
  expect(d.state).toEqual({ set: { stage: 'rectification' }, removed: ['review'] });
  expect(applySnapshotDelta(prev, d)).toEqual({ ...snapshotColumns(next), state: { stage: 'rectification', notes: [] } });
});

test('the optional columns of older snapshots count at their stored defaults, so they are no change', () => {
  const { deadlineProvisional: _a, reviewPending: _b, presenceConfidence: _c, ...old } = snap();
  expect(snapshotDelta(old, snap())!.columns).toEqual({ stage: 'field_evidence', stageRound: 2, escalationTier: 0 });
});

test('a state that is no object has no delta (the recorder sends it whole); a full snapshot is not taken for a delta', () => {
  expect(snapshotDelta(snap({ state: null }), snap())).toBeNull();
  expect(snapshotDelta(snap(), snap({ state: [1, 2] }))).toBeNull();
  expect(isSnapshotDelta(snap())).toBe(false);
  expect(isSnapshotDelta(snapshotDelta(snap(), snap())!)).toBe(true);
});

// States as JSON carries them: top-level keys from a small alphabet, so successive states share, change and drop keys.
const jsonValue = fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
const state = fc.dictionary(fc.constantFrom('stage', 'evidence', 'notes', 'review', 'findings', 'score', 'checkIns'), jsonValue, { maxKeys: 7 });
const columns = fc.record({
  stage: fc.constantFrom('field_evidence', 'rectification', 'verification', 'closed' as const),
  stageRound: fc.integer({ min: 0, max: 9 }),
  escalationTier: fc.integer({ min: 0, max: 3 }),
  assignee: fc.option(fc.constantFrom('inspector', 'inspector-b'), { nil: null }),
  verificationRounds: fc.integer({ min: 0, max: 3 }),
  scoreTotal: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
});
const snapshot = fc.tuple(columns, state).map(([c, s]) => snap({ ...c, state: s }));

test('property: along any chain of snapshots, applying each delta to the last result gives the snapshot itself', () => {
  fc.assert(fc.property(fc.array(snapshot, { minLength: 2, maxLength: 8 }), (chain) => {
    let projected = chain[0];
    for (const next of chain.slice(1)) {
      const d = snapshotDelta(projected, next)!;
      projected = applySnapshotDelta(projected, d);
      expect(projected).toEqual({ ...snapshotColumns(next), state: next.state });
    }
  }));
});

test('property: a delta carries only the keys that differ, and removes only keys the base had', () => {
  fc.assert(fc.property(snapshot, snapshot, (prev, next) => {
    const d = snapshotDelta(prev, next)!;
    const was = prev.state as Record<string, unknown>;
    const is = next.state as Record<string, unknown>;
    for (const [k, v] of Object.entries(d.state.set)) expect(JSON.stringify(was[k])).not.toBe(JSON.stringify(v));
    for (const k of Object.keys(is)) if (!(k in d.state.set)) expect(JSON.stringify(was[k])).toBe(JSON.stringify(is[k]));
    expect(d.state.removed.every((k) => k in was && !(k in is))).toBe(true);
  }));
});
