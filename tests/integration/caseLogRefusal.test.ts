import crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { verifyCaseChain } from '../../db/caseLog';
import {
  INSPECTION_CASE_WORKFLOW, acceptUpdate, addNoteUpdate, assignUpdate, cancelUpdate, caseWorkflowId, checkInUpdate, declineUpdate, getStateQuery,
  issueRectificationUpdate, submitFindingsUpdate, waitForStageUpdate, type Actor, type InspectionCaseInput,
} from '../../domain/inspectionCaseContract';
import { api, startHarness, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';

// Free text Postgres cannot store (a NUL, a lone UTF-16 surrogate) sent straight through the Temporal client, past the
// HTTP boundary's checks, to the real worker and the real database: the case must keep moving, show the failure, and
// keep a log whose hash chain verifies.
let h: Harness;
let caseId: string;
beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(async () => {
  // the alerts went to every supervisor of the city: do not leave them in the demo users' inboxes
  if (caseId) await h.pool.query("delete from notifications where case_id = $1 and kind = 'recording_failed'", [caseId]);
  await h?.stop();
});

const WQ = 'HB.XN.XA.WQ';
const inspector: Actor = { username: 'inspector', roles: ['inspector'], orgUnit: WQ };
const lead: Actor = { username: 'lead', roles: ['station_lead'], orgUnit: WQ };
const supervisor: Actor = { username: 'supervisor', roles: ['supervisor'], orgUnit: 'HB.XN' };

test('a NUL or a lone surrogate in a custom-case note, a case note, a decline reason and findings: placeholders, a marker, and the case goes on', async () => {
  caseId = crypto.randomUUID();
  const input: InspectionCaseInput = {
    caseId, customerAccountNo: '4210000001', origin: 'custom', note: '自定义稽查\u0000备注', initialAssignee: 'inspector', createdBy: 'inspector', requestedAt: new Date().toISOString(),
  };
  const handle = await h.client.workflow.start(INSPECTION_CASE_WORKFLOW, { taskQueue: h.config.TEMPORAL_TASK_QUEUE, workflowId: caseWorkflowId(caseId), args: [input] });
  let s = await handle.executeUpdate(waitForStageUpdate, { args: [{ stages: ['field_evidence'] }] });
  expect(s).toMatchObject({ stage: 'field_evidence', assignee: 'inspector', recordingFailed: { eventType: 'opened', seq: 1, sqlState: '22021' } });

  s = await handle.executeUpdate(addNoteUpdate, { args: [{ text: '客户称\u0000已缴费', actor: lead }] });
  expect(s.recordingFailed).toMatchObject({ eventType: 'note_added', seq: 4, total: 2 });
  s = await handle.executeUpdate(declineUpdate, { args: [{ reason: '外出\ud800培训', actor: inspector }] });
  expect(s).toMatchObject({ assignee: null, recordingFailed: { eventType: 'declined', seq: 5, sqlState: '22P02', total: 3 } });

  // later steps succeed and are recorded as usual
  await handle.executeUpdate(assignUpdate, { args: [{ inspector: 'inspector', actor: lead }] });
  await handle.executeUpdate(acceptUpdate, { args: [{ actor: inspector }] });
  await handle.executeUpdate(checkInUpdate, { args: [{ lat: 29.8413, lon: 114.3223, accuracyM: 5, deviceTime: new Date().toISOString(), actor: inspector }] });
  s = await handle.executeUpdate(submitFindingsUpdate, {
    args: [{ result: 'confirmed', problemType: 'wrong_tariff', checklist: [], summary: '居民电价\u0000用于经营', justification: '客户拒绝拍照，已录音', actor: inspector }],
  });
  expect(s).toMatchObject({ stage: 'rectification', recordingFailed: { eventType: 'findings_submitted', seq: 9, total: 4 } });
  s = await handle.executeUpdate(issueRectificationUpdate, { args: [{ actions: [{ kind: 'meter_replacement', note: '更换电能表' }], actor: lead }] });
  expect(s.rectification).toMatchObject({ owner: 'lead', issuedBy: 'lead' });

  // the live state through the case API shows the marker
  const live = await api(h.baseUrl, `/api/cases/${caseId}/live`, { token: await tokenFor('supervisor') });
  expect(live.status).toBe(200);
  expect(live.body.recordingFailed).toEqual({ code: 'CASE_LOG_VALUE_REFUSED', eventType: 'findings_submitted', seq: 9, at: expect.any(String), sqlState: '22P05', total: 4 });
  expect(await handle.query(getStateQuery)).toMatchObject({ recordingFailed: { seq: 9 } });

  // the log: contiguous, placeholders where Postgres refused, and a chain that verifies
  const { rows: events } = await h.pool.query<{ seq: number; type: string; actor: string | null; payload: Record<string, unknown> }>(
    'select seq, type, actor, payload from case_events where case_id = $1 order by seq', [caseId],
  );
  expect(events.map((e) => [e.seq, e.type])).toEqual([
    [1, 'recording_failed'], [2, 'judged'], [3, 'stage_entered'], [4, 'recording_failed'], [5, 'recording_failed'], [6, 'assigned'], [7, 'accepted'],
    [8, 'checked_in'], [9, 'recording_failed'], [10, 'rectification_issued'],
  ]);
  expect(events.filter((e) => e.type === 'recording_failed').map((e) => [e.actor, e.payload])).toEqual([
    ['inspector', { eventType: 'opened', code: 'CASE_LOG_VALUE_REFUSED', sqlState: '22021' }],
    ['lead', { eventType: 'note_added', code: 'CASE_LOG_VALUE_REFUSED', sqlState: '22P05' }],
    ['inspector', { eventType: 'declined', code: 'CASE_LOG_VALUE_REFUSED', sqlState: '22P02' }],
    ['inspector', { eventType: 'findings_submitted', code: 'CASE_LOG_VALUE_REFUSED', sqlState: '22P05' }],
  ]);
  expect(await verifyCaseChain(h.pool, caseId)).toEqual({ caseId, rows: 10, ok: true });
  const root = path.resolve(__dirname, '..', '..');
  const verified = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'verify-case-log.ts'), caseId], { cwd: root, env: { ...process.env, DATABASE_URL: h.config.DATABASE_URL } });
  expect(verified.stdout).toContain(`ok: case ${caseId}, 10 rows`);

  // the read model moved on with the steps; it holds the marker and no refused text
  const row = (await h.pool.query('select stage, note, created_by, last_event_seq, problem_type, snapshot from cases where id = $1', [caseId])).rows[0];
  expect(row).toMatchObject({ stage: 'rectification', note: null, created_by: 'inspector', last_event_seq: 10, problem_type: 'wrong_tariff' });
  expect(row.snapshot.recordingFailed).toMatchObject({ seq: 9, total: 4 });
  expect(row.snapshot.notes[0].text).toBe('客户称\uFFFD已缴费');

  // the city's supervisors were told, once per refused event
  const alerts = await h.pool.query('select dedupe_key, recipient_role, recipient_org from notifications where case_id = $1 and kind = $2 order by id', [caseId, 'recording_failed']);
  expect(alerts.rows).toEqual([1, 4, 5, 9].map((seq) => ({ dedupe_key: `${caseId}/recording-failed/${seq}#0`, recipient_role: 'supervisor', recipient_org: 'HB.XN' })));

  await handle.executeUpdate(cancelUpdate, { args: [{ reason: '测试结束', actor: supervisor }] });
  expect((await handle.result()).stage).toBe('cancelled');
}, 180_000);
