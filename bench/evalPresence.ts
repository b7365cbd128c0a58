// npm run eval:presence [-- --honest 20 --seed 15 --concurrency 3]
//
// Proof of presence (防虚假现场工单, issue #15), measured end to end: honest field visits and a catalogue of forged ones
// are played through the real terminal API (the in-process API app and case worker on a task queue of this run, on
// the local stack's Postgres (database jicha_eval), Temporal, S3 store and Keycloak), the way the terminal simulator
// plays a visit: accept, a GPS track of the way there, check-in, photos by presigned PUT + confirm, findings.
//
// Honest visits: a journey of 1.5–5 km (drive, then a walk; a fix every 5–30 s with an accuracy of 5–30 m and the
// position off by about that much, the phone now and then asleep, now and then a wild multipath fix), a check-in at
// the meter box a few tens of metres from the customer's GIS point, 2–3 camera photos with EXIF (time, offset, GPS)
// taken there. An honest visit is flagged when its findings without a justification are refused or put on review.
//
// Forged visits: each pattern is an honest visit with one thing faked. Detected means it cannot pass unnoticed: a step
// is refused (the upload at confirm, the request without a valid DPoP proof) or the findings without a justification
// are refused as a weak visit (422 case-step:PresenceWeak, the case would go on a supervisor's review).
//
// Each visit's case is cancelled when its outcome is known, and each run starts from a new jicha_eval (freshEvalDb), so
// runs repeat. Last line: `presence: detected D/F forged, false flags X/N honest`. Needs the local stack (`npm start`).
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import pg from 'pg';
import piexif from 'piexifjs';
import { ok } from '../client';
import { loadConfig, type Config } from '../config/env';
import { migrate } from '../db/migrate';
import { createPool } from '../db/pool';
import { seedReferenceData } from '../db/seed/seedReference';
import { demoCustomers } from '../db/seed/demoOrg';
import { newDpopKey, signDpopProof } from '../client/dpop';
import { TerminalClient, deviceKeyOnDisk, ensureBoundDevice, login, loginBackOffice, loginWithDpop } from '../scripts/terminal/client';
import { cameraPhoto } from '../scripts/terminal/photos';
import { reEncoded } from '../tests/support/testPhotos';
import { gauss, honestTrack, offset, rng } from '../tests/support/presenceVisits';
import { startHarness, api, type Harness } from '../tests/support/harness';
import { requireStack } from '../tests/support/stackCheck';
import { numberArg } from './args';
import { ensureBenchDb } from './benchDb';
import { withDatabaseName } from '../db/databaseRoles';

const HONEST = numberArg('honest', 20);
const SEED = numberArg('seed', 15);
const CONCURRENCY = Math.max(1, numberArg('concurrency', 3));
const STATION = 'HB.XN.XA.WQ';
const PASSWORD = 'jicha-demo';
const EVAL_DB = 'jicha_eval';

type Site = { lat: number; lon: number };
type Fix = { lat: number; lon: number; at: string; accuracyM: number };
interface PhotoUpload { bytes: Buffer; contentType: string; capturedAt: string; lat: number; lon: number }

/** What a visit fakes; everything not named is done as an honest terminal does it. */
interface Plan {
  track?: (site: Site, now: number, r: () => number) => Fix[];
  /** The device clock's offset from the true time (ms): every time the device writes (fixes, check-in, EXIF) carries it. */
  clockOffsetMs?: number;
  checkIn?: (site: Site, r: () => number) => { lat: number; lon: number; accuracyM: number; mockLocation?: boolean };
  photos?: (ctx: { site: Site; fix: Site; now: number; r: () => number }) => Promise<PhotoUpload[]>;
  /** Runs instead of the visit (requests that must be refused before any step). */
  instead?: (ctx: Ctx, caseId: string) => Promise<Outcome>;
}

interface Outcome { flagged: boolean; how: string }
interface Ctx {
  h: Harness;
  terminal: TerminalClient;
  tokens: Record<'supervisor' | 'admin', string>;
  /** The honest terminal: its device and the DPoP-bound token Keycloak gave it for the device's key. */
  deviceId: string;
  boundToken: string;
}

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const customers = demoCustomers().filter((c) => c.stationId === STATION && c.lat !== null && c.lon !== null);

