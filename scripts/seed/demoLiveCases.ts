import type pg from 'pg';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { createApiClient, ok, type ApiBody, type ApiClient, type ApiResponse } from '../../client';
import { jwkThumbprint, type DpopKey } from '../../client/dpop';
import { chinaDate } from '../../domain/calendar';
import type { CasePolicy } from '../../domain/casePolicy';
import { uuidFromKey } from '../../domain/caseIds';
import { caseWorkflowId, type InspectionCaseInput, type ProblemType } from '../../domain/inspectionCaseContract';
import { computedTotalYuan } from '../../domain/penalty';
import { startCaseWorkflow } from '../../services/cases/openCase';
import { TerminalClient, ensureBoundDevice, getTask, login, loginBackOffice, retryingFetch, type RetryPolicy } from '../terminal/client';
import { playVisit } from '../terminal/visit';

// The first start's live cases: workflow cases in every stage, driven the way users drive them — back-office steps
// through the API as the station lead and the supervisor, field steps through the terminal simulator (a bound device,
// a GPS track, photos with EXIF, check-in), so each case's proof of presence is real. Overdue and escalated cases get
// there on the workflow's own clock, under short calendar-day policies whose deadlines pass while the demo is seeded;
// every other case runs under the policy in force, whose next reminder is days away. Re-running changes nothing: case
// ids are fixed, and each case takes only the steps its live state still lacks.

/** Overdue: deadlines of seconds, tier 2 a month after the deadline (the case stays at tier 1). */
export const DEMO_OVERDUE_POLICY = 'demo-overdue-1';
/** Escalated: deadline and both tiers seconds apart (the case reaches tier 3; no timer is left after it). */
export const DEMO_ESCALATED_POLICY = 'demo-escalated-1';

// ~2.6 s in calendar days: short enough to pass while seeding, long enough for the stage to be entered first
const SECONDS = 0.00003;

function demoPolicy(version: string, tierGapDays: number): CasePolicy {
  const d = { low: SECONDS, normal: SECONDS, high: SECONDS, urgent: SECONDS };
  return {
    version,
    deadlines: { field_evidence: d, rectification: d, verification: d },
    escalation: { reminderShare: 0.5, tier2AfterDays: tierGapDays, tier3AfterDays: tierGapDays },
    evidence: { minVerifiedPhotos: 2, geofenceRadiusM: 200, clockToleranceS: 300 },
    calendarDays: true,
  };
}

/**
 * The demo policies, published from a day before every other version (policy-1 is in force from 2000-01-01): never
 * the policy in force, only the one a demo case names. Written as data, like policy-1 itself (the lifecycle publishes
 * from today on only).
 */
export async function ensureDemoPolicies(pool: pg.Pool): Promise<void> {
  for (const p of [demoPolicy(DEMO_OVERDUE_POLICY, 30), demoPolicy(DEMO_ESCALATED_POLICY, SECONDS)]) {
    await pool.query(
      `insert into case_policies (version, effective_from, policy, status, created_by, published_by, published_at)
       values ($1, '1999-01-01T00:00:00+08:00', $2, 'published', 'system', 'system', now()) on conflict (version) do nothing`,
      [p.version, JSON.stringify(p)],
    );
  }
}

/** Where a live case is left. */
export type LiveTarget = 'offered' | 'accepted' | 'rectification_issued' | 'verification' | 'on_review' | 'closed';

export interface LiveCase {
  key: string;
  caseId: string;
  accountNo: string;
  origin: InspectionCaseInput['origin'];
  note: string;
  target: LiveTarget;
  problemType?: ProblemType;
  /** The order: a wrong tariff's re-classification and back-billing with penalty, or a meter replacement. */
  order?: 'wrong_tariff' | 'meter';
  /** The first verification is rejected, the second passes. */
  rejectOnce?: boolean;
  /** Names a demo policy: the case waits until its clock has escalated it this far. */
  policyVersion?: string;
  escalateTo?: 1 | 2 | 3;
  /** A visit whose check-in is this far from the customer (疑似虚假工单): findings with a justification go to review. */
  standOffM?: number;
  summary?: string;
}

