import type { OutboxItem } from '../../outbox';
import { checkText, type TextProblem } from '../tasks/textRules';
import type { CheckInAnswer, CheckInRecord, FindingsBody, FindingsResult, ProblemType, TaskDetail } from '../tasks/types';

// The findings form's rules, as the case workflow's validator applies them (workflows/inspectionCase.ts,
// submitFindings; FindingsInput in domain/inspectionCaseContract.ts):
// - result confirmed | not_confirmed; a confirmed problem needs its type (one of PROBLEM_TYPES);
// - checklist: {code, passed, note ≤ 500} per item; summary 2–2000 characters; justification 5–1000 when given;
// - evidence is complete when at least `minVerifiedPhotos` photos are verified AND one check-in lies inside the
//   geofence; otherwise findings without a justification are refused, and with one the case is flagged for supervisor
//   review. "Inside" is the server's answer to the check-in: distance + the fix's accuracy within the radius and the
//   device clock within tolerance (issue #15).
// - the server then judges the visit's proof of presence (check-ins, GPS track, photos' forensics): a weak verdict
//   refuses findings without a justification (case-step:PresenceWeak), which this form cannot foresee from the
//   evidence rule alone; FindingsPage shows those reasons and asks for the justification then.
// The app adds: every must-check item answered (四必查), and the customer's signature (or a recorded refusal).

export const PROBLEM_TYPES = ['wrong_tariff', 'theft', 'capacity_overuse', 'meter_fault', 'billing_error', 'other'] as const satisfies readonly ProblemType[];
// Fails to compile when the API gains a problem type this list lacks.
const allProblemTypes: Record<ProblemType, true> = { wrong_tariff: true, theft: true, capacity_overuse: true, meter_fault: true, billing_error: true, other: true };
void allProblemTypes;

export const RESULTS = ['confirmed', 'not_confirmed'] as const satisfies readonly FindingsResult[];

/**
 * The case policy's evidence rule when the API does not send it: the seeded default policy
 * (db/migrations/002_case_workflow.sql: minVerifiedPhotos 2). The geofence radius comes from the public config.
 */
export const DEFAULT_MIN_VERIFIED_PHOTOS = 2;

export const LIMITS = {
  summary: { min: 2, max: 2000 },
  justification: { min: 5, max: 1000 },
  checkNote: { max: 500 },
} as const;

// ---------------------------------------------------------------- evidence

export interface EvidenceState {
  /** complete: the workflow will accept the findings without a justification; short: it will not; pending: it
   *  depends on check-ins or uploads still in the outbox, whose outcome is not known yet. */
  state: 'complete' | 'pending' | 'short';
  photos: { verified: number; pending: number; need: number };
  /**
   * `best`: the answered check-in that came nearest to counting (the smallest distance + accuracy, as the server picks
   * it), for saying why none counts: too far, a fix too imprecise to show it lies inside, or the device clock off.
   */
  checkIn: { inside: boolean; pending: number; bestDistanceM: number | null; count: number; best: CheckInFacts | null };
  radiusM: number;
}

/** What an answered check-in says about itself. */
export interface CheckInFacts {
  distanceM: number | null;
  accuracyM: number;
  /** Device clock minus server clock, seconds (absent from check-ins recorded before #15). */
  clockSkewS?: number;
}

const isCheckInAnswer = (r: unknown): r is CheckInAnswer => typeof r === 'object' && r !== null && typeof (r as CheckInAnswer).insideGeofence === 'boolean';
const evidenceIdOf = (r: unknown): string | null => (typeof r === 'object' && r !== null && typeof (r as { evidenceId?: unknown }).evidenceId === 'string' ? (r as { evidenceId: string }).evidenceId : null);
const inFlight = (i: OutboxItem) => i.status === 'queued' || i.status === 'sending' || i.status === 'failed';