/** An honest camera photo at `fix`, a few metres off (the phone's own fix), taken at `at` on the device's clock. */
async function honestPhoto(fix: Site, at: number, r: () => number, over: Parameters<typeof cameraPhoto>[0] = {}): Promise<PhotoUpload> {
  const p = offset(fix, gauss(r) * 4, gauss(r) * 4);
  const takenAt = new Date(at);
  return { bytes: await cameraPhoto({ takenAt, lat: p.lat, lon: p.lon, width: 800, height: 600, ...over }), contentType: 'image/jpeg', capturedAt: takenAt.toISOString(), lat: fix.lat, lon: fix.lon };
}

/** `jpeg` with the EXIF of `source` (a forger's re-encoded copy, given a camera's metadata for this visit). */
function withExifOf(jpeg: Buffer, source: Buffer): Buffer {
  const exif = piexif.dump(piexif.load(source.toString('latin1')));
  return Buffer.from(piexif.insert(exif, jpeg.toString('latin1')), 'latin1');
}

/** The honest visit's journey: 1.5–5 km to the door, ending at `now` (device time). */
const honestJourney = (site: Site, now: number, r: () => number): Fix[] =>
  honestTrack(r, site, { end: now, spikes: true }).map((p) => ({ lat: p.lat, lon: p.lon, at: p.at, accuracyM: p.accuracyM ?? 10 }));

/** The inspector stands at the meter box, some tens of metres from the GIS point, with the phone's usual accuracy. */
const honestCheckIn = (site: Site, r: () => number): { lat: number; lon: number; accuracyM: number; mockLocation?: boolean } =>
  ({ ...offset(site, gauss(r) * 25, gauss(r) * 25), accuracyM: Math.round(5 + r() * 25) });