export interface LiveCaseAccounts {
  /** The pilot's 白名单居民大电量 customer (专业合作社 on the residential tariff, really a restaurant). */
  pilot: string;
  accepted: string;
  rectification: string;
  verification: string;
  rejectedThenPassed: string;
  onReview: string;
  overdue: string;
  escalated: string;
}

/**
 * The plan: one case per stage. `idKey` names the set (the demo's, or a test's): case ids derive from it and the
 * role, so a second run finds the same cases. `pilotCaseId`: the pilot's case when it exists already (the demo's
 * first case, opened by seed-demo.ts).
 */
export function liveCasePlan(a: LiveCaseAccounts, idKey: string, pilotCaseId?: string): LiveCase[] {
  const id = (role: string) => uuidFromKey('demo-live-case', idKey, role);
  return [
    {
      key: 'pilot', caseId: pilotCaseId ?? id('pilot'), accountNo: a.pilot, origin: 'special', target: 'closed', problemType: 'wrong_tariff', order: 'wrong_tariff',
      note: '白名单居民大电量专项检查：合作社执行居民电价，月用电量偏大',
      summary: '现场核查：“专业合作社”实为餐馆，经营性用电执行居民电价，应改为商业电价；已拍照取证',
    },
    { key: 'accepted', caseId: id('accepted'), accountNo: a.accepted, origin: 'routine', target: 'accepted', note: '稽查监控系统异常工单：居民户月电量突增' },
    {
      key: 'rectification', caseId: id('rectification'), accountNo: a.rectification, origin: 'routine', target: 'rectification_issued', problemType: 'meter_fault', order: 'meter',
      note: '稽查监控系统异常工单：电能表时钟异常、示数停走', summary: '现场核查：电能表液晶黑屏，示数停走，需换表',
    },
    {
      key: 'verification', caseId: id('verification'), accountNo: a.verification, origin: 'special', target: 'verification', problemType: 'wrong_tariff', order: 'wrong_tariff',
      note: '一月一主题：居民电价经营性用电排查', summary: '现场核查：居民户内开设小超市，经营性用电执行居民电价',
    },
    {
      key: 'rejected-then-passed', caseId: id('rejected-then-passed'), accountNo: a.rejectedThenPassed, origin: 'routine', target: 'closed', problemType: 'wrong_tariff', order: 'wrong_tariff', rejectOnce: true,
      note: '稽查监控系统异常工单：居民户峰谷电量异常', summary: '现场核查：居民户出租为小作坊，执行居民电价',
    },
    {
      key: 'on-review', caseId: id('on-review'), accountNo: a.onReview, origin: 'custom', target: 'on_review', problemType: 'wrong_tariff', standOffM: 2300,
      note: '现场发现：居民户疑似经营性用电', summary: '现场核查：居民户疑似开设棋牌室',
    },
    { key: 'overdue', caseId: id('overdue'), accountNo: a.overdue, origin: 'routine', target: 'offered', policyVersion: DEMO_OVERDUE_POLICY, escalateTo: 1, note: '稽查监控系统异常工单：零电量在用户（超期未派工）' },
    { key: 'escalated', caseId: id('escalated'), accountNo: a.escalated, origin: 'routine', target: 'accepted', policyVersion: DEMO_ESCALATED_POLICY, escalateTo: 3, note: '稽查监控系统异常工单：计量装置开盖记录（超期未现场核查，三级督办）' },
  ];
}

/** The demo's customers (db/seed/demoOrg.ts): all of 温泉供电所, whose inspector and station lead have demo logins. */
export const DEMO_LIVE_ACCOUNTS: LiveCaseAccounts = {
  pilot: '4210000001', accepted: '4210000002', rectification: '4210000003', verification: '4210000006',
  rejectedThenPassed: '4210000007', onReview: '4210000008', overdue: '4210000005', escalated: '4210000009',
};

export interface LiveSeedOptions extends LiveDriverOptions {
  temporal: Client;
  taskQueue: string;
  cases: LiveCase[];
}

export interface LiveSeedResult {
  /** Cases whose workflow this run started (npm start starts them earlier: startLiveCases). */
  started: number;
  steps: number;
  cases: { key: string; caseId: string; stage: string; escalationTier: number }[];
}

/**
 * Starts the plan's case workflows that do not exist yet; the number started. Needs no worker: `npm start` starts them
 * with the reference data, so the worker judges them (and the demo policies' clocks run) while the apps come up.
 */
