import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { verifyAuditChain } from '../../db/auditLog';
import { auditRowFor, startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { waitFor } from '../support/mobile';
import { ownerUrl } from '../support/ownerDb';

// Every mutating request lands in the hash-chained audit log; tampering with a row is reported exactly.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(() => h?.stop());

const auditRow = (requestId: string) => auditRowFor(h.pool, requestId);

/** Requests of the last two minutes counted as refused at the gate (other tests may add to the same counts). */
async function refusals(route: string, status: number, username: string): Promise<number> {
  const r = await h.pool.query<{ n: string | null }>(
    `select sum(requests) as n from audit_refusals where route = $1 and status = $2 and username = $3 and minute >= date_trunc('minute', now()) - interval '1 minute'`,
    [route, status, username],
  );
  return Number(r.rows[0].n ?? 0);
}

/** Counts are written every few seconds by the API's audit writer. */
async function waitForCount(read: () => Promise<number>, atLeast: number): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if ((await read()) >= atLeast) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(await read()).toBeGreaterThanOrEqual(atLeast);
}

test('mutating requests are recorded with who, role, unit, device, what and result; reads are not', async () => {
  const token = await tokenFor('supervisor');
  // an X-Device-Id nothing verified is not recorded: the audit trail names only a device a DPoP proof showed
  // (tests/integration/dpop.test.ts records a terminal's)
  const created = await api(h.baseUrl, '/api/cases', { token, body: { duplicateReason: '测试：每个测试单独立案', customerAccountNo: '4210000012' }, headers: { 'x-device-id': 'pc-office-7' } });
  expect(created.status).toBe(201);
  const row = await auditRow(created.headers.get('x-request-id')!);
  expect(row).toMatchObject({ username: 'supervisor', roles: ['supervisor'], org_unit: 'HB.XN', device: null, method: 'POST', route: '/api/cases', path: '/api/cases', status: 201, case_id: created.body.id });

  // The station lead sees the case but may not dismiss it: the workflow's validator refuses (once the case is past its
  // judgement: before that every step is refused as too early, 409).
  await waitFor('the case at field evidence', async () => (await api(h.baseUrl, `/api/cases/${created.body.id}/live`, { token })).body?.stage === 'field_evidence', 60_000);
  const refused = await api(h.baseUrl, `/api/cases/${created.body.id}/actions/dismiss`, { token: await tokenFor('lead'), body: { reason: '试图撤销' } });
  expect(refused.status).toBe(403);
  expect(await auditRow(refused.headers.get('x-request-id')!)).toMatchObject({ username: 'lead', route: '/api/cases/:id/actions/dismiss', status: 403, case_id: created.body.id });

  // Refused at the gate (no token; a role the route does not take): counted per minute, not chained one by one (#18).
  const anonymousBefore = await refusals('/api/cases', 401, '');
  const anonymous = await api(h.baseUrl, '/api/cases', { body: { customerAccountNo: '4210000012' } });
  expect(anonymous.status).toBe(401);
  const inspectorBefore = await refusals('/api/cases', 403, 'inspector');
  const wrongRole = await api(h.baseUrl, '/api/cases', { token: await tokenFor('inspector'), body: { customerAccountNo: '4210000012' } });
  expect(wrongRole.status).toBe(403);
  await waitForCount(() => refusals('/api/cases', 401, ''), anonymousBefore + 1);
  await waitForCount(() => refusals('/api/cases', 403, 'inspector'), inspectorBefore + 1);
  expect((await h.pool.query('select 1 from audit_log where request_id = any($1)', [[anonymous.headers.get('x-request-id'), wrongRole.headers.get('x-request-id')]])).rowCount).toBe(0);

  const read = await api(h.baseUrl, '/api/cases', { token });
  await new Promise((r) => setTimeout(r, 300));
  expect((await h.pool.query('select 1 from audit_log where request_id = $1', [read.headers.get('x-request-id')])).rowCount).toBe(0);
  // the app role may not delete at all (tests/integration/databaseRoles.test.ts); even the owner meets the trigger
  const owner = new pg.Client({ connectionString: ownerUrl(h.config.DATABASE_URL) });
  await owner.connect();
  await expect(owner.query('delete from audit_log where request_id = $1', [created.headers.get('x-request-id')])).rejects.toThrow(/append-only/).finally(() => owner.end());
});

test('the verify command reports exactly the edited audit row', async () => {
  const token = await tokenFor('supervisor');
  const res = await api(h.baseUrl, '/api/cases', { token, body: { duplicateReason: '测试：每个测试单独立案', customerAccountNo: '4210000013' } });
  const row = await auditRow(res.headers.get('x-request-id')!);
  expect((await verifyAuditChain(h.pool)).ok).toBe(true);

  const admin = new pg.Client({ connectionString: ownerUrl(h.config.DATABASE_URL) });
  await admin.connect();
  const run = promisify(execFile);
  const root = path.resolve(__dirname, '..', '..');
  try {
    await admin.query('set session_replication_role = replica');
    await admin.query("update audit_log set username = 'someone-else' where id = $1", [row.id]);
    expect(await verifyAuditChain(h.pool)).toMatchObject({ ok: false, firstBad: { id: Number(row.id), reason: 'content does not match its hash' } });
    const out = await run(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'verify-audit-log.ts')], { cwd: root, env: { ...process.env, DATABASE_URL: h.config.DATABASE_URL } }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    expect(out).toEqual({ code: 1, stdout: `TAMPERED audit row ${row.id} — content does not match its hash\n` });
  } finally {
    // put the row back so the shared test database's chain stays intact for the next run
    await admin.query('update audit_log set username = $2 where id = $1', [row.id, row.username]);
    await admin.end();
  }
  expect((await verifyAuditChain(h.pool)).ok).toBe(true);
});
