import crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../../config/env';
import { createS3Client } from '../../config/s3';
import { createPool } from '../../db/pool';
import { appendAudit, auditEntryHash, auditEntryOf, verifyAuditChain, type AuditEntry, type AuditRow } from '../../db/auditLog';
import { appendCaseEvent, sha256Hex, verifyCaseChain } from '../../db/caseLog';
import { caseEventHashInput, type CaseEvent } from '../../domain/caseEvents';
import { anchorObjectKey, type SignedLogAnchor } from '../../domain/logAnchor';
import { ensureLogAnchorSchedule } from '../../worker/schedules';
import { anchorLogs, checkAuditAgainstAnchor, checkCaseLogAgainstAnchor, latestAnchor, type AnchorStore } from '../../services/integrity/logAnchors';
import { ownerUrl } from '../support/ownerDb';

// #18: signed anchors of the logs' heads in the evidence store, against real Postgres and S3. Every tampering happens in
// a transaction that is rolled back (under the audit chain's lock, so no append links to a row only this test deleted):
// the shared test database's chains are never changed. Anchors go under a scratch prefix of this run.
const config = loadConfig();
const pool = createPool(config.DATABASE_URL, 3);
const s3 = createS3Client(config);
const run = `anchors-test/${crypto.randomUUID()}/`;
const store: AnchorStore = { s3, bucket: config.S3_BUCKET, key: config.LOG_ANCHOR_KEY, prefix: `${run}main/` };
afterAll(() => pool.end());

const AUDIT_CHAIN_LOCK = 4_712_002;
const root = path.resolve(__dirname, '..', '..');

async function script(name: string, args: string[]) {
  return promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', name), ...args], { cwd: root, env: { ...process.env, DATABASE_URL: config.DATABASE_URL } }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );
}

/** Runs `fn` on an owner's connection whose changes bypass the append-only triggers and are all rolled back. */
async function tampered<T>(fn: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: ownerUrl(config.DATABASE_URL) });
  await db.connect();
  try {
    await db.query('begin');
    await db.query('select pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    await db.query('set local session_replication_role = replica');
    return await fn(db);
  } finally {
    await db.query('rollback').catch(() => undefined);
    await db.end();
  }
}

const entry = (tag: string, n: number): AuditEntry => ({
  at: new Date().toISOString(), username: `anchor-test-${tag}`, roles: ['supervisor'], orgUnit: null, device: null, method: 'POST', route: '/api/test', path: '/api/test',
  status: 201, requestId: `${tag}-${n}`, caseId: null,
});