export async function startLiveCases(temporal: Client, taskQueue: string, cases: LiveCase[], createdBy = 'supervisor'): Promise<number> {
  const exists = (c: LiveCase) => temporal.workflow.getHandle(caseWorkflowId(c.caseId)).describe().then(() => true, (e: unknown) => {
    if (e instanceof WorkflowNotFoundError) return false;
    throw e;
  });
  const started = await Promise.all(cases.map(async (c) => {
    if (await exists(c)) return 0;
    await startCaseWorkflow(temporal, taskQueue, {
      caseId: c.caseId, customerAccountNo: c.accountNo, origin: c.origin, note: c.note, createdBy, requestedAt: new Date().toISOString(),
      ...(c.policyVersion ? { policyVersion: c.policyVersion } : {}),
    });
    return 1;
  }));
  return started.reduce<number>((a, b) => a + b, 0);
}

type Live = ApiResponse<'/api/cases/{id}/live'>;
type Order = ApiBody<'/api/cases/{id}/actions/rectification'>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, ms: number, fn: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + ms;
  for (let delay = 100; ; delay = Math.min(delay * 2, 1000)) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(delay);
  }
}

/** Whether the read model has every case where its plan leaves it (a restart's case: nothing to do, no login needed). */
async function allAtTarget(pool: pg.Pool, cases: LiveCase[]): Promise<LiveSeedResult['cases'] | null> {
  const r = await pool.query<{ id: string; stage: string; assignment: string | null; review_pending: boolean; escalation_tier: number; has_order: boolean }>(
    `select id, stage, assignment, review_pending, escalation_tier, jsonb_typeof(snapshot->'rectification') = 'object' as has_order from cases where id = any($1)`,
    [cases.map((c) => c.caseId)],
  );
  const out: LiveSeedResult['cases'] = [];
  for (const c of cases) {
    const row = r.rows.find((x) => x.id === c.caseId);
    if (!row || row.escalation_tier < (c.escalateTo ?? 0)) return null;
    const there = {
      offered: row.stage === 'field_evidence',
      accepted: row.stage === 'field_evidence' && row.assignment === 'accepted',
      rectification_issued: row.stage === 'rectification' && row.has_order,
      verification: row.stage === 'verification',
      on_review: row.review_pending,
      closed: row.stage === 'closed',
    }[c.target];
    if (!there) return null;
    out.push({ key: c.key, caseId: c.caseId, stage: row.stage, escalationTier: row.escalation_tier });
  }
  return out;
}

/** The users the live cases are driven as. */
export interface LiveUsers { inspector: string; lead: string; supervisor: string; admin: string }

export interface LiveDriverOptions {
  pool: pg.Pool;
  /** The running API (back office and mobile API). */
  baseUrl: string;
  keycloak: { url: string; realm: string };
  /** The demo users' password. */
  password: string;
  /** The simulator's device key; the device id derives from it (a new key: a new device). */
  deviceKey: DpopKey;
  users?: LiveUsers;
  log?: (line: string) => void;
  /** How long an overdue case may take to reach its tier (default 120 s). */
  clockWaitMs?: number;
  /** How every client (back office and terminal) retries (default: the terminal's, TERMINAL_RETRY). */
  retry?: RetryPolicy;
}

/** Keycloak's access tokens live 5 minutes: a token older than this is fetched again before a request. */
const TOKEN_REUSE_MS = 200_000;

/** The user's access token of one app as a function a client calls before each request; re-fetched before it expires. */
function tokenSource(o: LiveDriverOptions, username: string, app: 'back-office' | 'terminal' = 'terminal'): () => Promise<string> {
  const fetchToken = app === 'back-office'
    ? async () => (await loginBackOffice(o.keycloak.url, o.keycloak.realm, username, o.password)).accessToken
    : () => login(o.keycloak.url, o.keycloak.realm, username, o.password);
  let cur: { token: Promise<string>; at: number } | null = null;
  return () => {
    if (!cur || Date.now() - cur.at > TOKEN_REUSE_MS) {
      const next = { token: fetchToken(), at: Date.now() };
      next.token.catch(() => { if (cur === next) cur = null; });
      cur = next;
    }
    return cur.token;
  };
}

