import crypto from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { CaseContext, NotifyRequest } from '../../activities/caseActivities';
import { builtinScorer } from '../../activities/scoring';
import type { CaseEvent, CaseSnapshot } from '../../domain/caseEvents';
import { applySnapshotDelta, isSnapshotDelta, SNAPSHOT_BASE_MISSING, type CaseSnapshotDelta } from '../../domain/caseSnapshotDelta';
import type { CasePolicy } from '../../domain/casePolicy';
import type { WorkCalendar } from '../../domain/calendar';
import { computePenalty, type PenaltyInput, type PenaltyRuleSet } from '../../domain/penalty';
import type { JudgementRequest, JudgementResult } from '../../domain/judgement';
import type { CaseScoringFacts } from '../../domain/scoring';
import {
  caseWorkflowId, INSPECTION_CASE_WORKFLOW, waitForStageUpdate, type Actor, type InspectionCaseInput, type InspectionCaseState,
} from '../../domain/inspectionCaseContract';

// Activities are stand-ins here (the integration tests run the real ones); the rule logic they use is the real domain code.
export const CUSTOMER = { accountNo: '4210000001', name: '咸安区金桂农民专业合作社', stationId: 'HB.XN.XA.WQ', countyId: 'HB.XN.XA', cityId: 'HB.XN', lat: 29.8413, lon: 114.3223 };

export const ACTORS = {
  inspector: { username: 'inspector', roles: ['inspector'], orgUnit: 'HB.XN.XA.WQ' },
  inspectorB: { username: 'inspector-b', roles: ['inspector'], orgUnit: 'HB.XN.XA.WQ' },
  outsider: { username: 'inspector2', roles: ['inspector'], orgUnit: 'HB.XN.JY.YY' },
  lead: { username: 'lead', roles: ['station_lead'], orgUnit: 'HB.XN.XA.WQ' },
  leadB: { username: 'lead-b', roles: ['station_lead'], orgUnit: 'HB.XN.XA.WQ' },
  supervisor: { username: 'supervisor', roles: ['supervisor'], orgUnit: 'HB.XN' },
  manager: { username: 'manager', roles: ['manager'], orgUnit: 'HB.XN' },
} satisfies Record<string, Actor>;

export const PENALTY_1996: PenaltyRuleSet = {
  version: 'penalty-1996', source: '供电营业规则（1996）', effectiveFrom: '1996-10-08',
  rules: {
    wrongTariff: { penaltyMultiplier: 2, defaultPeriodMonths: 3 },
    theft: { penaltyMultiplier: 3, defaultDays: 180, hoursPerDay: { power: 12, lighting: 6 } },
    capacity: { mode: 'basic_fee_multiple', penaltyMultiplier: 3, defaultMonths: 1 },
  },
};

export function testPolicy(over: Partial<CasePolicy> = {}): CasePolicy {
  return {
    version: 'policy-test',
    deadlines: {
      field_evidence: { low: 5, normal: 2, high: 2, urgent: 1 },
      rectification: { low: 10, normal: 5, high: 5, urgent: 2 },
      verification: { low: 5, normal: 3, high: 3, urgent: 1 },
    },
    escalation: { reminderShare: 0.5, tier2AfterDays: 1, tier3AfterDays: 1 },
    evidence: { minVerifiedPhotos: 2, geofenceRadiusM: 200, clockToleranceS: 300 },
    calendar: { holidays: [], workdays: [] },
    ...over,
  };
}

export interface Recorded {
  events: CaseEvent[];
  /** The read model after each event that moved it (a change applied to the one before, as the projection does). */
  snapshots: CaseSnapshot[];
  /** What each recordCaseEvent carried: a full snapshot, a change, or nothing. */
  changes: (CaseSnapshot | CaseSnapshotDelta | undefined)[];
  notifications: NotifyRequest[];
  scored: CaseScoringFacts[];
}

/**
 * `calendar`: the published calendar the case context carries (default: the policy's legacy one, else none);
 * `published.current` is what loadWorkCalendar answers (a test publishes a year by replacing it).
 */