async function openCase(ctx: Ctx, accountNo: string): Promise<string> {
  const created = await api(ctx.h.baseUrl, '/api/cases', { token: ctx.tokens.supervisor, body: { customerAccountNo: accountNo, origin: 'special', note: 'eval:presence' } });
  if (created.status !== 201) throw new Error(`open case: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  for (const deadline = Date.now() + 60_000; ;) {
    const live = await api(ctx.h.baseUrl, `/api/cases/${id}/live`, { token: ctx.tokens.supervisor });
    if (live.body?.stage === 'field_evidence' && live.body.assignee) {
      if (live.body.assignee !== 'inspector') {
        const assigned = await api(ctx.h.baseUrl, `/api/cases/${id}/actions/assign`, { token: ctx.tokens.supervisor, body: { inspector: 'inspector' } });
        if (assigned.status !== 200) throw new Error(`assign case ${id}: ${assigned.status} ${JSON.stringify(assigned.body)}`);
      }
      // the terminal sees the case once the read model holds the offer
      while ((await ctx.h.pool.query("select 1 from cases where id = $1 and pending_user = 'inspector'", [id])).rowCount !== 1) {
        if (Date.now() > deadline) throw new Error(`case ${id} never reached the read model`);
        await new Promise((res) => setTimeout(res, 100));
      }
      return id;
    }
    if (Date.now() > deadline) throw new Error(`case ${id} never reached field evidence`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

const refused = (step: string, status: number, body: unknown): Outcome => {
  const b = body as { code?: string; type?: string; errors?: { code?: string }[] } | undefined;
  const codes = b?.errors?.map((e) => e.code).filter(Boolean) ?? [];
  return { flagged: true, how: `refused at ${step}: ${status} ${b?.code ?? b?.type ?? ''}${codes.length ? ` (${codes.join(', ')})` : ''}` };
};

/**
 * One field visit as planned on a case of its own, cancelled as soon as the outcome is known: the run visits more
 * customers than the station has (a customer has one open case at a time), so a customer comes round again.
 */
async function playVisit(ctx: Ctx, accountNo: string, plan: Plan, seed: number): Promise<Outcome> {
  const caseId = await openCase(ctx, accountNo);
  let outcome: Outcome;
  try {
    outcome = await visit(ctx, accountNo, caseId, plan, seed);
  } catch (e) {
    await cancelCase(ctx, caseId).catch(() => undefined); // the visit's own error is the one to see
    throw e;
  }
  await cancelCase(ctx, caseId);
  return outcome;
}

async function cancelCase(ctx: Ctx, caseId: string): Promise<void> {
  const res = await api(ctx.h.baseUrl, `/api/cases/${caseId}/actions/cancel`, { token: ctx.tokens.supervisor, body: { reason: '评测结束（eval:presence）' } });
  if (res.status !== 200) throw new Error(`cancel case ${caseId}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** The visit itself; the outcome of its findings without a justification. */
async function visit(ctx: Ctx, accountNo: string, caseId: string, plan: Plan, seed: number): Promise<Outcome> {
  const r = rng(seed);
  const c = customers.find((x) => x.accountNo === accountNo)!;
  const site = { lat: c.lat!, lon: c.lon! };
  if (plan.instead) return plan.instead(ctx, caseId);
  const t = ctx.terminal.api;
  const byId = { params: { path: { id: caseId } } };
  ok(await t.POST('/mobile/v1/tasks/{id}/accept', { ...byId, body: {} }));

  const skew = plan.clockOffsetMs ?? 0;
  const device = Date.now() + skew;
  const track = (plan.track ?? honestJourney)(site, device, r);
  // sent in two batches as a terminal does (the overlap is ignored by the server)
  const half = Math.ceil(track.length / 2);
  for (const points of track.length ? [track.slice(0, half), track.slice(Math.max(0, half - 3))] : []) {
    const res = await t.POST('/mobile/v1/track', { body: { caseId, points } });
    if (!res.response.ok) return refused('track', res.response.status, res.error);
  }

  const fix = (plan.checkIn ?? honestCheckIn)(site, r);
  const checkIn = await t.POST('/mobile/v1/tasks/{id}/check-in', {
    ...byId,
    body: { lat: fix.lat, lon: fix.lon, accuracyM: fix.accuracyM, deviceTime: new Date(Date.now() + skew).toISOString(), signals: { source: 'simulator', ...(fix.mockLocation ? { mockLocation: true } : {}) } },
  });
  if (!checkIn.response.ok) return refused('check-in', checkIn.response.status, checkIn.error);

  const photos = plan.photos
    ? await plan.photos({ site, fix, now: Date.now() + skew, r })
    : await Promise.all(Array.from({ length: 2 + Math.floor(r() * 2) }, (_, k) => honestPhoto(fix, Date.now() + skew + k * 20_000, r)));
  for (const p of photos) {
    const ticket = await t.POST('/mobile/v1/tasks/{id}/evidence', {
      ...byId, body: { kind: 'photo', contentType: p.contentType as 'image/jpeg', sizeBytes: p.bytes.length, sha256: sha256(p.bytes), capturedAt: p.capturedAt, lat: p.lat, lon: p.lon },
    });
    if (!ticket.response.ok || !ticket.data) return refused('upload request', ticket.response.status, ticket.error);
    const put = await fetch(ticket.data.upload.url, { method: 'PUT', headers: ticket.data.upload.headers, body: p.bytes });
    if (!put.ok) return { flagged: true, how: `refused by the store: ${put.status}` };
    const confirmed = await t.POST('/mobile/v1/tasks/{id}/evidence/{evidenceId}/confirm', { params: { path: { id: caseId, evidenceId: ticket.data.evidenceId } }, body: {} });
    if (!confirmed.response.ok) return refused('confirm', confirmed.response.status, confirmed.error);
  }

  const detail = ok(await t.GET('/mobile/v1/tasks/{id}', byId));
  const findings = await t.POST('/mobile/v1/tasks/{id}/findings', {
    ...byId,
    body: {
      result: 'confirmed', problemType: 'wrong_tariff', summary: '现场核查：用电性质与档案不符（评测）',
      checklist: detail.checkItems.map((x, i) => ({ code: x.code, passed: i !== 0 })),
    },
  });
  if (!findings.response.ok) {
    const body = findings.error as { code?: string; errors?: { code?: string }[] } | undefined;
    if (body?.code === 'case-step:PresenceWeak') return { flagged: true, how: `weak: ${[...new Set(body.errors?.map((e) => e.code))].join(', ')}` };
    return refused('findings', findings.response.status, findings.error);
  }
  const live = await api(ctx.h.baseUrl, `/api/cases/${caseId}/live`, { token: ctx.tokens.supervisor });
  const verdict = live.body?.findings?.presence as { confidence: number; reasons: { code: string }[] } | undefined;
  const onReview = live.body?.review?.status === 'pending' || live.body?.needsSupervisorReview === true;
  const said = verdict?.reasons.length ? ` (minor: ${verdict.reasons.map((x) => x.code).join(', ')})` : '';
  return onReview
    ? { flagged: true, how: `on review (confidence ${verdict?.confidence})` }
    : { flagged: false, how: `passed, confidence ${verdict?.confidence ?? '?'}${said}` };
}

// ---------------------------------------------------------------- the forged patterns

/** Photos from honest visits of this run, for the copies (filled by the honest visits, which run first). */
const honestPhotos: Buffer[] = [];

const FORGED: [string, Plan][] = [
  ['non-image bytes declared image/jpeg', {
    photos: async ({ fix, now, r }) => [
      { bytes: Buffer.from(`现场照片.jpg — not a photo at all ${crypto.randomUUID()}\n`.repeat(40)), contentType: 'image/jpeg', capturedAt: new Date(now).toISOString(), lat: fix.lat, lon: fix.lon },
      await honestPhoto(fix, now, r),
    ],
  }],
  ['stale EXIF (taken a year ago, declared now)', {
    photos: async ({ fix, now, r }) => [await honestPhoto(fix, now - 365 * 86_400_000, r), await honestPhoto(fix, now - 365 * 86_400_000 + 60_000, r)].map((p) => ({ ...p, capturedAt: new Date(now).toISOString() })),
  }],
  ['distant EXIF (GPS 35 km away)', {
    photos: async ({ fix, now, r }) => {
      const far = offset(fix, 35_000, 0);
      return Promise.all([0, 1].map(async (k) => ({ ...(await honestPhoto(far, now + k * 20_000, r)), lat: fix.lat, lon: fix.lon })));
    },
  }],
  ['stripped EXIF', {
    photos: ({ fix, now, r }) => Promise.all([0, 1].map((k) => honestPhoto(fix, now + k * 20_000, r, { exif: false }))),
  }],
  ['a photo reused from another case', {
    photos: async ({ fix, now, r }) => [
      { bytes: honestPhotos[0], contentType: 'image/jpeg', capturedAt: new Date(now).toISOString(), lat: fix.lat, lon: fix.lon },
      await honestPhoto(fix, now + 20_000, r),
    ],
  }],
  ['a re-encoded near duplicate (EXIF rewritten for the visit)', {
    photos: async ({ fix, now, r }) => {
      const fresh = await honestPhoto(fix, now, r);
      const copy = withExifOf(await reEncoded(honestPhotos[1], { scale: 0.8, quality: 72 }), fresh.bytes);
      return [{ ...fresh, bytes: copy }, await honestPhoto(fix, now + 20_000, r)];
    },
  }],
  ['a teleporting track (8 km to the door in 10 s)', {
    track: (site, now, r) => {
      const desk = offset(site, 6000, 5300);
      const at = (s: number) => new Date(now - s * 1000).toISOString();
      const wander = Array.from({ length: 40 }, (_, k) => ({ ...offset(desk, gauss(r) * 8, gauss(r) * 8), at: at(40 * 15 - k * 15 + 60), accuracyM: 10 }));
      const there = Array.from({ length: 5 }, (_, k) => ({ ...offset(site, gauss(r) * 6, gauss(r) * 6), at: at(50 - k * 10), accuracyM: 8 }));
      return [...wander, ...there];
    },
  }],
  ['no track', { track: () => [] }],
  ['check-in accuracy wider than the fence (3000 m at the door)', { checkIn: (site) => ({ ...site, accuracyM: 3000 }) }],
  ['device clock set 2 h ahead', { clockOffsetMs: 2 * 3600_000 }],
  // beyond the issue's list: what a terminal itself can tell, and a check-in typed in at the desk
  ['mock location reported by the terminal', { checkIn: (site, r) => ({ ...honestCheckIn(site, r), mockLocation: true }) }],
  ['check-in at the customer\'s coordinates, the phone at the office 3 km away', {
    track: (site, now, r) => {
      const office = offset(site, -2400, 1800);
      return Array.from({ length: 60 }, (_, k) => ({ ...offset(office, gauss(r) * 10, gauss(r) * 10), at: new Date(now - (60 - k) * 20_000).toISOString(), accuracyM: 12 }));
    },
    checkIn: (site) => ({ ...site, accuracyM: 5 }),
  }],
  ['a token without a DPoP proof (the password from elsewhere; the terminal\'s own token lifted)', { instead: (ctx, caseId) => foreignRequests(ctx, caseId, 'none') }],
  ['a proof from another key (for the terminal\'s device id)', { instead: (ctx, caseId) => foreignRequests(ctx, caseId, 'other-key') }],
];

/**
 * Someone acting as the inspector's terminal without its key: with a token from the password (a plain bearer token)
 * and with the terminal's own DPoP-bound token lifted off it, they send the first steps of a visit naming the
 * terminal's device id — with no proof, or with proofs of a key of their own. Detected when every request is refused
 * (401/403) and the case did not move.
 */
async function foreignRequests(ctx: Ctx, caseId: string, proof: 'none' | 'other-key'): Promise<Outcome> {
  const { KEYCLOAK_URL, KEYCLOAK_REALM } = ctx.h.config;
  const stolenPassword = await login(KEYCLOAK_URL, KEYCLOAK_REALM, 'inspector', PASSWORD);
  const ownKey = proof === 'other-key' ? (await newDpopKey()).key : null;
  // with their own key a forger can also get a token bound to it: useless for a device registered with another key
  const ownBound = ownKey ? await loginWithDpop(KEYCLOAK_URL, KEYCLOAK_REALM, 'inspector', PASSWORD, ownKey) : null;
  const tokens: [string, string, string][] = [['Bearer', stolenPassword, 'password token'], ['DPoP', ctx.boundToken, 'lifted bound token']];
  if (ownBound) tokens.push(['DPoP', ownBound, 'token bound to their key']);
  const requests: [string, string, unknown][] = [
    ['GET', '/mobile/v1/tasks', undefined],
    ['POST', `/mobile/v1/tasks/${caseId}/accept`, {}],
    ['POST', `/mobile/v1/tasks/${caseId}/check-in`, { lat: 0, lon: 0, accuracyM: 5, deviceTime: new Date().toISOString() }],
  ];
  const answers: string[] = [];
  const passed: string[] = [];
  for (const [scheme, token, what] of tokens) {
    for (const [method, path, body] of requests) {
      const url = `${ctx.h.baseUrl}${path}`;
      const headers: Record<string, string> = { authorization: `${scheme} ${token}`, 'x-device-id': ctx.deviceId, 'idempotency-key': crypto.randomUUID() };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (ownKey) headers.dpop = await signDpopProof(ownKey, { method, url, accessToken: token });
      const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const code = ((await res.json().catch(() => ({}))) as { code?: string }).code ?? '';
      answers.push(`${res.status}${code ? ` ${code}` : ''}`);
      if (res.status !== 401 && res.status !== 403) passed.push(`${method} ${path.replace(caseId, ':id')} with the ${what} → ${res.status}`);
    }
  }
  const live = await api(ctx.h.baseUrl, `/api/cases/${caseId}/live`, { token: ctx.tokens.supervisor });
  if (live.body?.assignment === 'accepted') passed.push('the case was accepted');
  const summary = [...new Set(answers)].join(', ');
  return passed.length ? { flagged: false, how: `not refused: ${passed.join('; ')}` } : { flagged: true, how: `refused: ${answers.length} requests answered ${summary}` };
}

// ---------------------------------------------------------------- run

async function pool<T>(items: T[], n: number, fn: (x: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    for (let i = next++; i < items.length; i = next++) await fn(items[i], i);
  }));
}