export interface LiveCaseDriver {
  /** Takes one case where its plan leaves it (from wherever it is: a second call after a failure resumes). */
  drive(c: LiveCase): Promise<LiveSeedResult['cases'][number]>;
  /** Steps taken so far. */
  steps(): number;
  /** The back-office clients (station lead, supervisor), for steps of the caller's own. */
  lead: ApiClient;
  supervisor: ApiClient;
}

/**
 * Signs in the users (tokens renewed as they expire), binds the simulator's device to the inspector, and answers a
 * driver that takes live cases through their stages the way users do: back-office steps through the API, field steps
 * through the terminal simulator. Each call of drive() reads the case's live state and takes only the steps it lacks.
 */
export async function liveCaseDriver(o: LiveDriverOptions): Promise<LiveCaseDriver> {
  const log = o.log ?? (() => undefined);
  const users = o.users ?? { inspector: 'inspector', lead: 'lead', supervisor: 'supervisor', admin: 'admin' };
  // back-office steps with the back office's tokens (the API takes no other app's), field steps with the terminal's
  const backOffice = (username: string): ApiClient => createApiClient({ baseUrl: o.baseUrl, token: tokenSource(o, username, 'back-office'), fetch: retryingFetch(null, o.retry) });
  const lead = backOffice(users.lead);
  const supervisor = backOffice(users.supervisor);
  const deviceId = `demo-seed-${(await jwkThumbprint(o.deviceKey.publicJwk)).replace(/[^A-Za-z0-9]/g, '').slice(0, 12)}`;
  await ensureBoundDevice(new TerminalClient(o.baseUrl, tokenSource(o, users.admin), null, { retry: o.retry }), deviceId, users.inspector, '首启演示终端（模拟器）', o.deviceKey.publicJwk);
  const terminal = new TerminalClient(o.baseUrl, tokenSource(o, users.inspector), deviceId, { key: o.deviceKey, retry: o.retry });
  const today = chinaDate(Date.now());
  let steps = 0;

  const live = async (id: string): Promise<Live> => ok(await supervisor.GET('/api/cases/{id}/live', { params: { path: { id } } }));
  const step = async (c: LiveCase, what: string, fn: () => Promise<unknown>) => {
    await fn();
    steps += 1;
    log(`[seed] live case ${c.key}: ${what}`);
  };

  async function recorded(c: LiveCase): Promise<void> {
    // the field stage is offered once the workflow has judged the case and recorded it
    await until(`case ${c.key} recorded`, 60_000, async () => (await o.pool.query("select 1 from cases where id = $1 and stage <> 'judgement'", [c.caseId])).rowCount);
  }

  async function order(c: LiveCase, s: Live): Promise<Order> {
    if (c.order === 'meter') return { actions: [{ kind: 'meter_replacement', note: '更换故障电能表，按换表前后示数追补电量' }] };
    const category = s.customer ? (await o.pool.query<{ tariff_category: string }>('select tariff_category from customers where account_no = $1', [s.customer.accountNo])).rows[0]?.tariff_category ?? 'residential' : 'residential';
    const task = await getTask(terminal, c.caseId);
    // the customer's own average monthly consumption where the data has it
    const monthlyKwh = Math.max(500, Math.round(task.customer?.summary?.avgMonthlyKwh ?? 3000));
    return {
      actions: [
        { kind: 'tariff_reclassification', fromCategory: category, toCategory: 'commercial', effectiveDate: today },
        { kind: 'back_billing_and_penalty', penalty: { kind: 'wrong_tariff', monthlyKwh, appliedCategory: category, correctCategory: 'commercial', detectedOn: today } },
      ],
    };
  }

  /** The next step the case still lacks for its plan; null when it is where the plan leaves it (or waits for the workflow). */
  async function next(c: LiveCase, s: Live): Promise<boolean> {
    const id = { params: { path: { id: c.caseId } } };
    switch (s.stage) {
      case 'judgement':
      case 'assessment':
        await sleep(200); // the workflow is on it
        return true;
      case 'field_evidence':
        if (c.target === 'offered') return false;
        if (c.target === 'accepted') {
          if (s.assignment === 'accepted') return false;
          await step(c, 'accepted on the terminal', async () => ok(await terminal.api.POST('/mobile/v1/tasks/{id}/accept', { ...id, body: {} })));
          return true;
        }
        if (s.returnedVisits?.length) return false; // a supervisor sent the visit back: the inspector's to redo, not the seed's
        await step(c, 'field visit on the terminal (track, check-in, photos, findings)', () => playVisit(terminal, c.caseId, {
          result: 'confirmed', problemType: c.problemType ?? 'wrong_tariff', summary: c.summary, standOffM: c.standOffM,
          ...(c.standOffM ? { justification: '配电房在地下室，手机定位漂移；照片为现场拍摄' } : {}),
        }));
        return true;
      case 'rectification': {
        // a case the plan leaves earlier (or that waits for a review) is not taken further, whoever moved it here
        if (!['rectification_issued', 'verification', 'closed'].includes(c.target) || s.review?.status === 'pending') return false;
        if (!s.rectification) {
          const body = await order(c, s);
          await step(c, 'rectification order issued by the station lead', async () => ok(await lead.POST('/api/cases/{id}/actions/rectification', { ...id, body })));
          return true;
        }
        if (c.target === 'rectification_issued') return false;
        const total = computedTotalYuan(s.rectification.computations);
        const money = s.rectification.computations.length ? { collectedYuan: total, receiptNo: `XA-${today.replace(/-/g, '')}-${c.caseId.slice(0, 4).toUpperCase()}` } : {};
        const summary = c.order === 'meter' ? '已更换电能表，追补电量已入账' : '营销系统已改为商业电价；违约使用电费已追缴入账';
        await step(c, `rectification reported by the station lead${total ? ` (¥${total} collected)` : ''}`, async () => ok(await lead.POST('/api/cases/{id}/actions/rectification-report', {
          ...id, body: { summary, ...(c.order === 'wrong_tariff' ? { tariffChangedOn: today } : {}), ...money },
        })));
        return true;
      }
      case 'verification': {
        if (c.target !== 'closed') return false;
        const reject = c.rejectOnce && s.verifications.length === 0;
        await step(c, `verification ${reject ? 'rejected' : 'passed'} by the supervisor`, async () => ok(await supervisor.POST('/api/cases/{id}/actions/verify', {
          ...id, body: reject ? { outcome: 'reject', reason: '营销系统电价仍为居民电价，改类未生效，请重新整改' } : { outcome: 'pass' },
        })));
        return true;
      }
      default:
        return false; // closed, dismissed or cancelled
    }
  }

  async function drive(c: LiveCase): Promise<LiveSeedResult['cases'][number]> {
    await recorded(c);
    let s = await live(c.caseId);
    for (let i = 0; i < 50 && (await next(c, s)); i += 1) s = await live(c.caseId);
    // escalated where the plan leaves it: at field evidence (a case someone has moved on since starts a new clock)
    if (c.escalateTo && s.stage === 'field_evidence') {
      const tier = c.escalateTo;
      s = await until(`case ${c.key} escalated to tier ${tier}`, o.clockWaitMs ?? 120_000, async () => {
        const x = await live(c.caseId);
        return x.escalationTier >= tier ? x : null;
      });
    }
    // the read model follows the workflow's recording activity: done when it has the case's last event
    const seq = s.eventSeq;
    await until(`case ${c.key} in the read model`, 60_000, async () => (await o.pool.query('select 1 from cases where id = $1 and last_event_seq >= $2', [c.caseId, seq])).rowCount);
    return { key: c.key, caseId: c.caseId, stage: s.stage, escalationTier: s.escalationTier };
  }

  return { drive, steps: () => steps, lead, supervisor };
}

/** Starts the live cases and takes each as far as its plan says; safe to run again. */
export async function seedLiveCases(o: LiveSeedOptions): Promise<LiveSeedResult> {
  const done = await allAtTarget(o.pool, o.cases);
  if (done) return { started: 0, steps: 0, cases: done };
  const driver = await liveCaseDriver(o);
  const started = await startLiveCases(o.temporal, o.taskQueue, o.cases, o.users?.supervisor ?? 'supervisor');
  const cases = await Promise.all(o.cases.map((c) => driver.drive(c)));
  return { started, steps: driver.steps(), cases };
}
