import { proxyActivities, setHandler, condition, CancellationScope, isCancellation, patched, allHandlersFinished } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { CaseContext, Recipient } from '../activities/caseActivities';
import type { CaseEvent, CaseSnapshot } from '../domain/caseEvents';
import type { CaseStage } from '../domain/case';
import type { DeadlineStage } from '../domain/casePolicy';
import { addWorkingDays, addWorkingTime, EVERY_DAY_CALENDAR, isPastKnownCalendar, lateWorkingDays, WORKING_DAY_MS, type WorkCalendar } from '../domain/calendar';
import { computedTotalYuan, recoveredYuanOf } from '../domain/penalty';
import { distanceMeters } from '../domain/geo';
import {
  getStateQuery, calendarUpdatedSignal, assignUpdate, acceptUpdate, declineUpdate, checkInUpdate, attachEvidenceUpdate, submitFindingsUpdate, decideReviewUpdate,
  issueRectificationUpdate, reportRectifiedUpdate, verifyUpdate, dismissUpdate, cancelUpdate, reassignUpdate, addNoteUpdate, waitForStageUpdate,
  AssignInput, DeclineInput, CheckInUpdateInput, EvidenceInput, FindingsUpdateInput, IssueRectificationInput, ReportRectifiedInput, VerifyInput,
  DismissInput, CancelInput, ReassignInput, NoteInput, ReviewDecisionInput,
  type InspectionCaseInput, type InspectionCaseState,
} from '../domain/inspectionCaseContract';
import { HUMAN_STAGES, TERMINAL, lateDays as calendarDaysLate, parsePayload, reject, requireAssignee, requireOpen, requireRole, requireStage, stepCode } from './caseRules';
import { caseSnapshotOf } from '../domain/caseSnapshot';
import { createCaseRecorder } from './caseRecorder';
import { PATCHES } from './patches';
import { createStepGuard } from './stepGuard';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', nonRetryableErrorTypes: ['UnknownCustomer'] },
});

/** Clock steps of a human stage, in order: remind the actor, then escalate tier by tier. */
type ClockStep = { kind: 'reminder'; at: number } | { kind: 'tier'; tier: 1 | 2 | 3; at: number };