describe('the audit trail against its anchor', () => {
  const tag = crypto.randomUUID().slice(0, 8);
  let anchored: number;
  let mine: AuditRow[];

  beforeAll(async () => {
    for (let n = 0; n < 3; n += 1) await appendAudit(pool, entry(tag, n));
    const w = await anchorLogs(pool, store);
    anchored = w.anchor.audit!.position;
    mine = (await pool.query<AuditRow>(`select * from audit_log where username = $1 order by id`, [`anchor-test-${tag}`])).rows;
    expect(mine).toHaveLength(3);
    expect(anchored).toBeGreaterThanOrEqual(Number(mine[2].id));
  });

  test('the anchor is signed, locked by the bucket and read back as the latest', async () => {
    const latest = await latestAnchor(store);
    expect(latest).toMatchObject({ state: 'ok', anchor: { audit: { position: anchored } } });
    const key = latest.state === 'ok' ? latest.objectKey : '';
    const retention = await s3.getObjectRetention(config.S3_BUCKET, key);
    expect(retention?.mode).toBe(config.EVIDENCE_LOCK_MODE);
  });

  test('deleting the newest rows passes the chain check but not the anchor', async () => {
    const found = await tampered(async (db) => {
      await db.query('delete from audit_log where id >= $1', [mine[1].id]);
      const chain = await verifyAuditChain(db);
      return { chain: chain.ok, anchor: (await checkAuditAgainstAnchor(db, store)).problems };
    });
    expect(found.chain).toBe(true);
    expect(found.anchor).toEqual([expect.stringContaining(`newest rows deleted: the anchor holds row ${anchored}, the log now ends at row ${Number(mine[0].id)}`)]);
  });

  test('editing a row and re-chaining every row after it passes the chain check but not the anchor', async () => {
    const found = await tampered(async (db) => {
      const rows = (await db.query<AuditRow>('select * from audit_log where id >= $1 order by id', [mine[0].id])).rows;
      let prev = rows[0].prev_hash;
      for (const [i, r] of rows.entries()) {
        const e = auditEntryOf(i === 0 ? { ...r, username: 'someone-else' } : r);
        const hash = auditEntryHash(prev, e);
        await db.query('update audit_log set username = $2, prev_hash = $3, hash = $4 where id = $1', [r.id, e.username, prev, hash]);
        prev = hash;
      }
      return { chain: (await verifyAuditChain(db)).ok, anchor: (await checkAuditAgainstAnchor(db, store)).problems };
    });
    expect(found.chain).toBe(true);
    expect(found.anchor).toEqual([expect.stringContaining(`row ${anchored} no longer reproduces the anchored hash: the chain was rewritten`)]);
  });

  test('an anchor whose content was changed after signing is refused', async () => {
    const bad: AnchorStore = { ...store, prefix: `${run}forged/` };
    const signed = JSON.parse((await s3.getObject(config.S3_BUCKET, (await latestAnchor(store) as { objectKey: string }).objectKey).then(async (s) => {
      const chunks: Buffer[] = [];
      for await (const c of s) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    })).toString()) as SignedLogAnchor;
    // a forger moving the anchor back to an earlier row, to hide a truncation
    signed.anchor.audit = { position: Number(mine[0].id), hash: mine[0].hash };
    const body = JSON.stringify(signed);
    await s3.putObject(config.S3_BUCKET, anchorObjectKey(bad.prefix, signed.anchor), body, body.length);
    expect((await checkAuditAgainstAnchor(pool, bad)).problems).toEqual([expect.stringMatching(/^TAMPERED anchor .*the anchor signature does not verify$/)]);
    const out = await script('verify-audit-log.ts', [`--prefix=${bad.prefix}`]);
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/^TAMPERED anchor .*the anchor signature does not verify\n$/);
  });

  test('an anchor hidden behind a delete marker, or overwritten, is reported instead of falling back to an older one', async () => {
    const hidden: AnchorStore = { ...store, prefix: `${run}hidden/` };
    const older = await anchorLogs(pool, hidden, new Date(Date.now() - 60_000));
    const newer = await anchorLogs(pool, hidden);
    expect((await latestAnchor(hidden))).toMatchObject({ state: 'ok', objectKey: newer.objectKey });
    // the lock refuses deleting a version, not adding a delete marker on top of it
    await s3.removeObject(config.S3_BUCKET, newer.objectKey);
    expect((await checkAuditAgainstAnchor(pool, hidden)).problems).toEqual([`TAMPERED anchor ${newer.objectKey} — 最新的锚点被删除标记隐藏 / the latest anchor was hidden behind a delete marker`]);
    const overwritten: AnchorStore = { ...store, prefix: `${run}overwritten/` };
    const w = await anchorLogs(pool, overwritten);
    await s3.putObject(config.S3_BUCKET, w.objectKey, '{}', 2);
    expect((await latestAnchor(overwritten))).toMatchObject({ state: 'bad', objectKey: w.objectKey, problem: expect.stringContaining('it has several versions') });
    expect(older.objectKey > newer.objectKey).toBe(true);
  });

  test('an honest trail with rows after the anchor passes', async () => {
    await appendAudit(pool, entry(tag, 3));
    expect((await checkAuditAgainstAnchor(pool, store)).problems).toEqual([]);
    const out = await script('verify-audit-log.ts', [`--prefix=${store.prefix}`]);
    expect(out).toEqual({ code: 0, stdout: expect.stringMatching(new RegExp(`^ok: \\d+ audit rows, chain intact, agrees with anchor .* \\(row ${anchored}\\)\\n$`)) });
  });
});

