import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { getStateQuery } from '../../domain/inspectionCaseContract';
import { verifyCaseChain } from '../../db/caseLog';
import { startHarness, type Harness } from '../support/harness';
import { terminalTokenFor, tokenFor } from '../support/keycloak';
import { newDeviceId, openFieldCase } from '../support/mobile';
import { TerminalClient, ensureBoundDevice } from '../../scripts/terminal/client';
import { playVisit } from '../../scripts/terminal/visit';

// `npm run terminal -- visit <caseId>` against a real API + worker: Keycloak direct grant, device binding by the
// admin, GPS track, check-in, photos through the S3 store, findings as workflow Updates.
const run = promisify(execFile);
const ROOT = path.join(__dirname, '../..');
let h: Harness;
let supervisor: string;

beforeAll(async () => {
  h = await startHarness();
  supervisor = await tokenFor('supervisor');
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

function terminal(args: string[], device: string) {
  return run(process.execPath, ['--import', 'tsx', 'scripts/terminal.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, JICHA_URL: h.baseUrl, TERMINAL_USER: 'inspector', TERMINAL_DEVICE: device },
    timeout: 120_000,
  });
}

test('`npm run terminal -- visit <caseId>` completes the field stage of a demo case end to end', async () => {
  // the pilot's case: the "professional cooperative" on the residential tariff
  const c = await openFieldCase(h, supervisor, '4210000001', 'special');
  const device = newDeviceId('sim');

  const tasks = await terminal(['tasks'], device);
  expect(tasks.stdout).toContain(`device ${device} registered and bound to inspector`);
  expect(tasks.stdout).toMatch(new RegExp(`${c.id}\\s+${c.caseNo}\\s+field_evidence\\s+offered`));

  const visit = await terminal(['visit', c.id], device);
  const out = visit.stdout;
  expect(out).not.toContain('registered and bound'); // bound once, reused
  expect(out).toContain('accepted; deadline');
  expect(out).toContain('navigation: geo:29.841300,114.322300?q=29.841300,114.322300(咸安区金桂农民专业合作社) — ');
  expect(out).toMatch(/ — 1\d{3} m at bearing \d+°/);
  expect(out).toMatch(/GPS track: 30 points stored, 3 re-sent duplicates ignored/);
  expect(out).toMatch(/check-in: \d m from the customer, inside the geofence/);
  expect(out.match(/uploaded and verified/g)).toHaveLength(2);
  expect(out).toContain(`visit done: ${c.caseNo} at rectification`);

  const s = await c.handle.query(getStateQuery);
  expect(s).toMatchObject({ stage: 'rectification', assignment: 'accepted', needsSupervisorReview: false, findings: { result: 'confirmed', problemType: 'wrong_tariff', by: 'inspector' } });
  expect(s.evidence.filter((e) => e.verified && e.kind === 'photo')).toHaveLength(2);
  expect(s.checkIns.every((x) => x.insideGeofence)).toBe(true);
  const points = await h.pool.query<{ n: number }>('select count(*)::int as n from gps_points where case_id = $1 and device_id = $2', [c.id, device]);
  expect(points.rows[0].n).toBe(30);
  const objects = await h.pool.query("select count(*)::int as n from evidence_uploads where case_id = $1 and status = 'confirmed'", [c.id]);
  expect(objects.rows[0].n).toBe(2);
  expect((await verifyCaseChain(h.pool, c.id)).ok).toBe(true);

  const again = await terminal(['visit', c.id], device).catch((e: { code: number; stderr: string }) => e);
  expect((again as { code: number }).code).toBe(1);
  expect((again as { stderr: string }).stderr).toContain('is at rectification, not field evidence');
}, 180_000);

test('a visit without a finding ends the case through assessment (the simulator as a library)', async () => {
  const c = await openFieldCase(h, supervisor, '4210000012');
  const admin = new TerminalClient(h.baseUrl, await tokenFor('admin'), null);
  const device = newDeviceId('sim');
  expect(await ensureBoundDevice(admin, device, 'inspector', 'test simulator')).toBe('bound');
  expect(await ensureBoundDevice(admin, device, 'inspector', 'test simulator')).toBe('already');
  const lines: string[] = [];
  const r = await playVisit(new TerminalClient(h.baseUrl, await terminalTokenFor('inspector'), device), c.id, { result: 'not_confirmed', log: (l) => lines.push(l) });
  expect(['assessment', 'closed']).toContain(r.stage);
  expect(r.checkIn.insideGeofence).toBe(true);
  expect(r.evidenceIds).toHaveLength(2);
  const final = await c.handle.result();
  expect(final.stage).toBe('closed');
  expect(final.findings).toMatchObject({ result: 'not_confirmed' });
  expect(lines.some((l) => l.startsWith('findings submitted (not_confirmed)'))).toBe(true);
}, 180_000);
