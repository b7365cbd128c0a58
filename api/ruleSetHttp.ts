import { codedProblem, type Problem } from '../http/problem';
import type { Lang } from '../domain/text';
import type { RuleSetView } from '../services/ruleSets/lifecycle';
import type { RuleSetOutcome, RuleSetRefusal } from '../services/ruleSets/outcome';

/** The rule-set kinds, as their refusals name them (rule-set-kind.* in domain/messages). */
export type RuleSetKind = 'judgement' | 'penalty' | 'assessment' | 'case-policy';

/**
 * The problem+json answer to a refused rule-set call, the same for every kind. `type` and `code` are stable for the
 * UIs; field errors point the form at the version or the date; `detail` is in the request's language.
 */
export function refusalProblem(ruleSetKind: RuleSetKind, r: RuleSetRefusal, lang: Lang = 'zh-CN'): Problem {
  const type = `urn:jicha:rule-set:${r.reason.replaceAll('_', '-')}`;
  const code = `rule-set.${r.reason.replaceAll('_', '-')}`;
  switch (r.reason) {
    case 'missing':
    case 'published':
      return codedProblem(r.reason === 'missing' ? 404 : 409, r.reason === 'missing' ? 'Not found' : 'Conflict', code, { ruleSetKind, version: r.version }, lang, { type });
    case 'version_taken':
      return codedProblem(409, 'Conflict', code, { ruleSetKind, version: r.version }, lang, { type, errors: [{ path: 'version', message: 'already exists' }] });
    case 'date_not_allowed':
      return codedProblem(422, 'Invalid effective date', code, { earliest: r.earliest }, lang, { type, errors: [{ path: 'effectiveFrom', message: `must be ${r.earliest} or later` }] });
    case 'date_taken':
      return codedProblem(409, 'Conflict', code, { ruleSetKind, takenBy: r.takenBy, effectiveFrom: r.effectiveFrom }, lang, {
        type, errors: [{ path: 'effectiveFrom', message: `${r.takenBy} already takes effect on this date` }],
      });
  }
}

/** For one kind: the value of an accepted call; a refusal is thrown as its problem. */
export function valueOrProblem(ruleSetKind: RuleSetKind) {
  return <T>(out: RuleSetOutcome<T>, lang: Lang = 'zh-CN'): T => {
    if (!out.ok) throw refusalProblem(ruleSetKind, out.refusal, lang);
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