describe('the case log against its anchor', () => {
  const id = crypto.randomUUID();
  const ev = (seq: number, type = 'stage_entered'): CaseEvent => ({
    caseId: id, seq, type, stage: 'field_evidence', actor: 'test', payload: { seq }, occurredAt: new Date(Date.now() - (10 - seq) * 60_000).toISOString(),
  });
  const caseStore: AnchorStore = { ...store, prefix: `${run}cases/` };

  beforeAll(async () => {
    await appendCaseEvent(pool, { ...ev(1, 'opened'), stage: 'judgement' }, undefined, {
      id, workflowId: `case-${id}`, customerAccountNo: '4210000010', origin: 'custom', priority: 'normal', note: null, createdBy: 'test', createdAt: ev(1).occurredAt, campaignId: null,
    });
    for (let seq = 2; seq <= 4; seq += 1) await appendCaseEvent(pool, ev(seq));
    await anchorLogs(pool, caseStore);
  });

  const check = async (db: pg.Client | pg.Pool) => ({ chain: (await verifyCaseChain(db, id)).ok, anchor: (await checkCaseLogAgainstAnchor(db, caseStore, id)).problems });

  test('deleting the newest events passes the chain check but not the anchor', async () => {
    const found = await tampered(async (db) => {
      await db.query('delete from case_events where case_id = $1 and seq > 2', [id]);
      await db.query('update cases set last_event_seq = 2 where id = $1', [id]);
      return check(db);
    });
    expect(found).toEqual({ chain: true, anchor: [expect.stringContaining(`TAMPERED case ${id} against anchor`)] });
    expect(found.anchor[0]).toContain('newest rows deleted: the anchor holds row 4, the log now ends at row 2');
  });

  test('editing an event and re-chaining the ones after it passes the chain check but not the anchor', async () => {
    const found = await tampered(async (db) => {
      const rows = (await db.query<{ seq: number; type: string; stage: string; actor: string; payload: Record<string, unknown>; occurred_at: Date; prev_hash: string }>(
        'select * from case_events where case_id = $1 order by seq', [id])).rows;
      let prev = rows[0].prev_hash;
      for (const r of rows) {
        const payload = r.seq === 2 ? { seq: 2, amountYuan: 1 } : r.payload;
        const hash = sha256Hex(caseEventHashInput(prev, { caseId: id, seq: r.seq, type: r.type, stage: r.stage as CaseEvent['stage'], actor: r.actor, payload, occurredAt: r.occurred_at.toISOString() }));
        await db.query('update case_events set payload = $3, prev_hash = $4, hash = $5 where case_id = $1 and seq = $2', [id, r.seq, JSON.stringify(payload), prev, hash]);
        prev = hash;
      }
      return check(db);
    });
    expect(found.chain).toBe(true);
    expect(found.anchor).toEqual([expect.stringContaining('row 4 no longer reproduces the anchored hash: the chain was rewritten')]);
  });

  test('moving the recorded heads along with a rewrite does not match the signed digest', async () => {
    const found = await tampered(async (db) => {
      await db.query('delete from case_events where case_id = $1 and seq > 2', [id]);
      await db.query('update log_anchor_case_heads h set seq = 2, hash = e.hash from case_events e where h.case_id = $1 and e.case_id = $1 and e.seq = 2', [id]);
      return check(db);
    });
    expect(found.chain).toBe(true);
    expect(found.anchor).toEqual([expect.stringContaining('the case chain heads in the database do not match the signed anchor')]);
  });

  test('an honest log with events after the anchor passes, and the verify command says so', async () => {
    await appendCaseEvent(pool, ev(5));
    expect(await check(pool)).toEqual({ chain: true, anchor: [] });
    const out = await script('verify-case-log.ts', [id, `--prefix=${caseStore.prefix}`]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(new RegExp(`^ok: case ${id}, 5 rows\\n1 case\\(s\\) checked, 0 tampered; anchor .*: agrees\\n$`));
  });
});

test('the worker keeps the anchoring schedule at the configured interval, and removes it at 0', async () => {
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const id = `it-log-anchors-${crypto.randomUUID()}`;
  try {
    expect(await ensureLogAnchorSchedule(client, config.TEMPORAL_TASK_QUEUE, 5, id)).toBe('created');
    expect(await ensureLogAnchorSchedule(client, config.TEMPORAL_TASK_QUEUE, 2, id)).toBe('updated');
    const d = await client.schedule.getHandle(id).describe();
    expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: 'logAnchoring' });
    expect(d.spec.intervals?.[0].every).toBe(120_000);
    expect(await ensureLogAnchorSchedule(client, config.TEMPORAL_TASK_QUEUE, 0, id)).toBe('removed');
    await expect(client.schedule.getHandle(id).describe()).rejects.toThrow();
    expect(await ensureLogAnchorSchedule(client, config.TEMPORAL_TASK_QUEUE, 0, id)).toBe('removed');
  } finally {
    await client.schedule.getHandle(id).delete().catch(() => undefined);
    await connection.close();
  }
});