/**
 * Each run starts from a new database. A run leaves cases open when it stopped half-way (an error, Ctrl-C) or a cancel
 * at its end was refused, and the next run would meet them: a customer has one open case at a time. Their workflows
 * wait on that run's task queue, which no worker polls any more, so a cancel would never be answered: they are
 * terminated (which needs no worker), then the database is dropped and made again.
 */
async function freshEvalDb(base: Config): Promise<string> {
  const url = await ensureBenchDb(base.DATABASE_URL, EVAL_DB);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  let open: string[] = [];
  try {
    if ((await db.query<{ has: boolean }>(`select to_regclass('public.cases') is not null as has`)).rows[0].has) {
      open = (await db.query<{ workflow_id: string }>(`select workflow_id from cases where stage not in ('closed', 'dismissed', 'cancelled')`)).rows.map((r) => r.workflow_id);
    }
  } finally {
    await db.end();
  }
  if (open.length) {
    const connection = await Connection.connect({ address: base.TEMPORAL_ADDRESS });
    try {
      const client = new Client({ connection, namespace: base.TEMPORAL_NAMESPACE });
      for (const id of open) {
        await client.workflow.getHandle(id).terminate('eval:presence: a new run').catch((e: unknown) => {
          if (!(e instanceof WorkflowNotFoundError)) throw e; // already ended
        });
      }
    } finally {
      await connection.close();
    }
    console.log(`eval:presence — the last run left ${open.length} case(s) open: their workflows terminated`);
  }
  // Dropped by its owner (the app role of DATABASE_URL may not), from the configured database beside it.
  const admin = new pg.Client({ connectionString: withDatabaseName(url, new URL(base.DATABASE_URL).pathname.slice(1)) });
  await admin.connect();
  try {
    await admin.query(`drop database ${EVAL_DB} with (force)`);
  } finally {
    await admin.end();
  }
  return ensureBenchDb(base.DATABASE_URL, EVAL_DB);
}

