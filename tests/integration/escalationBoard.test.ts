import crypto from 'node:crypto';
import { appendCaseEvent } from '../../db/caseLog';
import { createCaseActivities } from '../../activities/caseActivities';
import type { CaseSnapshot } from '../../domain/caseEvents';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';

// The escalation board and the inbox read what the workflow's activities write, scoped to the caller's unit.
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ inProcessWorker: false });
}, 60_000);
afterAll(() => h?.stop());

const snap = (tier: number): CaseSnapshot => ({
  stage: 'field_evidence', stageRound: 1, priority: 'high', assignee: 'inspector', pendingRole: 'inspector', pendingUser: 'inspector',
  stageStartedAt: null, deadlineAt: '2026-11-20T00:00:00.000Z', escalationTier: tier, problemType: null, needsReview: false,
  verificationRounds: 0, judgementScore: null, scoreTotal: null, closedAt: null, state: {},
});

test('supervisors see open escalations of their city by tier; an inspector elsewhere sees none; inbox by user and role', async () => {
  const id = crypto.randomUUID();
  const at = (m: number) => new Date(Date.UTC(2026, 10, 21, 0, m)).toISOString();
  await appendCaseEvent(h.pool, { caseId: id, seq: 1, type: 'opened', stage: 'judgement', actor: 't', payload: {}, occurredAt: at(0) }, undefined, {
    id, workflowId: `case-${id}`, customerAccountNo: '4210000011', origin: 'routine', priority: 'high', note: null, createdBy: 't', createdAt: at(0), campaignId: null,
  });
  await appendCaseEvent(h.pool, { caseId: id, seq: 2, type: 'escalated', stage: 'field_evidence', actor: null, payload: { tier: 1 }, occurredAt: at(1) }, snap(1));
  await appendCaseEvent(h.pool, { caseId: id, seq: 3, type: 'escalated', stage: 'field_evidence', actor: null, payload: { tier: 2 }, occurredAt: at(2) }, snap(2));
  const { notify } = createCaseActivities({ pool: h.pool });
  const n = { caseId: id, kind: 'escalation_tier2', title: 't', body: 'b', at: at(2), dedupeKey: `${id}/1/tier2`, recipients: [{ role: 'supervisor' as const, orgUnit: 'HB.XN' }, { username: 'inspector', orgUnit: 'HB.XN.XA.WQ' }] };
  expect(await notify(n)).toBe(2);
  expect(await notify(n)).toBe(0); // a retried activity notifies nobody twice

  const [supervisor, jiayu, inspector] = await Promise.all([tokenFor('supervisor'), tokenFor('inspector2'), tokenFor('inspector')]);
  const board = await api(h.baseUrl, '/api/escalations?range=[0,499]', { token: supervisor });
  expect(board.status).toBe(200);
  const mine = board.body.filter((e: { caseId: string }) => e.caseId === id);
  expect(mine.map((e: { tier: number }) => e.tier)).toEqual([2, 1]);
  const tier2 = await api(h.baseUrl, '/api/escalations?filter={"tier":2}&range=[0,499]', { token: supervisor });
  expect(tier2.body.every((e: { tier: number }) => e.tier === 2)).toBe(true);
  expect((await api(h.baseUrl, '/api/escalations', { token: jiayu })).status).toBe(403); // inspectors have no board

  const inboxSup = await api(h.baseUrl, '/api/notifications', { token: supervisor });
  expect(inboxSup.body.filter((x: { caseId: string }) => x.caseId === id)).toHaveLength(1);
  const inboxInsp = await api(h.baseUrl, '/api/notifications', { token: inspector });
  expect(inboxInsp.body.filter((x: { caseId: string }) => x.caseId === id)).toHaveLength(1);
  const inboxJiayu = await api(h.baseUrl, '/api/notifications', { token: jiayu });
  expect(inboxJiayu.body.filter((x: { caseId: string }) => x.caseId === id)).toHaveLength(0);
});