export async function inspectionCase(input: InspectionCaseInput): Promise<InspectionCaseState> {
  const state: InspectionCaseState = {
    caseId: input.caseId, caseNo: null, stage: 'judgement', priority: 'normal', recorded: false, eventSeq: 0, origin: input.origin,
    customer: null, policyVersion: null, judgement: null, assignee: null, assignment: 'none', declinedBy: [], pendingActor: null,
    stageStartedAt: null, reminderAt: null, deadlineAt: null, remindedForStage: false, escalationTier: 0, escalations: [],
    checkIns: [], evidence: [], findings: null, needsSupervisorReview: false, review: null, rectification: null, verifications: [], score: null,
    closure: null, notes: [], recordingFailed: null,
  };
  let ctx: CaseContext | null = null;
  let stageRound = 0; // bumps at every stage entry; the clock and escalation rows key on it
  let clockSteps: ClockStep[] = [];
  let clockVersion = 0; // bumps when the current stage's instants are recomputed (a calendar year was published)
  let stageDays = 0; // working days of the current human stage (a rejected verification may give its own)
  let calendar: WorkCalendar | null = null; // a calendar read after a publication replaces the context's
  const now = () => new Date().toISOString();
  const guard = createStepGuard();

  // ------------------------------------------------------------ recording (serialised, in seq order)
  const snapshot = (): CaseSnapshot => caseSnapshotOf(state, stageRound);
  const recorder = createCaseRecorder({
    input, state, acts, snapshot,
    alertTo: () => (ctx ? { title: `${state.caseNo ?? input.caseId} ${ctx.customer.name}`, recipients: [{ role: 'supervisor', orgUnit: ctx.customer.cityId }] } : null),
  });
  const record = recorder.record;

  // ------------------------------------------------------------ stages and the clock
  function enterStage(stage: CaseStage, deadlineDays?: number): void {
    state.stage = stage;
    stageRound += 1;
    state.escalationTier = 0;
    state.remindedForStage = false;
    clockSteps = [];
    if (!HUMAN_STAGES.includes(stage) || !ctx) {
      state.stageStartedAt = null;
      state.deadlineAt = null;
      state.reminderAt = null;
      if (state.deadlineProvisional) state.deadlineProvisional = false;
      return;
    }
    const start = Date.now();
    stageDays = deadlineDays ?? ctx.policy.deadlines[stage as DeadlineStage][state.priority];
    state.stageStartedAt = new Date(start).toISOString();
    scheduleClock(start);
  }

  /** The case's working-day calendar: the published one (#17); a case started before keeps its policy's. */
  function caseCalendar(): WorkCalendar {
    // a policy counting calendar days (自然日) is data only new cases can have: no history before it changes
    if (ctx?.policy.calendarDays) return EVERY_DAY_CALENDAR;
    return calendar ?? ctx?.calendar ?? ctx?.policy.calendar ?? { holidays: [], workdays: [] };
  }

  /** The current human stage's reminder, deadline and tiers, counted from its start on the case's calendar. */
  function scheduleClock(start: number): void {
    const { policy } = ctx!;
    const cal = caseCalendar();
    const deadline = addWorkingDays(start, stageDays, cal);
    const reminder = addWorkingTime(start, stageDays * WORKING_DAY_MS * policy.escalation.reminderShare, cal);
    const tier2 = addWorkingDays(deadline, policy.escalation.tier2AfterDays, cal);
    const tier3 = addWorkingDays(tier2, policy.escalation.tier3AfterDays, cal);
    state.deadlineAt = new Date(deadline).toISOString();
    state.reminderAt = new Date(reminder).toISOString();
    // Only a context with the published calendar knows where it ends (cases before #17 have none): no patch needed,
    // as marking changes no command.
    if (ctx!.calendar) state.deadlineProvisional = isPastKnownCalendar(deadline, cal);
    clockSteps = [{ kind: 'reminder', at: reminder }, { kind: 'tier', tier: 1, at: deadline }, { kind: 'tier', tier: 2, at: tier2 }, { kind: 'tier', tier: 3, at: tier3 }];
  }

  /** Days late at a step: working days on the case's calendar (the assessment rules speak of working days); calendar days before #17. */
  function lateDays(atIso: string, deadlineIso: string | null): number {
    if (deadlineIso && ctx?.calendar && patched(PATCHES.lateWorkingDays)) return lateWorkingDays(Date.parse(atIso), Date.parse(deadlineIso), caseCalendar());
    return calendarDaysLate(atIso, deadlineIso);
  }

  function escalationRecipients(tier: 1 | 2 | 3): Recipient[] {
    const c = ctx!.customer;
    const pending = state.pendingActor;
    if (tier === 1) {
      const out: Recipient[] = [{ role: 'station_lead', orgUnit: c.stationId }];
      if (pending?.username) out.unshift({ username: pending.username, orgUnit: pending.orgUnit });
      return out;
    }
    return [{ role: tier === 2 ? 'supervisor' : 'manager', orgUnit: c.cityId }];
  }

  /** Who the step waits for, as a notification's params: the person, and the role (a code the reader's language names). */
  function pendingParams(): { pending: string | null; pendingRole: string } {
    return { pending: state.pendingActor?.username ?? null, pendingRole: state.pendingActor?.role ?? 'nobody' };
  }

  async function fireClockStep(step: ClockStep): Promise<void> {
    const who = state.pendingActor?.username ?? state.pendingActor?.role ?? 'nobody';
    const title = `${state.caseNo ?? input.caseId} ${ctx!.customer.name}`;
    if (step.kind === 'reminder') {
      state.remindedForStage = true;
      await record('reminded', null, { pending: state.pendingActor, deadlineAt: state.deadlineAt });
      const to: Recipient[] = state.pendingActor?.username ? [{ username: state.pendingActor.username, orgUnit: state.pendingActor.orgUnit }] : [{ role: 'station_lead', orgUnit: ctx!.customer.stationId }];
      const params = { deadlineAt: state.deadlineAt, ...pendingParams(), stage: state.stage };
      await acts.notify({
        dedupeKey: `${input.caseId}/${stageRound}/reminder`, caseId: input.caseId, kind: 'reminder', title, at: now(), recipients: to,
        body: `Deadline ${state.deadlineAt} approaching for ${who} (${state.stage})`, code: 'notification.reminder', params,
      });
      return;
    }
    state.escalationTier = step.tier;
    const at = now();
    state.escalations.push({ stage: state.stage, tier: step.tier, at });
    await record('escalated', null, { tier: step.tier, pending: state.pendingActor, deadlineAt: state.deadlineAt });
    await acts.notify({
      dedupeKey: `${input.caseId}/${stageRound}/tier${step.tier}`, caseId: input.caseId, kind: `escalation_tier${step.tier}`, title, at, recipients: escalationRecipients(step.tier),
      body: `Overdue at ${state.stage} since ${state.deadlineAt}; pending ${who}; escalation tier ${step.tier}`,
      code: 'notification.escalation', params: { stage: state.stage, deadlineAt: state.deadlineAt, ...pendingParams(), tier: step.tier },
    });
  }

  /** Runs for the whole case: waits for the current stage's next clock step or a stage change, whichever is first. */
  async function clock(): Promise<void> {
    while (!TERMINAL.includes(state.stage)) {
      const round = stageRound;
      const version = clockVersion;
      // steps already fired stay fired when the instants are recomputed: the next one is the first not yet fired
      const next = clockSteps.find((s) => (s.kind === 'reminder' ? !state.remindedForStage : state.escalationTier < s.tier));
      const moved = () => stageRound !== round || clockVersion !== version || TERMINAL.includes(state.stage);
      if (!next) {
        await condition(moved);
        continue;
      }
      const changed = await condition(moved, Math.max(1, next.at - Date.now()));
      if (!changed && stageRound === round && clockVersion === version) await fireClockStep(next);
    }
  }

  // ------------------------------------------------------------ helpers for steps
  function offerTo(inspector: string | null): void {
    state.assignee = inspector;
    state.assignment = inspector ? 'offered' : 'none';
    state.pendingActor = inspector
      ? { role: 'inspector', username: inspector, orgUnit: ctx!.customer.stationId }
      : { role: 'station_lead', username: null, orgUnit: ctx!.customer.stationId };
  }
  /** Every step's validator starts here: the case is open for steps, and no other step is half-way. */
  function requireReady(what: string): void {
    if (!ctx || !state.recorded) reject('WrongStage', 'case-step.still-opening', { step: stepCode(what) });
    guard.refuseWhileBusy(what);
  }
  function owner(): string | null {
    return state.rectification?.owner ?? ctx?.stationLeads[0] ?? null;
  }
  async function close(kind: 'closed' | 'dismissed' | 'cancelled', by: string | null, reason: string | null): Promise<void> {
    state.closure = { kind, at: now(), by, reason };
    state.pendingActor = null;
    enterStage(kind);
    await record(kind, by, { reason });
  }

  // ------------------------------------------------------------ queries and updates
  setHandler(getStateQuery, () => state);

  // A calendar year was published: a provisional deadline is counted again from the stage's start on the calendar
  // as now published. Reminder and tiers already fired stay fired; the clock wakes for the new instants.
  setHandler(calendarUpdatedSignal, async () => {
    if (!ctx?.calendar || !state.deadlineProvisional || !HUMAN_STAGES.includes(state.stage) || !state.stageStartedAt) return;
    if (!patched(PATCHES.calendarRecompute)) return;
    const round = stageRound;
    const startedAt = state.stageStartedAt;
    const fresh = await acts.loadWorkCalendar(startedAt);
    // The stage moved on while the calendar was read: its new clock is its own; later stages count on the new calendar.
    calendar = fresh;
    if (round !== stageRound || !state.deadlineProvisional) return;
    const before = { deadlineAt: state.deadlineAt, provisional: state.deadlineProvisional };
    scheduleClock(Date.parse(startedAt));
    clockVersion += 1;
    // a publication that changes nothing for this case (another year) leaves no trace in its log
    if (state.deadlineAt === before.deadlineAt && state.deadlineProvisional === before.provisional) return;
    await record('deadline_recomputed', null, { previousDeadlineAt: before.deadlineAt, deadlineAt: state.deadlineAt, provisional: state.deadlineProvisional ?? false, knownThrough: fresh.knownThrough ?? null });
  });

  setHandler(assignUpdate, async (u) => {
    offerTo(u.inspector);
    await record('assigned', u.actor.username, { inspector: u.inspector });
    return state;
  }, {
    validator: (u) => {
      requireReady('Assignment');
      requireStage(state, ['field_evidence'], 'Assignment');
      requireRole(state, u.actor, ['station_lead', 'supervisor'], 'Assignment');
      const p = parsePayload(AssignInput, { inspector: u.inspector });
      if (!ctx!.inspectors.includes(p.inspector)) reject('InvalidStep', 'case-step.not-station-inspector', { user: p.inspector, station: ctx!.customer.stationId });
      if (state.assignment === 'accepted') reject('WrongStage', 'case-step.already-accepted-by', { user: state.assignee });
    },
  });

  setHandler(acceptUpdate, async (u) => {
    state.assignment = 'accepted';
    state.pendingActor = { role: 'inspector', username: u.actor.username, orgUnit: ctx!.customer.stationId };
    await record('accepted', u.actor.username, {});
    return state;
  }, {
    validator: (u) => {
      requireReady('Accepting');
      requireStage(state, ['field_evidence'], 'Accepting');
      requireAssignee(state, u.actor, 'Accepting', false);
      if (state.assignment === 'accepted') reject('WrongStage', 'case-step.assignment-accepted');
    },
  });

  // Awaits the next inspector before it offers the case: holds the guard so a second decline (or an accept) waits.
  setHandler(declineUpdate, (u) => guard.hold('decline', u.actor.username, async () => {
    state.declinedBy.push(u.actor.username);
    const next = await acts.pickInspector(ctx!.customer.stationId, state.declinedBy);
    offerTo(next);
    await record('declined', u.actor.username, { reason: u.reason, offeredTo: next });
    return state;
  }), {
    validator: (u) => {
      requireReady('Declining');
      requireStage(state, ['field_evidence'], 'Declining');
      requireAssignee(state, u.actor, 'Declining', false);
      if (state.assignment === 'accepted') reject('WrongStage', 'case-step.accepted-no-decline');
      parsePayload(DeclineInput, { reason: u.reason });
    },
  });

  setHandler(checkInUpdate, async (u) => {
    const c = ctx!.customer;
    const { geofenceRadiusM: radiusM, clockToleranceS = 300 } = ctx!.policy.evidence;
    const at = Date.now();
    const distanceM = c.lat !== null && c.lon !== null ? Math.round(distanceMeters({ lat: u.lat, lon: u.lon }, { lat: c.lat, lon: c.lon })) : null;
    // the offset the server measured when the request was sent (an offline check-in arrives late, not skewed), else
    // the fix's own device time against its arrival
    const clockSkewS = u.observedClockSkewS ?? Math.round((Date.parse(u.deviceTime) - at) / 1000);
    // Inside means provably inside: the whole circle of uncertainty within the fence, and a device clock that is not
    // set to suit the visit. Before this patch the fix's centre alone decided (an accuracy of 3 km passed at 0 m).
    const inside = distanceM !== null && (patched(PATCHES.presenceChecks)
      ? distanceM + u.accuracyM <= radiusM && Math.abs(clockSkewS) <= clockToleranceS
      : distanceM <= radiusM);
    const checkIn = {
      lat: u.lat, lon: u.lon, accuracyM: u.accuracyM, deviceTime: u.deviceTime, at: new Date(at).toISOString(), distanceM, insideGeofence: inside, clockSkewS,
      ...(u.signals ? { signals: u.signals } : {}),
    };
    state.checkIns.push(checkIn);
    await record('checked_in', u.actor.username, { ...checkIn, radiusM, clockToleranceS });
    return checkIn;
  }, {
    validator: (u) => {
      requireReady('Check-in');
      requireStage(state, ['field_evidence'], 'Check-in');
      requireAssignee(state, u.actor, 'Check-in');
      const { actor: _a, ...payload } = u;
      parsePayload(CheckInUpdateInput, payload);
      if (state.checkIns.length >= 20) reject('InvalidStep', 'case-step.too-many-check-ins', { max: 20 });
    },
  });

  setHandler(attachEvidenceUpdate, async (u) => {
    if (state.evidence.some((e) => e.evidenceId === u.evidenceId)) return state; // a retried attach changes nothing
    const { actor, ...evidence } = u;
    state.evidence.push({ ...evidence, attachedAt: now(), by: actor.username });
    await record('evidence_attached', actor.username, { ...evidence });
    return state;
  }, {
    validator: (u) => {
      requireReady('Attaching evidence');
      requireStage(state, ['field_evidence'], 'Attaching evidence');
      requireAssignee(state, u.actor, 'Attaching evidence');
      const { actor: _a, ...payload } = u;
      parsePayload(EvidenceInput, payload);
      const same = state.evidence.find((e) => e.evidenceId === u.evidenceId);
      if (same && same.sha256 !== u.sha256) reject('InvalidStep', 'case-step.evidence-conflict', { evidenceId: u.evidenceId });
      if (!same && state.evidence.length >= 50) reject('InvalidStep', 'case-step.too-many-evidence', { max: 50 });
    },
  });

  setHandler(submitFindingsUpdate, async (u) => {
    const { actor, ...findings } = u;
    const at = now();
    state.findings = { ...findings, at, by: actor.username, fieldLateDays: lateDays(at, state.deadlineAt) };
    const weak = findings.presence?.weak === true;
    state.needsSupervisorReview = !evidenceComplete() || weak;
    // A weak presence verdict holds the case for a supervisor (疑似虚假工单): no rectification order, no scoring,
    // until the visit is cleared or sent back. A justified evidence shortfall alone stays a flag, as before.
    state.review = weak
      ? { status: 'pending', since: at, reasons: findings.presence!.reasons, confidence: findings.presence!.confidence, justification: findings.justification ?? null, decidedAt: null, decidedBy: null, note: null }
      : null;
    state.pendingActor = null;
    if (findings.result === 'not_confirmed') {
      enterStage('assessment');
    } else {
      enterStage('rectification');
      state.pendingActor = { role: 'station_lead', username: owner(), orgUnit: ctx!.customer.stationId };
    }
    await record('findings_submitted', actor.username, { ...findings, needsSupervisorReview: state.needsSupervisorReview });
    return state;
  }, {
    validator: (u) => {
      requireReady('Submitting findings');
      requireStage(state, ['field_evidence'], 'Submitting findings');
      requireAssignee(state, u.actor, 'Submitting findings');
      const { actor: _a, ...payload } = u;
      const f = parsePayload(FindingsUpdateInput, payload);
      if (f.result === 'confirmed' && !f.problemType) reject('IncompleteStep', 'case-step.problem-type-required');
      if (!evidenceComplete() && !f.justification) {
        reject('IncompleteStep', 'case-step.evidence-incomplete', evidenceShortfall());
      }
      // The verdict was judged over the live state the service read: a check-in or photo that arrived meanwhile
      // would go unjudged, so the findings are sent again over the visit as it now stands.
      if (u.presence && (u.presence.basis.checkIns !== state.checkIns.length || u.presence.basis.photos !== state.evidence.filter((e) => e.kind === 'photo').length)) {
        reject('StepInProgress', 'case-step.visit-changed');
      }
      // the service refuses first with the reasons in the user's language; this is the workflow's own guard
      if (u.presence?.weak && !f.justification) reject('PresenceWeak', 'case-step.presence-weak', { confidence: u.presence.confidence, reasons: u.presence.reasons.map((r: { code: string }) => r.code).join(',') });
    },
  });

  function verifiedPhotos(): number {
    return state.evidence.filter((e) => e.kind === 'photo' && e.verified).length;
  }
  function bestCheckIn() {
    return state.checkIns.reduce<InspectionCaseState['checkIns'][number] | null>((best, c) => (c.distanceM !== null && (best?.distanceM == null || c.distanceM < best.distanceM) ? c : best), null);
  }
  function evidenceComplete(): boolean {
    return verifiedPhotos() >= ctx!.policy.evidence.minVerifiedPhotos && state.checkIns.some((c) => c.insideGeofence);
  }
  /** What the visit lacks, as shortfall codes (case-step.shortfall.*) and the figures they quote. */
  function evidenceShortfall(): Record<string, string | number | null> {
    const need = ctx!.policy.evidence;
    const parts: string[] = [];
    const params: Record<string, string | number | null> = {};
    const photos = verifiedPhotos();
    if (photos < need.minVerifiedPhotos) {
      parts.push('photos');
      Object.assign(params, { photos, required: need.minVerifiedPhotos });
    }
    if (!state.checkIns.some((c) => c.insideGeofence)) {
      const best = bestCheckIn();
      const skew = best?.clockSkewS ?? 0;
      const tolerance = need.clockToleranceS ?? 300;
      parts.push(!best ? 'no-check-in' : best.distanceM! > need.geofenceRadiusM ? 'check-in-far' : Math.abs(skew) > tolerance ? 'clock-skew' : 'imprecise');
      Object.assign(params, { distanceM: best?.distanceM ?? null, accuracyM: best?.accuracyM ?? null, radiusM: need.geofenceRadiusM, skewS: skew, toleranceS: tolerance });
    }
    return { ...params, shortfall: parts.join(',') };
  }


  // Awaits the penalty computations before the order exists: holds the guard so a second order is refused meanwhile.
  setHandler(issueRectificationUpdate, (u) => guard.hold('issueRectification', u.actor.username, async () => {
    const computations = [];
    for (const a of u.actions) if (a.kind === 'back_billing_and_penalty') computations.push(await acts.computePenalty(a.penalty));
    state.rectification = { owner: u.owner ?? owner(), actions: u.actions, computations, issuedAt: now(), issuedBy: u.actor.username, round: 1, report: null };
    state.pendingActor = { role: 'station_lead', username: state.rectification.owner, orgUnit: ctx!.customer.stationId };
    await record('rectification_issued', u.actor.username, { owner: state.rectification.owner, actions: u.actions, computations });
    return state;
  }), {
    validator: (u) => {
      requireReady('Issuing a rectification order');
      requireStage(state, ['rectification'], 'Issuing a rectification order');
      const byConfirmingInspector = state.findings?.by === u.actor.username;
      if (!byConfirmingInspector) requireRole(state, u.actor, ['station_lead', 'supervisor'], 'Issuing a rectification order');
      if (state.rectification) reject('WrongStage', 'case-step.order-issued');
      if (state.review?.status === 'pending') reject('UnderReview', 'case-step.under-review');
      const p = parsePayload(IssueRectificationInput, { actions: u.actions, owner: u.owner });
      // the service fills a wrong tariff's prices from the catalogue when the categories are given (#17)
      if (p.actions.some((a) => a.kind === 'back_billing_and_penalty' && a.penalty.kind === 'wrong_tariff' && (a.penalty.appliedPriceYuanPerKwh === undefined || a.penalty.correctPriceYuanPerKwh === undefined))) {
        reject('InvalidStep', 'case-step.prices-required');
      }
      if (p.owner && !ctx!.stationLeads.includes(p.owner)) reject('InvalidStep', 'case-step.not-station-lead', { user: p.owner, station: ctx!.customer.stationId });
      if (!p.owner && !owner()) reject('InvalidStep', 'case-step.no-station-lead', { station: ctx!.customer.stationId });
    },
  });

  setHandler(reportRectifiedUpdate, async (u) => {
    const { actor, ...report } = u;
    const at = now();
    state.rectification!.report = { ...report, at, by: actor.username, lateDays: lateDays(at, state.deadlineAt) };
    enterStage('verification');
    state.pendingActor = { role: 'supervisor', username: null, orgUnit: ctx!.customer.cityId };
    await record('rectification_reported', actor.username, { ...report });
    return state;
  }, {
    validator: (u) => {
      requireReady('Reporting rectification');
      requireStage(state, ['rectification'], 'Reporting rectification');
      if (!state.rectification) reject('WrongStage', 'case-step.no-order');
      if (state.rectification.owner !== u.actor.username) requireRole(state, u.actor, ['supervisor'], `Reporting rectification (owner ${state.rectification.owner})`);
      const { actor: _a, ...payload } = u;
      const p = parsePayload(ReportRectifiedInput, payload);
      // Money is computed (#17): the report says what was collected of the order's total, never a typed recovered amount.
      // The service refuses first with field codes; these are the workflow's own guards (validators do not run on replay).
      const computed = computedTotalYuan(state.rectification.computations);
      if (p.amountRecoveredYuan !== undefined) reject('InvalidStep', 'case-step.amount-typed');
      if (state.rectification.computations.length === 0) {
        if (p.collectedYuan !== undefined) reject('InvalidStep', 'case-step.no-money-actions');
      } else {
        if (p.collectedYuan === undefined) reject('IncompleteStep', 'case-step.collected-required', { computed });
        if (p.collectedYuan > computed) reject('InvalidStep', 'case-step.collected-above-computed', { collected: p.collectedYuan, computed });
        if (p.collectedYuan > 0 && !p.receiptNo) reject('IncompleteStep', 'case-step.receipt-required');
      }
    },
  });

  setHandler(verifyUpdate, async (u) => {
    const round = state.verifications.length + 1;
    const confirmed = u.outcome === 'pass' && u.confirmCollectedYuan !== undefined ? { confirmedCollectedYuan: u.confirmCollectedYuan } : {};
    state.verifications.push({ round, outcome: u.outcome, reason: u.reason ?? null, at: now(), by: u.actor.username, ...confirmed });
    if (u.outcome === 'pass') {
      state.pendingActor = null;
      enterStage('assessment');
    } else {
      state.rectification!.round += 1;
      state.rectification!.report = null;
      enterStage('rectification', u.newDeadlineWorkingDays);
      state.pendingActor = { role: 'station_lead', username: state.rectification!.owner, orgUnit: ctx!.customer.stationId };
    }
    await record('verified', u.actor.username, { round, outcome: u.outcome, reason: u.reason ?? null, newDeadlineAt: u.outcome === 'reject' ? state.deadlineAt : null, ...confirmed });
    return state;
  }, {
    validator: (u) => {
      requireReady('Verification');
      requireStage(state, ['verification'], 'Verification');
      requireRole(state, u.actor, ['supervisor'], 'Verification');
      const { actor: _a, ...payload } = u;
      const p = parsePayload(VerifyInput, payload);
      if (p.outcome === 'reject' && (!p.reason || p.reason.length < 2)) reject('IncompleteStep', 'case-step.reject-reason-required');
      // A collected amount other than the computed total counts only once the supervisor confirms that very figure (#17).
      const collected = state.rectification?.report?.collectedYuan;
      if (p.outcome === 'pass' && p.confirmCollectedYuan !== undefined && p.confirmCollectedYuan !== collected) reject('InvalidStep', 'case-step.confirm-mismatch', { collected: collected ?? null });
      if (p.outcome === 'pass' && collected !== undefined && collected !== computedTotalYuan(state.rectification!.computations) && p.confirmCollectedYuan === undefined) {
        reject('IncompleteStep', 'case-step.collected-unconfirmed', { collected, computed: computedTotalYuan(state.rectification!.computations) });
      }
    },
  });

  setHandler(reassignUpdate, async (u) => {
    if (state.stage === 'field_evidence') {
      offerTo(u.to);
    } else {
      state.rectification = state.rectification ? { ...state.rectification, owner: u.to } : state.rectification;
      state.pendingActor = { role: 'station_lead', username: u.to, orgUnit: ctx!.customer.stationId };
    }
    await record('reassigned', u.actor.username, { to: u.to, stage: state.stage });
    return state;
  }, {
    validator: (u) => {
      requireReady('Reassignment');
      requireStage(state, ['field_evidence', 'rectification'], 'Reassignment');
      requireRole(state, u.actor, ['station_lead', 'supervisor'], 'Reassignment');
      const p = parsePayload(ReassignInput, { to: u.to });
      const pool = state.stage === 'field_evidence' ? ctx!.inspectors : ctx!.stationLeads;
      if (!pool.includes(p.to)) reject('InvalidStep', state.stage === 'field_evidence' ? 'case-step.not-station-inspector' : 'case-step.not-station-lead', { user: p.to, station: ctx!.customer.stationId });
      const current = state.stage === 'field_evidence' ? state.assignee : owner();
      if (current === p.to) reject('InvalidStep', 'case-step.already-holds', { user: p.to });
    },
  });

  setHandler(dismissUpdate, async (u) => {
    await close('dismissed', u.actor.username, u.reason);
    return state;
  }, {
    validator: (u) => {
      requireReady('Dismissal');
      requireOpen(state, 'Dismissal');
      requireRole(state, u.actor, ['supervisor'], 'Dismissal');
      parsePayload(DismissInput, { reason: u.reason });
    },
  });

  setHandler(cancelUpdate, async (u) => {
    await close('cancelled', u.actor.username, u.reason);
    return state;
  }, {
    validator: (u) => {
      requireReady('Cancellation');
      requireOpen(state, 'Cancellation');
      requireRole(state, u.actor, ['supervisor', 'manager'], 'Cancellation');
      parsePayload(CancelInput, { reason: u.reason });
    },
  });

  setHandler(addNoteUpdate, async (u) => {
    state.notes.push({ text: u.text, at: now(), by: u.actor.username });
    await record('note_added', u.actor.username, { text: u.text });
    return state;
  }, {
    validator: (u) => {
      requireReady('Adding a note');
      requireOpen(state, 'Adding a note');
      requireRole(state, u.actor, ['inspector', 'station_lead', 'supervisor', 'manager'], 'Adding a note');
      parsePayload(NoteInput, { text: u.text });
      if (state.notes.length >= 200) reject('InvalidStep', 'case-step.too-many-notes', { max: 200 });
    },
  });

  setHandler(decideReviewUpdate, async (u) => {
    const at = now();
    const review = state.review!;
    state.review = { ...review, status: u.decision === 'clear' ? 'cleared' : 'returned', decidedAt: at, decidedBy: u.actor.username, note: u.note };
    if (u.decision === 'return') {
      // The visit is done again by the same inspector: what it had is kept aside, the new one starts empty.
      (state.returnedVisits ??= []).push({ checkIns: state.checkIns, evidence: state.evidence, findings: state.findings, returnedAt: at, returnedBy: u.actor.username });
      state.checkIns = [];
      state.evidence = [];
      state.findings = null;
      state.needsSupervisorReview = false;
      enterStage('field_evidence');
      state.assignment = 'accepted';
      state.pendingActor = { role: 'inspector', username: state.assignee, orgUnit: ctx!.customer.stationId };
    }
    await record('review_decided', u.actor.username, { decision: u.decision, note: u.note, reasons: review.reasons.map((r) => r.code), deadlineAt: u.decision === 'return' ? state.deadlineAt : null });
    return state;
  }, {
    validator: (u) => {
      requireReady('Deciding a review');
      requireOpen(state, 'Deciding a review');
      requireRole(state, u.actor, ['supervisor', 'manager'], 'Deciding a review');
      parsePayload(ReviewDecisionInput, { decision: u.decision, note: u.note });
      if (state.review?.status !== 'pending') reject('WrongStage', 'case-step.no-pending-review');
      if (u.decision === 'return' && (state.rectification || !state.assignee)) reject('WrongStage', 'case-step.cannot-return');
    },
  });

  setHandler(waitForStageUpdate, async ({ stages }) => {
    await condition(() => stages.includes(state.stage) || TERMINAL.includes(state.stage));
    return state;
  }, {
    validator: (u) => {
      if (!Array.isArray(u?.stages) || u.stages.length === 0) reject('InvalidStep', 'case-step.wait-stages-required');
    },
  });

  // ------------------------------------------------------------ the main path
  let clockRun: Promise<void> | null = null;
  try {
    const opened: CaseEvent = { caseId: input.caseId, seq: 1, type: 'opened', stage: 'judgement', actor: input.createdBy, payload: { origin: input.origin, customerAccountNo: input.customerAccountNo, note: input.note ?? null, campaignId: input.campaignId ?? null, ...(input.duplicate ? { duplicateOf: input.duplicate.of, duplicateReason: input.duplicate.reason } : {}) }, occurredAt: input.requestedAt };
    state.caseNo = (await recorder.open(opened)).caseNo;
    // a named policy is a third argument only when given: the activity's input of every other case stays as it was
    ctx = input.policyVersion
      ? await acts.loadCaseContext(input.customerAccountNo, input.requestedAt, input.policyVersion)
      : await acts.loadCaseContext(input.customerAccountNo, input.requestedAt);
    if (state.recordingFailed) await recorder.alert(state.recordingFailed); // the opening was refused; now the city is known
    const { cityId: _city, ...customer } = ctx.customer;
    state.customer = customer;
    state.policyVersion = ctx.policy.version;
    state.recorded = true;

    // 1. initial system judgement
    state.judgement = await acts.judgeCase({ caseId: input.caseId, customerAccountNo: input.customerAccountNo, origin: input.origin, campaignId: input.campaignId });
    state.priority = state.judgement.priority;
    await record('judged', null, { judgement: state.judgement, policyVersion: state.policyVersion });

    // 2. field evidence: offered to the station's least-loaded inspector, or to the station lead to assign
    if (!TERMINAL.includes(state.stage)) {
      // pick first, then enter: an assign arriving meanwhile is refused (wrong stage) instead of being overwritten
      const own = input.initialAssignee && ctx.inspectors.includes(input.initialAssignee) ? input.initialAssignee : null;
      const inspector = own ?? (await acts.pickInspector(ctx.customer.stationId, []));
      if (!TERMINAL.includes(state.stage)) {
        enterStage('field_evidence');
        offerTo(inspector);
        await record('stage_entered', null, { assignee: state.assignee, deadlineAt: state.deadlineAt });
      }
    }
    // The clock ends with the case; a cancelled workflow ends it with a CancelledFailure, handled below.
    clockRun = clock().catch((e: unknown) => {
      if (!isCancellation(e)) throw e;
    });

    // 3–4. rectification and verification run in the Update handlers; 5. assessment here.
    // A case on review waits at assessment for the supervisor; a return sends it back to field evidence.
    for (;;) {
      await condition(() => state.stage === 'assessment' || TERMINAL.includes(state.stage));
      if (state.stage !== 'assessment' || state.review?.status !== 'pending') break;
      await condition(() => state.review?.status !== 'pending' || TERMINAL.includes(state.stage));
      if (state.stage === 'assessment') break;
    }
    if (state.stage === 'assessment') {
      const c = ctx.customer;
      // Assessment awaits activities while the case is still open: a dismissal or cancellation arriving meanwhile
      // would be overwritten by the close below, so steps are refused until the case is closed.
      await guard.hold('scoring', null, async () => {
        await record('stage_entered', null, {});
        const closedAt = now();
        const f = state.findings!;
        const rect = state.rectification;
        state.score = await acts.scoreCase({
          caseId: input.caseId, origin: input.origin, closedAt, outcome: f.result, inspector: f.by, stationId: c.stationId,
          countyId: c.countyId, fieldLateDays: f.fieldLateDays, evidenceComplete: !state.needsSupervisorReview,
          rectificationLateDays: rect?.report ? rect.report.lateDays : null, verificationRounds: state.verifications.length,
          maxEscalationTier: state.escalations.reduce((m, e) => Math.max(m, e.tier), 0),
          recoveredYuan: patched(PATCHES.computedMoney) ? recoveredYuanOf(rect, state.verifications)
            : rect ? rect.report?.amountRecoveredYuan ?? rect.computations.reduce((s, r) => s + r.backBillingYuan + r.penaltyYuan, 0) : 0,
        });
        if (patched(PATCHES.scoreInCaseLog)) {
          await record('scored', null, { ruleSetVersion: state.score.ruleSetVersion, lines: state.score.lines, total: state.score.total });
        }
        await close('closed', null, null);
      });
    }
    await clockRun;
    await recorder.settled();
    // The step that ended the case (dismiss, cancel) answers before the case completes.
    if (patched(PATCHES.handlersFinishBeforeCompletion)) await condition(allHandlersFinished);
    return state;
  } catch (err) {
    if (isCancellation(err) && !TERMINAL.includes(state.stage)) {
      await CancellationScope.nonCancellable(async () => {
        await close('cancelled', null, 'workflow cancelled');
        await recorder.settled();
      });
    }
    throw err;
  }
}
