import crypto from 'node:crypto';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { demoCustomers } from '../../db/seed/demoOrg';
import { integritySample } from '../../db/evidenceIntegrity';
import { createS3Client } from '../../config/s3';
import { runIntegritySweep } from '../../services/evidence/integritySweep';
import { api, startHarness, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { bindDevice, mobile, newDeviceId, openFieldCase } from '../support/mobile';
import { noiseJpeg, removeScratchBucket, retireScratchEvidence, sha256, uploadAndConfirm } from '../support/evidence';

// The re-verification sweep against a bucket WITHOUT object lock (made here): what the lock prevents is done to the
// stored bytes — an overwrite, a delete — and the sweep must notice, record it and flag it on the case. Then the
// bucket gets versioning (no lock): a restore that gave objects new version ids is put right by --repin.
const ROOT = path.join(__dirname, '..', '..');
const tag = crypto.randomUUID().slice(0, 8);
const BUCKET = `jicha-test-plain-${tag}`;
const ACCOUNT = '4210000014';
const site = demoCustomers().find((c) => c.accountNo === ACCOUNT)!;

let h: Harness;
let s3: ReturnType<typeof createS3Client>;
let who: { token: string; device: string };
let c: Awaited<ReturnType<typeof openFieldCase>>;
const items: Record<'overwritten' | 'deleted' | 'intact', { bytes: Buffer; ev: Awaited<ReturnType<typeof uploadAndConfirm>> }> = {} as never;

const sweep = (runId: string, repin = false) => runIntegritySweep({ pool: h.pool, s3, bucket: BUCKET }, { mode: 'all', caseId: c.id }, { runId: `it-${tag}-${runId}`, repin });
const integrityOf = async () => {
  const r = await api(h.baseUrl, `/api/cases/${c.id}/evidence`, { token: await tokenFor('supervisor') });
  return new Map<string, { integrity: { status: string; flaggedAt: string | null } | null; url: string }>(r.body.map((e: { evidenceId: string }) => [e.evidenceId, e]));
};

beforeAll(async () => {
  h = await startHarness({ env: { S3_BUCKET: BUCKET } });
  s3 = createS3Client(h.config);
  await s3.makeBucket(BUCKET, 'us-east-1'); // no lock, no versioning: what every bucket was before
  const [inspector, admin, supervisor] = await Promise.all([tokenFor('inspector'), tokenFor('admin'), tokenFor('supervisor')]);
  who = { token: inspector, device: newDeviceId('sweep') };
  await bindDevice(h.baseUrl, admin, who.device, 'inspector');
  c = await openFieldCase(h, supervisor, ACCOUNT);
  expect((await mobile(h.baseUrl, `/tasks/${c.id}/accept`, { ...who, body: {} })).status).toBe(200);
  for (const name of ['overwritten', 'deleted', 'intact'] as const) {
    const bytes = await noiseJpeg();
    items[name] = { bytes, ev: await uploadAndConfirm(h, who, c.id, bytes, site) };
  }
}, 120_000);

afterAll(async () => {
  if (h && c) await retireScratchEvidence(h, [c.id]);
  await h?.stop();
  if (s3) await removeScratchBucket(s3, BUCKET);
});

test('on an unversioned bucket, confirm pins the only version there is ("null")', () => {
  for (const { ev } of Object.values(items)) expect(ev.versionId).toBe('null');
});

test('the first sweep finds the three intact and records them; nothing is flagged', async () => {
  const s = await sweep('1');
  expect(s).toMatchObject({ checked: 3, outcomes: { ok: 3, mismatch: 0, missing: 0, 'newer-version': 0 }, failures: [] });
  expect(s.bytes).toBe(Object.values(items).reduce((n, i) => n + i.bytes.length, 0));
  const seen = await integrityOf();
  for (const { ev } of Object.values(items)) expect(seen.get(ev.evidenceId)!.integrity).toMatchObject({ status: 'ok', flaggedAt: null });
});

test('an overwrite is a mismatch and a delete is missing: both recorded, flagged on the case, and the supervisors told', async () => {
  const forged = await noiseJpeg();
  await s3.putObject(BUCKET, items.overwritten.ev.key, forged, forged.length, { 'Content-Type': 'image/jpeg' });
  await s3.removeObject(BUCKET, items.deleted.ev.key);
  const s = await sweep('2');
  expect(s.outcomes).toEqual({ ok: 1, mismatch: 1, missing: 1, 'newer-version': 0 });
  expect(new Set(s.failures.map((f) => `${f.evidenceId}:${f.outcome}`))).toEqual(new Set([`${items.overwritten.ev.evidenceId}:mismatch`, `${items.deleted.ev.evidenceId}:missing`]));

  const mismatch = await h.pool.query('select outcome, sha256, size_bytes, run_id from evidence_integrity_checks where evidence_id = $1 order by checked_at desc limit 1', [items.overwritten.ev.evidenceId]);
  expect(mismatch.rows[0]).toEqual({ outcome: 'mismatch', sha256: sha256(forged), size_bytes: forged.length, run_id: `it-${tag}-2` });

  const seen = await integrityOf();
  expect(seen.get(items.overwritten.ev.evidenceId)!.integrity).toMatchObject({ status: 'mismatch', flaggedAt: expect.any(String) });
  expect(seen.get(items.deleted.ev.evidenceId)!.integrity).toMatchObject({ status: 'missing', flaggedAt: expect.any(String) });
  expect(seen.get(items.intact.ev.evidenceId)!.integrity).toMatchObject({ status: 'ok', flaggedAt: null });

  const notes = await h.pool.query<{ recipient_role: string; recipient_org: string; body: string }>("select recipient_role, recipient_org, body from notifications where case_id = $1 and kind = 'evidence_integrity' order by body", [c.id]);
  expect(notes.rows.map((n) => [n.recipient_role, n.recipient_org])).toEqual([['supervisor', 'HB.XN'], ['supervisor', 'HB.XN']]);
  expect(notes.rows.some((n) => n.body.includes(`证据 ${items.overwritten.ev.evidenceId}（照片）复核未通过：存储的文件与确认时的 SHA-256 不一致`))).toBe(true);
  expect(notes.rows.some((n) => n.body.includes(`证据 ${items.deleted.ev.evidenceId}（照片）复核未通过：确认时的文件版本已不存在`))).toBe(true);
});

test('npm run verify:evidence --case <caseNo> prints progress and a summary and exits 1 on the failures', async () => {
  const env = { ...process.env, S3_BUCKET: BUCKET };
  const r = await promisify(execFile)('npm', ['run', '--silent', 'verify:evidence', '--case', c.caseNo], { cwd: ROOT, env }).then(() => ({ code: 0, stdout: '' }), (e: { code: number; stdout: string }) => e);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain(`case ${c.caseNo}`);
  expect(r.stdout).toContain('3/3 (100%)');
  expect(r.stdout).toContain(`FAILED mismatch evidence ${items.overwritten.ev.evidenceId} case ${c.id}`);
  expect(r.stdout).toMatch(/核验证据 3 件：完好 1，不一致 1，缺失 1，有更新版本 0；/);
  expect(r.stdout).toMatch(/verify:evidence run verify-evidence\/\S+: 3 checked — 1 ok, 1 mismatch, 1 missing, 0 newer-version; .* objects\/s/);
  // a mistyped case is a usage error (2), never a pass
  const bad = await promisify(execFile)('npm', ['run', '--silent', 'verify:evidence', '--', '--case', 'JC-NO-SUCH-CASE'], { cwd: ROOT, env }).then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => e);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('没有工单 JC-NO-SUCH-CASE / no case JC-NO-SUCH-CASE');
}, 60_000);