export function evidenceState(input: {
  evidence: TaskDetail['evidence'];
  checkIns: TaskDetail['checkIns'];
  outbox: OutboxItem[];
  minVerifiedPhotos: number;
  radiusM: number;
}): EvidenceState {
  // Photos: confirmed on the server, plus those this device has had confirmed since the page loaded (the same upload
  // counted once), plus those still on their way.
  const verifiedIds = new Set(input.evidence.filter((e) => e.kind === 'photo' && e.status === 'confirmed').map((e) => e.evidenceId));
  let pendingPhotos = 0;
  for (const i of input.outbox) {
    if (i.type !== 'evidence' || i.evidenceKind !== 'photo') continue;
    if (i.status === 'done') {
      const id = evidenceIdOf(i.result);
      if (id) verifiedIds.add(id);
    } else if (inFlight(i)) pendingPhotos += 1;
  }

  // Check-ins: on the server, plus this device's answered ones (matched by their device time), plus those unanswered.
  const fact = (c: CheckInRecord | CheckInAnswer) => ({
    deviceTime: c.deviceTime, inside: c.insideGeofence, distanceM: c.distanceM, accuracyM: c.accuracyM, ...(c.clockSkewS !== undefined ? { clockSkewS: c.clockSkewS } : {}),
  });
  const answers = input.checkIns.map(fact);
  let pendingCheckIns = 0;
  for (const i of input.outbox) {
    if (i.type !== 'step' || i.action !== 'check-in') continue;
    if (i.status === 'done' && isCheckInAnswer(i.result)) {
      const r = i.result;
      if (!answers.some((a) => a.deviceTime === r.deviceTime)) answers.push(fact(r));
    } else if (inFlight(i)) pendingCheckIns += 1;
  }
  const inside = answers.some((a) => a.inside);
  const distances = answers.map((a) => a.distanceM).filter((d): d is number => d !== null);
  const reach = (a: CheckInFacts) => (a.distanceM === null ? Infinity : a.distanceM + a.accuracyM);
  const best = [...answers].sort((a, b) => reach(a) - reach(b))[0] ?? null;
  const verified = verifiedIds.size;
  const need = input.minVerifiedPhotos;

  let state: EvidenceState['state'];
  if (verified >= need && inside) state = 'complete';
  else if (verified + pendingPhotos >= need && (inside || pendingCheckIns > 0)) state = 'pending';
  else state = 'short';
  return {
    state,
    photos: { verified, pending: pendingPhotos, need },
    checkIn: {
      inside, pending: pendingCheckIns, bestDistanceM: distances.length ? Math.min(...distances) : null, count: answers.length,
      best: best ? { distanceM: best.distanceM, accuracyM: best.accuracyM, ...(best.clockSkewS !== undefined ? { clockSkewS: best.clockSkewS } : {}) } : null,
    },
    radiusM: input.radiusM,
  };
}

/** The photo half of the rule in words (key and parameters). */
export function photoStatus(e: EvidenceState): TextProblem {
  const { verified, pending, need } = e.photos;
  if (verified >= need) return { key: 'findings.evidence.photosOk', params: { verified, need } };
  return pending > 0 ? { key: 'findings.evidence.photosPending', params: { verified, pending, need } } : { key: 'findings.evidence.photosShort', params: { verified, need } };
}

/** The check-in half of the rule in words. */
export function checkInStatus(e: EvidenceState): TextProblem {
  if (e.checkIn.inside) return { key: 'findings.evidence.inside', params: { radius: e.radiusM } };
  if (e.checkIn.pending > 0) return { key: 'findings.evidence.checkInPending', params: { n: e.checkIn.pending } };
  const best = e.checkIn.best;
  // The server counts a check-in as inside only when its distance plus its fix's accuracy lies within the fence and
  // the device clock agrees with its own (domain/presence.ts): say which of the two failed, in the words the
  // server's presence reasons use (i18n/areas/presence.ts).
  if (best && best.distanceM !== null && best.distanceM <= e.radiusM) {
    if (best.distanceM + best.accuracyM > e.radiusM) return { key: 'presence.checkin.imprecise', params: { accuracyM: Math.round(best.accuracyM), radiusM: e.radiusM } };
    if (best.clockSkewS !== undefined) return { key: 'findings.evidence.checkInClock', params: { skewS: Math.abs(best.clockSkewS) } };
  }
  if (e.checkIn.bestDistanceM !== null) return { key: 'findings.evidence.checkInOutside', params: { m: e.checkIn.bestDistanceM, radius: e.radiusM } };
  return { key: 'findings.evidence.noCheckIn' };
}

/**
 * A justification is needed unless the evidence is known to be complete. While check-ins or photos are still queued
 * their outcome is unknown, and findings refused when the queue drains would reach the inspector after they left the
 * customer; a justification given although the evidence turns out complete does no harm (the workflow flags a case
 * for review only when the evidence is actually short).
 */
export const justificationRequired = (e: EvidenceState): boolean => e.state !== 'complete';

// ---------------------------------------------------------------- the form

export type CheckAnswer = 'pass' | 'fail' | '';

export interface FindingsDraft {
  result: FindingsResult | '';
  problemType: ProblemType | '';
  checklist: Record<string, { answer: CheckAnswer; note: string }>;
  summary: string;
  justification: string;
  /** The customer declined to sign the work order (recorded in the summary). */
  signatureRefused: boolean;
}

export const emptyDraft = (): FindingsDraft => ({ result: '', problemType: '', checklist: {}, summary: '', justification: '', signatureRefused: false });

