import crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../../config/env';
import { createPool } from '../../db/pool';
import { appendCaseEvent, verifyCaseChain } from '../../db/caseLog';
import type { CaseEvent, CaseSnapshot } from '../../domain/caseEvents';
import { ownerUrl } from '../support/ownerDb';

// The read-model writer and the hash chain against real Postgres.
const config = loadConfig();
const pool = createPool(config.DATABASE_URL, 3);
afterAll(() => pool.end());

const snap = (over: Partial<CaseSnapshot>): CaseSnapshot => ({
  stage: 'field_evidence', stageRound: 1, priority: 'normal', assignee: 'inspector', pendingRole: 'inspector', pendingUser: 'inspector',
  stageStartedAt: null, deadlineAt: null, escalationTier: 0, problemType: null, needsReview: false, verificationRounds: 0,
  judgementScore: 10, scoreTotal: null, closedAt: null, state: {}, ...over,
});

async function openCase(): Promise<{ id: string; ev: (seq: number, type: string, stage: CaseEvent['stage'], payload?: Record<string, unknown>) => CaseEvent }> {
  const id = crypto.randomUUID();
  const ev = (seq: number, type: string, stage: CaseEvent['stage'], payload: Record<string, unknown> = {}): CaseEvent => ({ caseId: id, seq, type, stage, actor: 'test', payload, occurredAt: new Date(Date.UTC(2026, 10, 1, 0, seq)).toISOString() });
  await appendCaseEvent(pool, ev(1, 'opened', 'judgement', { n: 1 }), undefined, {
    id, workflowId: `case-${id}`, customerAccountNo: '4210000010', origin: 'custom', priority: 'normal', note: null, createdBy: 'test', createdAt: new Date().toISOString(), campaignId: null,
  });
  return { id, ev };
}

test('events are idempotent by (case, seq), out-of-order ones are refused, and escalations open and resolve', async () => {
  const { id, ev } = await openCase();
  expect((await appendCaseEvent(pool, ev(2, 'stage_entered', 'field_evidence'), snap({}))).inserted).toBe(true);
  expect((await appendCaseEvent(pool, ev(2, 'stage_entered', 'field_evidence'), snap({}))).inserted).toBe(false); // activity retry
  await expect(appendCaseEvent(pool, ev(4, 'accepted', 'field_evidence'), snap({}))).rejects.toThrow(/event 4 arrived before event 3/);
  await appendCaseEvent(pool, ev(3, 'escalated', 'field_evidence', { tier: 1 }), snap({ escalationTier: 1 }));
  await appendCaseEvent(pool, ev(4, 'escalated', 'field_evidence', { tier: 2 }), snap({ escalationTier: 2 }));
  const open = await pool.query('select tier from escalations where case_id = $1 and resolved_at is null order by tier', [id]);
  expect(open.rows.map((r) => r.tier)).toEqual([1, 2]);
  await appendCaseEvent(pool, ev(5, 'findings_submitted', 'rectification'), snap({ stage: 'rectification', stageRound: 2, problemType: 'theft' }));
  const after = await pool.query('select tier, resolved_at from escalations where case_id = $1 order by tier', [id]);
  expect(after.rows.map((r) => r.resolved_at?.toISOString())).toEqual([ev(5, '', 'rectification').occurredAt, ev(5, '', 'rectification').occurredAt]);
  const row = (await pool.query('select stage, last_event_seq, problem_type, escalation_tier from cases where id = $1', [id])).rows[0];
  expect(row).toEqual({ stage: 'rectification', last_event_seq: 5, problem_type: 'theft', escalation_tier: 0 });
  expect(await verifyCaseChain(pool, id)).toEqual({ caseId: id, rows: 5, ok: true });
});

test('the log is append-only, and the verify command reports exactly the tampered row', async () => {
  const { id, ev } = await openCase();
  for (const [seq, type] of [[2, 'judged'], [3, 'stage_entered'], [4, 'accepted']] as const) await appendCaseEvent(pool, ev(seq, type, 'field_evidence'), snap({}));
  // the app role may not update the log at all (tests/integration/databaseRoles.test.ts); even the owner meets the trigger
  const admin = new pg.Client({ connectionString: ownerUrl(config.DATABASE_URL) });
  await admin.connect();
  try {
    await expect(admin.query("update case_events set payload = '{}' where case_id = $1 and seq = 2", [id])).rejects.toThrow(/append-only/);
    // an attacker with the owner's (or a superuser's) rights bypasses the trigger; the chain still tells
    await admin.query('set session_replication_role = replica');
    await admin.query(`update case_events set payload = '{"n": 99}' where case_id = $1 and seq = 3`, [id]);
  } finally {
    await admin.end();
  }
  expect(await verifyCaseChain(pool, id)).toEqual({ caseId: id, rows: 4, ok: false, firstBad: { seq: 3, reason: 'content does not match its hash' } });
  const run = promisify(execFile);
  const root = path.resolve(__dirname, '..', '..');
  const out = await run(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'verify-case-log.ts'), id], { cwd: root, env: { ...process.env, DATABASE_URL: config.DATABASE_URL } }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );
  expect(out.code).toBe(1);
  expect(out.stdout).toContain(`TAMPERED case ${id}: row 3 — content does not match its hash`);
});

test('a recording_failed placeholder moves the read model as the refused event would have (it resolves the step\'s escalations)', async () => {
  const { id, ev } = await openCase();
  await appendCaseEvent(pool, ev(2, 'stage_entered', 'field_evidence'), snap({}));
  await appendCaseEvent(pool, ev(3, 'escalated', 'field_evidence', { tier: 1 }), snap({ escalationTier: 1 }));
  const placeholder = ev(4, 'recording_failed', 'field_evidence', { eventType: 'findings_submitted', code: 'CASE_LOG_VALUE_REFUSED', sqlState: '22P05' });
  await appendCaseEvent(pool, placeholder, snap({ stage: 'rectification', stageRound: 2, problemType: 'theft' }));
  const open = await pool.query('select count(*)::int as n from escalations where case_id = $1 and resolved_at is null', [id]);
  expect(open.rows[0].n).toBe(0);
  const row = (await pool.query('select stage, last_event_seq from cases where id = $1', [id])).rows[0];
  expect(row).toEqual({ stage: 'rectification', last_event_seq: 4 });
  expect(await verifyCaseChain(pool, id)).toEqual({ caseId: id, rows: 4, ok: true });
});

test('the verify command refuses a case id that names no case, and a malformed one, instead of saying ok', async () => {
  const run = promisify(execFile);
  const root = path.resolve(__dirname, '..', '..');
  const verify = (id: string) => run(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'verify-case-log.ts'), id], { cwd: root, env: { ...process.env, DATABASE_URL: config.DATABASE_URL } }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
  const unknown = crypto.randomUUID();
  const none = await verify(unknown);
  expect(none).toMatchObject({ code: 1, stdout: '' });
  expect(none.stderr).toContain(`案件不存在：${unknown} / No case with id ${unknown}`);
  const malformed = await verify('JC-2026-not-a-uuid');
  expect(malformed).toMatchObject({ code: 1, stdout: '' });
  expect(malformed.stderr).toContain('案件编号格式无效：JC-2026-not-a-uuid（应为 UUID）/ Not a case id: JC-2026-not-a-uuid (expected a UUID)');
  const { id } = await openCase();
  expect(await verify(id)).toMatchObject({ code: 0, stdout: expect.stringContaining(`ok: case ${id}, 1 rows`) });
});