test('a failure stays flagged after a later ok (the overwrite undone): the case keeps the record', async () => {
  await s3.putObject(BUCKET, items.overwritten.ev.key, items.overwritten.bytes, items.overwritten.bytes.length, { 'Content-Type': 'image/jpeg' });
  await sweep('4');
  const seen = await integrityOf();
  expect(seen.get(items.overwritten.ev.evidenceId)!.integrity).toMatchObject({ status: 'ok', flaggedAt: expect.any(String) });
});

test('after a restore gave the objects new version ids, the sweep says missing; --repin pins the version holding the confirmed bytes', async () => {
  await s3.setBucketVersioning(BUCKET, { Status: 'Enabled' });
  const bytes = await noiseJpeg();
  const ev = await uploadAndConfirm(h, who, c.id, bytes, site);
  expect(ev.versionId).toBe(ev.putVersionId);
  expect(ev.versionId).not.toBe('null');
  // the "restore": the confirmed version is gone, the same bytes are back under a new version id
  await s3.removeObject(BUCKET, ev.key, { versionId: ev.versionId! });
  await s3.putObject(BUCKET, ev.key, bytes, bytes.length, { 'Content-Type': 'image/jpeg' });
  const plain = await sweep('5');
  expect(plain.failures).toContainEqual({ evidenceId: ev.evidenceId, caseId: c.id, outcome: 'missing' });
  const repinned = await sweep('6', true);
  expect(repinned.failures.map((f) => f.evidenceId)).not.toContain(ev.evidenceId);
  const row = await h.pool.query<{ version_id: string }>('select version_id from evidence_uploads where id = $1', [ev.evidenceId]);
  expect(row.rows[0].version_id).not.toBe(ev.versionId);
  const item = (await integrityOf()).get(ev.evidenceId)!;
  expect(new URL(item.url).searchParams.get('versionId')).toBe(row.rows[0].version_id);
  expect(sha256(Buffer.from(await (await fetch(item.url)).arrayBuffer()))).toBe(sha256(bytes));
});

test('the daily sample takes never-checked items first, then the least recently checked', async () => {
  const sample = await integritySample(h.pool, 500);
  const ids = sample.map((t) => t.evidenceId);
  const states = await h.pool.query<{ evidence_id: string; checked_at: Date }>('select evidence_id, checked_at from evidence_integrity where evidence_id = any($1::uuid[])', [ids]);
  const checkedAt = new Map(states.rows.map((r) => [r.evidence_id, r.checked_at.getTime()]));
  const order = ids.map((id) => checkedAt.get(id) ?? -1);
  expect(order).toEqual([...order].sort((a, b) => a - b)); // -1 (never checked) first, then oldest check first
  expect(new Set(ids).size).toBe(ids.length);
});