export type FindingsErrors = Partial<Record<'result' | 'problemType' | 'checklist' | 'summary' | 'justification' | 'signature', TextProblem>> & {
  /** Per check item code: unanswered or a note too long. */
  items?: Record<string, TextProblem>;
};

/** The line the summary gains when the customer declines to sign (the API has no field of its own for it). */
export const refusalLine = (text: string) => `\n${text}`;

export function finalSummary(d: FindingsDraft, refusedText: string): string {
  const s = d.summary.trim();
  return d.signatureRefused ? s + refusalLine(refusedText) : s;
}

export function validateFindings(
  d: FindingsDraft,
  checkItems: { code: string }[],
  evidence: EvidenceState,
  /** presenceWeak: the server refused these findings for a weak proof of presence; a justification is then required. */
  o: { signed: boolean; refusedText: string; presenceWeak?: boolean },
): FindingsErrors {
  const errors: FindingsErrors = {};
  if (!d.result) errors.result = { key: 'findings.error.result' };
  if (d.result === 'confirmed' && !d.problemType) errors.problemType = { key: 'findings.error.problemType' };

  const items: Record<string, TextProblem> = {};
  let unanswered = 0;
  for (const c of checkItems) {
    const a = d.checklist[c.code];
    if (!a || !a.answer) {
      unanswered += 1;
      items[c.code] = { key: 'findings.error.itemUnanswered' };
      continue;
    }
    const p = checkText(a.note, { min: 0, max: LIMITS.checkNote.max, required: false });
    if (p) items[c.code] = p;
  }
  if (Object.keys(items).length) errors.items = items;
  if (unanswered) errors.checklist = { key: 'findings.error.checklist', params: { n: unanswered } };

  const summaryProblem = checkText(d.summary, { ...LIMITS.summary, required: true });
  if (summaryProblem) errors.summary = summaryProblem;
  else if (finalSummary(d, o.refusedText).length > LIMITS.summary.max) errors.summary = { key: 'form.tooLong', params: { max: LIMITS.summary.max - refusalLine(o.refusedText).length } };

  const needJ = justificationRequired(evidence) || !!o.presenceWeak;
  const j = checkText(d.justification, { ...LIMITS.justification, required: needJ });
  const missing = o.presenceWeak ? 'findings.error.justificationPresence' : evidence.state === 'pending' ? 'findings.error.justificationPending' : 'findings.error.justification';
  if (j) errors.justification = j.key === 'form.required' ? { key: missing, params: { min: LIMITS.justification.min } } : j;

  if (!o.signed && !d.signatureRefused) errors.signature = { key: 'findings.error.signature' };
  return errors;
}

export const hasErrors = (e: FindingsErrors): boolean => Object.keys(e).length > 0;

/** The findings step's body, exactly as FindingsInput takes it (strict: no other keys). */
export function findingsBody(d: FindingsDraft, checkItems: { code: string }[], refusedText: string): FindingsBody {
  if (!d.result) throw new Error('findings: no result');
  const justification = d.justification.trim();
  return {
    result: d.result,
    ...(d.result === 'confirmed' && d.problemType ? { problemType: d.problemType } : {}),
    checklist: checkItems
      .filter((c) => d.checklist[c.code]?.answer)
      .map((c) => {
        const a = d.checklist[c.code]!;
        const note = a.note.trim();
        return { code: c.code, passed: a.answer === 'pass', ...(note ? { note } : {}) };
      }),
    summary: finalSummary(d, refusedText),
    ...(justification ? { justification } : {}),
  };
}

/**
 * The form again from findings the server refused (they went with the draft, which is dropped when they are queued):
 * what the inspector had entered, to add a justification to and submit again. Null for anything else.
 */
export function draftFromBody(body: unknown, refusedText: string): FindingsDraft | null {
  const b = body as Partial<FindingsBody> | null | undefined;
  if (!b || (b.result !== 'confirmed' && b.result !== 'not_confirmed')) return null;
  const line = refusalLine(refusedText);
  const summary = typeof b.summary === 'string' ? b.summary : '';
  const refused = summary.endsWith(line);
  const checklist: FindingsDraft['checklist'] = {};
  for (const c of Array.isArray(b.checklist) ? b.checklist : []) {
    if (c && typeof c.code === 'string') checklist[c.code] = { answer: c.passed ? 'pass' : 'fail', note: typeof c.note === 'string' ? c.note : '' };
  }
  return {
    result: b.result,
    problemType: b.result === 'confirmed' && b.problemType ? b.problemType : '',
    checklist,
    summary: refused ? summary.slice(0, -line.length) : summary,
    justification: typeof b.justification === 'string' ? b.justification : '',
    signatureRefused: refused,
  };
}
