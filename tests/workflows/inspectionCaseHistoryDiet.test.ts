import type { WorkflowHandle } from '@temporalio/client';
import type { CaseSnapshot } from '../../domain/caseEvents';
import { caseSnapshotOf } from '../../domain/caseSnapshot';
import { isSnapshotDelta, snapshotColumns } from '../../domain/caseSnapshotDelta';
import {
  acceptUpdate, addNoteUpdate, attachEvidenceUpdate, checkInUpdate, getStateQuery, issueRectificationUpdate, reportRectifiedUpdate, submitFindingsUpdate, verifyUpdate,
} from '../../domain/inspectionCaseContract';
import { useTimeSkipping } from '../support/timeSkipping';
import { ACTORS, onSiteNow, photo, startCase, stubActivities, withCaseWorker } from './caseTestKit';
import { maybeRecordHistory } from './recordHistory';

// The history diet (#19): events send the read model what changed; applied in order, the changes give what full
// snapshots gave. The stub applies each change to the previous snapshot as the projection does (jsonb || and -).
const ts = useTimeSkipping();

/** The read model a full snapshot of the workflow's current state gives (stageRound is no column). */
async function fullProjection(h: WorkflowHandle) {
  const { stageRound: _r, ...columns } = snapshotColumns(caseSnapshotOf(await h.query(getStateQuery), 0));
  return { ...columns, state: await h.query(getStateQuery) };
}
const readModel = (s: CaseSnapshot) => {
  const { stageRound: _r, ...columns } = snapshotColumns(s);
  return { ...columns, state: s.state };
};

test('a case through every stage: changes in between, full snapshots first and at the close, and the read model equal to the workflow state after each step', async () => {
  const { activities, rec } = stubActivities();
  await withCaseWorker(ts.env, ts.bundle, activities, async (tq) => {
    const h = await startCase(ts.env, tq);
    const steps: (() => Promise<unknown>)[] = [
      () => h.executeUpdate(acceptUpdate, { args: [{ actor: ACTORS.inspector }] }),
      async () => h.executeUpdate(checkInUpdate, { args: [{ ...(await onSiteNow(ts.env)), actor: ACTORS.inspector }] }),
      () => h.executeUpdate(attachEvidenceUpdate, { args: [{ ...photo(1), actor: ACTORS.inspector }] }),
      () => h.executeUpdate(attachEvidenceUpdate, { args: [{ ...photo(2), actor: ACTORS.inspector }] }),
      () => h.executeUpdate(addNoteUpdate, { args: [{ text: '客户现场经营餐馆', actor: ACTORS.inspector }] }),
      () => h.executeUpdate(submitFindingsUpdate, { args: [{ result: 'confirmed', problemType: 'wrong_tariff', checklist: [{ code: 'TARIFF_NATURE', passed: false }], summary: '现场为餐馆，执行居民电价', actor: ACTORS.inspector }] }),
      () => h.executeUpdate(issueRectificationUpdate, { args: [{ actions: [{ kind: 'tariff_reclassification', fromCategory: 'residential', toCategory: 'commercial', effectiveDate: '2016-04-15' }], actor: ACTORS.lead }] }),
      () => h.executeUpdate(reportRectifiedUpdate, { args: [{ summary: '第1次整改', actor: ACTORS.lead }] }),
      () => h.executeUpdate(verifyUpdate, { args: [{ outcome: 'reject', reason: '电价未变更', actor: ACTORS.supervisor }] }),
      () => h.executeUpdate(reportRectifiedUpdate, { args: [{ summary: '第2次整改', tariffChangedOn: '2016-04-15', actor: ACTORS.lead }] }),
    ];
    // each step's Update answers once its event is written (the opening's waitForStage does not wait for that)
    for (const step of steps) {
      await step();
      expect(readModel(rec.snapshots.at(-1)!)).toEqual(await fullProjection(h));
    }
    await h.executeUpdate(verifyUpdate, { args: [{ outcome: 'pass', actor: ACTORS.supervisor }] });
    const final = await h.result();
    expect(final.stage).toBe('closed');
    expect(readModel(rec.snapshots.at(-1)!)).toEqual(readModel(caseSnapshotOf(final, 0)));

    // what went through the history: the first snapshot whole (nothing to change yet), then changes, the close whole
    const kinds = rec.changes.map((c) => (c === undefined ? 'none' : isSnapshotDelta(c) ? 'delta' : 'full'));
    expect(kinds[0]).toBe('full');
    expect(kinds.at(-1)).toBe('full');
    expect(rec.events.at(-1)!.type).toBe('closed');
    expect(kinds.slice(1, -1).every((k) => k === 'delta')).toBe(true);
    expect(kinds.length).toBeGreaterThan(15);
    // a photo's change carries the evidence list (and the event counter), not the rest of the state
    const photoChange = rec.changes[rec.events.findIndex((e) => e.type === 'evidence_attached') - 1];
    expect(photoChange && isSnapshotDelta(photoChange) && Object.keys(photoChange.state.set).sort()).toEqual(['eventSeq', 'evidence']);
    await maybeRecordHistory('history-diet', h);
  });
});
