import { asCaseLogRefusal } from '../../activities/caseLogRefusal';
import type { CaseEvent, CaseSnapshot } from '../../domain/caseEvents';
import type { CaseSnapshotDelta } from '../../domain/caseSnapshotDelta';
import { storableCopy } from '../../domain/caseLogRefusal';
import {
  acceptUpdate, addNoteUpdate, cancelUpdate, declineUpdate, getStateQuery, type InspectionCaseInput,
} from '../../domain/inspectionCaseContract';
import { useTimeSkipping } from '../support/timeSkipping';
import { ACTORS, newInput, startCase, stubActivities, withCaseWorker } from './caseTestKit';

// The recording activities refuse what Postgres refuses (a NUL, a lone surrogate in text or jsonb) with the real
// CaseLogValueRefused failure; the case must go on: placeholder row, marker on the state, supervisor alerted.
const ts = useTimeSkipping();

const storable = (v: unknown) => JSON.stringify(storableCopy(v)) === JSON.stringify(v);
/** Postgres' answer to a value it cannot store: SQLSTATE 22P05 (untranslatable character in jsonb). */
const refused = (e: CaseEvent) => asCaseLogRefusal(Object.assign(new Error('unsupported Unicode escape sequence'), { code: '22P05' }), e);

function postgresLike() {
  const stub = stubActivities();
  const { rec } = stub;
  const refusedRows: CaseEvent[] = [];
  const activities = {
    ...stub.activities,
    async recordCaseOpened(input: InspectionCaseInput, e: CaseEvent) {
      if (!storable(input) || !storable(e)) {
        refusedRows.push(e);
        throw refused(e);
      }
      return stub.activities.recordCaseOpened(input, e);
    },
    async recordCaseEvent(e: CaseEvent, s?: CaseSnapshot | CaseSnapshotDelta) {
      if (!storable(e) || !storable(s ?? null)) {
        refusedRows.push(e);
        throw refused(e);
      }
      return stub.activities.recordCaseEvent(e, s);
    },
  };
  return { activities, rec, refusedRows };
}

test('a note with a NUL and a decline with a lone surrogate: placeholders in the log, a marker, an alert, and the case goes on', async () => {
  const { activities, rec, refusedRows } = postgresLike();
  await withCaseWorker(ts.env, ts.bundle, activities, async (tq) => {
    const h = await startCase(ts.env, tq);
    let s = await h.executeUpdate(addNoteUpdate, { args: [{ text: '客户称\u0000已缴费', actor: ACTORS.lead }] });
    expect(s.recordingFailed).toEqual({ code: 'CASE_LOG_VALUE_REFUSED', eventType: 'note_added', seq: 4, at: expect.any(String), sqlState: '22P05', total: 1 });
    expect(s.notes).toHaveLength(1);

    s = await h.executeUpdate(declineUpdate, { args: [{ reason: '外出\ud800培训', actor: ACTORS.inspector }] });
    expect(s).toMatchObject({ assignee: 'inspector-b', assignment: 'offered', recordingFailed: { eventType: 'declined', seq: 5, total: 2 } });

    // the next steps work and are recorded as usual
    s = await h.executeUpdate(acceptUpdate, { args: [{ actor: ACTORS.inspectorB }] });
    expect(s.assignment).toBe('accepted');
    await h.executeUpdate(addNoteUpdate, { args: [{ text: '已联系客户', actor: ACTORS.lead }] });
    expect((await h.query(getStateQuery)).recordingFailed).toMatchObject({ seq: 5, total: 2 });
    await h.executeUpdate(cancelUpdate, { args: [{ reason: '测试结束', actor: ACTORS.supervisor }] });
    const final = await h.result();
    expect(final.stage).toBe('cancelled');

    expect(refusedRows.map((e) => [e.seq, e.type])).toEqual([[4, 'note_added'], [5, 'declined']]);
    expect(rec.events.map((e) => e.seq)).toEqual(rec.events.map((_, i) => i + 1));
    expect(rec.events.map((e) => e.type)).toEqual(['opened', 'judged', 'stage_entered', 'recording_failed', 'recording_failed', 'accepted', 'note_added', 'cancelled']);
    expect(rec.events[3]).toMatchObject({ actor: 'lead', payload: { eventType: 'note_added', code: 'CASE_LOG_VALUE_REFUSED', sqlState: '22P05' } });
    expect(rec.events[4]).toMatchObject({ actor: 'inspector', stage: 'field_evidence', payload: { eventType: 'declined', code: 'CASE_LOG_VALUE_REFUSED', sqlState: '22P05' } });
    // the read model gets the marker with the placeholder, and never the refused text
    expect(rec.snapshots.every(storable)).toBe(true);
    expect(rec.snapshots.find((x) => (x.state as { recordingFailed: unknown }).recordingFailed)).toMatchObject({ state: { recordingFailed: { seq: 4 } } });
    const alerts = rec.notifications.filter((n) => n.kind === 'recording_failed');
    expect(alerts.map((n) => [n.dedupeKey.split('/').slice(1).join('/'), n.recipients])).toEqual([
      ['recording-failed/4', [{ role: 'supervisor', orgUnit: 'HB.XN' }]],
      ['recording-failed/5', [{ role: 'supervisor', orgUnit: 'HB.XN' }]],
    ]);
    expect(alerts[0].body).toMatch(/^案件日志记录失败：第 4 条事件（note_added）被数据库拒绝（SQLSTATE 22P05）.*\/ Recording failed: event 4 \(note_added\)/);
    expect(alerts.every((n) => storable(n))).toBe(true);
  });
});

test('a custom case whose note has a NUL opens without the note; the opening is marked and the supervisor alerted once the city is known', async () => {
  const { activities, rec, refusedRows } = postgresLike();
  await withCaseWorker(ts.env, ts.bundle, activities, async (tq) => {
    const input = newInput({ origin: 'custom', note: '自定义稽查\u0000备注', createdBy: 'inspector', initialAssignee: 'inspector' });
    const h = await startCase(ts.env, tq, input);
    const s = await h.query(getStateQuery);
    expect(s).toMatchObject({ stage: 'field_evidence', assignee: 'inspector', caseNo: 'JC-2026-000042', recordingFailed: { eventType: 'opened', seq: 1, total: 1 } });
    expect(refusedRows.map((e) => e.type)).toEqual(['opened']);
    expect(rec.events.map((e) => e.type)).toEqual(['recording_failed', 'judged', 'stage_entered']);
    expect(rec.events[0]).toMatchObject({ seq: 1, actor: 'inspector', payload: { eventType: 'opened', code: 'CASE_LOG_VALUE_REFUSED', sqlState: '22P05' } });
    expect(rec.notifications.filter((n) => n.kind === 'recording_failed').map((n) => n.dedupeKey)).toEqual([`${input.caseId}/recording-failed/1`]);
    await h.executeUpdate(acceptUpdate, { args: [{ actor: ACTORS.inspector }] });
    await h.executeUpdate(cancelUpdate, { args: [{ reason: '测试结束', actor: ACTORS.supervisor }] });
    expect((await h.result()).stage).toBe('cancelled');
  });
});