export function stubActivities(opts: { policy?: CasePolicy; calendar?: WorkCalendar; judgement?: Partial<JudgementResult>; inspectors?: string[]; leads?: string[] } = {}) {
  const rec: Recorded = { events: [], snapshots: [], changes: [], notifications: [], scored: [] };
  const policy = opts.policy ?? testPolicy();
  const ctx: CaseContext = {
    customer: CUSTOMER, policy, calendar: opts.calendar ?? policy.calendar ?? { holidays: [], workdays: [] },
    inspectors: opts.inspectors ?? ['inspector', 'inspector-b'], stationLeads: opts.leads ?? ['lead', 'lead-b'],
  };
  const published = { current: ctx.calendar!, reads: 0 };
  const activities = {
    async loadWorkCalendar(_from: string) {
      published.reads += 1;
      return published.current;
    },
    async recordCaseOpened(_i: InspectionCaseInput, e: CaseEvent) {
      rec.events.push(e);
      return { caseNo: 'JC-2026-000042' };
    },
    async recordCaseEvent(e: CaseEvent, s?: CaseSnapshot | CaseSnapshotDelta) {
      if (rec.events.some((x) => x.seq === e.seq)) return;
      const base = rec.snapshots.at(-1);
      if (s && isSnapshotDelta(s) && !base) throw ApplicationFailure.nonRetryable('no state to apply the change to', SNAPSHOT_BASE_MISSING);
      rec.events.push(e);
      rec.changes.push(s);
      if (s) rec.snapshots.push(isSnapshotDelta(s) ? applySnapshotDelta(base!, s) : s);
    },
    async loadCaseContext() {
      return ctx;
    },
    async pickInspector(_station: string, exclude: string[]) {
      return ctx.inspectors.find((i) => !exclude.includes(i)) ?? null;
    },
    async notify(n: NotifyRequest) {
      rec.notifications.push(n);
      return n.recipients.length;
    },
    async judgeCase(req: JudgementRequest): Promise<JudgementResult> {
      return { ruleSetVersion: 'judge-test', score: 70, reasons: [{ code: 'WHITELIST_LARGE', weight: 70, textZh: '白名单大电量', textEn: 'whitelist large consumption' }], checkItems: [], priority: 'normal', ...opts.judgement, ...(req ? {} : {}) };
    },
    async computePenalty(input: PenaltyInput) {
      return computePenalty(PENALTY_1996, input);
    },
    async scoreCase(f: CaseScoringFacts) {
      rec.scored.push(f);
      return builtinScorer.score(f);
    },
  };
  return { activities, rec, ctx, published };
}

export function newInput(over: Partial<InspectionCaseInput> = {}): InspectionCaseInput {
  return { caseId: crypto.randomUUID(), customerAccountNo: CUSTOMER.accountNo, origin: 'special', createdBy: 'supervisor', requestedAt: new Date().toISOString(), ...over };
}

/** Cases started on each test's task queue, ended with the test (see withCaseWorker). */
const startedOn = new Map<string, { terminate(reason?: string): Promise<unknown> }[]>();

export async function withCaseWorker<T>(env: TestWorkflowEnvironment, bundle: WorkflowBundleWithSourceMap, activities: object, fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = `wf-${crypto.randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities });
  try {
    return await worker.runUntil(fn(taskQueue));
  } finally {
    // A case left open keeps its timers in the file's shared test server; once its worker is gone, a timer that fires
    // leaves a workflow task no one takes, and the time-skipping server then stops skipping: a later test's
    // `env.sleep('3 days')` waited in real time (a Friday run, when working-day deadlines fell inside those days).
    for (const h of startedOn.get(taskQueue) ?? []) await h.terminate('test over').catch(() => undefined);
    startedOn.delete(taskQueue);
  }
}

export async function startCase(env: TestWorkflowEnvironment, taskQueue: string, input = newInput()) {
  const handle = await env.client.workflow.start(INSPECTION_CASE_WORKFLOW, { taskQueue, workflowId: caseWorkflowId(input.caseId), args: [input] });
  startedOn.set(taskQueue, [...(startedOn.get(taskQueue) ?? []), handle]);
  // opening runs activities; the waitForStage Update completes once the field stage is offered
  const state: InspectionCaseState = await handle.executeUpdate(waitForStageUpdate, { args: [{ stages: ['field_evidence'] }] });
  if (state.stage !== 'field_evidence') throw new Error(`case did not reach field evidence: ${state.stage}`);
  return handle;
}

export const photo = (n: number, verified = true) => ({
  evidenceId: `ev-${n}`, kind: 'photo' as const, sha256: crypto.createHash('sha256').update(`photo-${n}`).digest('hex'), sizeBytes: 1000 + n, verified, capturedAt: new Date().toISOString(), lat: CUSTOMER.lat, lon: CUSTOMER.lon,
});
export const onSite = { lat: CUSTOMER.lat + 0.0005, lon: CUSTOMER.lon, accuracyM: 8, deviceTime: new Date().toISOString() }; // ≈ 56 m north
/**
 * `onSite` with the device clock on the workflow's time: a check-in counts only when the device clock is within the
 * policy's tolerance, and the time-skipping server runs ahead of the wall clock once a test in the file has skipped.
 */
export async function onSiteNow(env: TestWorkflowEnvironment) {
  return { ...onSite, deviceTime: new Date(await env.currentTimeMs()).toISOString() };
}
export const farAway = { lat: CUSTOMER.lat + 0.0073, lon: CUSTOMER.lon, accuracyM: 10, deviceTime: new Date().toISOString() }; // ≈ 812 m north

/** The refusal of an Update that must be rejected: the validator's kind and message. */
export async function rejection(p: Promise<unknown>): Promise<{ type: string | undefined; message: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof WorkflowUpdateFailedError) {
      const cause = e.cause as { type?: string; message: string };
      return { type: cause.type, message: cause.message };
    }
    throw e;
  }
  throw new Error('expected the update to be rejected');
}
