import { Problem } from '../http/problem';
import type { RuleSetView } from '../services/ruleSets/lifecycle';
import type { RuleSetOutcome, RuleSetRefusal } from '../services/ruleSets/outcome';

/**
 * The problem+json answer to a refused rule-set call, the same for every kind (`label`: "judgement rule set"…).
 * `type` is a stable code the UIs can translate; field errors point the form at the version or the date.
 */
export function refusalProblem(label: string, r: RuleSetRefusal): Problem {
  const type = `urn:jicha:rule-set:${r.reason.replaceAll('_', '-')}`;
  switch (r.reason) {
    case 'missing':
      return new Problem(404, 'Not found', `No ${label} ${r.version}.`, undefined, type);
    case 'version_taken':
      return new Problem(409, 'Conflict', `The ${label} version ${r.version} already exists; choose a new version.`, [{ path: 'version', message: 'already exists' }], type);
    case 'published':
      return new Problem(409, 'Conflict', `The ${label} ${r.version} is published and can no longer change; write a new version.`, undefined, type);
    case 'date_not_allowed':
      return new Problem(422, 'Invalid effective date', `A rule set takes effect today (${r.earliest}, China time) or later.`, [{ path: 'effectiveFrom', message: `must be ${r.earliest} or later` }], type);
    case 'date_taken':
      return new Problem(409, 'Conflict', `The ${label} ${r.takenBy} already takes effect on ${r.effectiveFrom}; choose another day.`, [{ path: 'effectiveFrom', message: `${r.takenBy} already takes effect on this date` }], type);
  }
}

/** For one kind: the value of an accepted call; a refusal is thrown as its problem. */
export function valueOrProblem(label: string) {
  return <T>(out: RuleSetOutcome<T>): T => {
    if (!out.ok) throw refusalProblem(label, out.refusal);
    return out.value;
  };
}

/**
 * The fields every kind's record carries on the wire, beside its document's fields. `active` (judgement and penalty
 * screens) and `inForce` (assessment screens) say the same: the version in force now.
 */
export function ruleSetEnvelope(r: RuleSetView<unknown>) {
  return {
    id: r.version, version: r.version, status: r.status, effectiveFrom: r.effectiveFrom,
    createdBy: r.createdBy, createdAt: r.createdAt, updatedBy: r.updatedBy, updatedAt: r.updatedAt, publishedBy: r.publishedBy, publishedAt: r.publishedAt,
    active: r.inForce, inForce: r.inForce,
  };
}