async function main() {
  await requireStack();
  const base = loadConfig();
  const url = await freshEvalDb(base);
  await migrate(url);
  const seedPool = createPool(url, 2);
  await seedReferenceData(seedPool);
  await seedPool.end();
  process.env.DATABASE_URL = url;
  process.env.LOG_LEVEL ??= 'error';
  // one inspector plays every visit of the run within a minute or two: far beyond a person's budget of changes
  process.env.RATE_LIMIT_MUTATIONS_PER_MIN ??= '1000000';
  process.env.RATE_LIMIT_EXPENSIVE_PER_MIN ??= '1000000';
  // each run's terminal is a new device: its key is a throw-away file, not one of the simulator's kept keys
  process.env.TERMINAL_KEY_DIR ??= path.join(os.tmpdir(), 'jicha-eval-presence-keys');
  const h = await startHarness();
  const t0 = Date.now();
  const outcomes: { honest: Outcome[]; forged: [string, Outcome][] } = { honest: [], forged: [] };
  try {
    const config = h.config;
    // supervisor on /api (the back office's token), admin on the terminal's device routes
    const [supervisor, admin] = await Promise.all([loginBackOffice(config.KEYCLOAK_URL, config.KEYCLOAK_REALM, 'supervisor', PASSWORD).then((t) => t.accessToken), login(config.KEYCLOAK_URL, config.KEYCLOAK_REALM, 'admin', PASSWORD)]);
    // the honest terminal as the simulator runs it: its own key on disk, registered and bound, a DPoP-bound token
    const deviceId = `eval-presence-${crypto.randomUUID().slice(0, 8)}`;
    const deviceKey = await deviceKeyOnDisk(deviceId);
    await ensureBoundDevice(new TerminalClient(h.baseUrl, admin, null), deviceId, 'inspector', 'eval:presence terminal', deviceKey.publicJwk);
    const boundToken = await loginWithDpop(config.KEYCLOAK_URL, config.KEYCLOAK_REALM, 'inspector', PASSWORD, deviceKey);
    const ctx: Ctx = {
      h, terminal: new TerminalClient(h.baseUrl, boundToken, deviceId, { key: deviceKey, boundToken: true }), tokens: { supervisor, admin }, deviceId, boundToken,
    };

    console.log(`eval:presence — ${HONEST} honest visits and ${FORGED.length} forged patterns through the terminal API (seed ${SEED}, database jicha_eval)`);
    const honestSeeds = Array.from({ length: HONEST }, (_, i) => SEED * 1000 + i);
    // honest photos are kept for the copies the forged visits make
    const keep: Plan = {
      photos: async ({ fix, now, r }) => {
        const ps = await Promise.all(Array.from({ length: 2 + Math.floor(r() * 2) }, (_, k) => honestPhoto(fix, now + k * 20_000, r)));
        honestPhotos.push(...ps.map((p) => p.bytes));
        return ps;
      },
    };
    await pool(honestSeeds, CONCURRENCY, async (seed, i) => {
      const o = await playVisit(ctx, customers[i % customers.length].accountNo, keep, seed);
      outcomes.honest[i] = o;
    });
    outcomes.honest.forEach((o, i) => { if (o.flagged) console.log(`  honest visit ${i + 1} (seed ${honestSeeds[i]}): FLAGGED — ${o.how}`); });
    console.log(`honest visits: ${outcomes.honest.filter((o) => !o.flagged).length}/${HONEST} passed without a justification`);

    console.log('forged visits:');
    await pool(FORGED, CONCURRENCY, async ([name, plan], i) => {
      const o = await playVisit(ctx, customers[(HONEST + i) % customers.length].accountNo, plan, SEED * 1000 + 500 + i);
      outcomes.forged[i] = [name, o];
    });
    for (const [name, o] of outcomes.forged) console.log(`  ${o.flagged ? 'detected  ' : 'UNDETECTED'}  ${name.padEnd(72)} ${o.how}`);
  } finally {
    await h.stop();
  }
  const detected = outcomes.forged.filter(([, o]) => o.flagged).length;
  const falseFlags = outcomes.honest.filter((o) => o.flagged).length;
  console.log(`(${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  console.log(`presence: detected ${detected}/${FORGED.length} forged, false flags ${falseFlags}/${HONEST} honest`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
