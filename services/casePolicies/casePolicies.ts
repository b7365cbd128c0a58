import type pg from 'pg';
import type { CasePolicy } from '../../domain/casePolicy';
import type { CasePolicyRules } from '../../domain/casePolicyRules';
import { casePolicyUsage } from '../../db/casePolicyUsage';
import { ruleSetLifecycle, type RuleSetView } from '../ruleSets/lifecycle';
import { accepted, refused, type RuleSetOutcome } from '../ruleSets/outcome';

/** Where a version stands: in force now, published from a later day, a draft, or replaced by a later version. */
export type CasePolicyStanding = 'in_force' | 'scheduled' | 'draft' | 'superseded';

export interface CasePolicyVersion extends RuleSetView<CasePolicy> {
  standing: CasePolicyStanding;
  /** Cases inside the caller's org unit that run under this version. */
  cases: number;
}

/**
 * Case policies (时限与取证规则: deadlines, escalation, evidence rules) on the rule sets' one lifecycle (kind
 * `casePolicy`): a draft starts as a copy of a version (by default the one in force), is edited field by field,
 * published from an effective day and frozen. A case keeps the version it started under (`policyVersion`).
 */
export function casePolicies({ pool, now = () => new Date() }: { pool: pg.Pool; now?: () => Date }) {
  const lifecycle = ruleSetLifecycle('casePolicy', { pool, now });

  const standing = (r: RuleSetView<CasePolicy>, current: RuleSetView<CasePolicy> | undefined): CasePolicyStanding => {
    if (r.status === 'draft') return 'draft';
    if (r.inForce) return 'in_force';
    // Published from a day after today's version's day (or with none in force yet): still to come.
    return !current || (r.effectiveFrom ?? '') > (current.effectiveFrom ?? '') ? 'scheduled' : 'superseded';
  };
  const withUsage = async (rows: RuleSetView<CasePolicy>[], orgUnit: string, all = rows): Promise<CasePolicyVersion[]> => {
    const usage = await casePolicyUsage(pool, orgUnit);
    const current = all.find((r) => r.inForce);
    return rows.map((r) => ({ ...r, standing: standing(r, current), cases: usage.get(r.version) ?? 0 }));
  };

  return {
    lifecycle,
    async list(orgUnit: string): Promise<CasePolicyVersion[]> {
      return withUsage(await lifecycle.list(), orgUnit);
    },
    async get(version: string, orgUnit: string): Promise<RuleSetOutcome<CasePolicyVersion>> {
      const one = await lifecycle.get(version);
      if (!one.ok) return one;
      // The standing of one version needs the one in force.
      const current = one.value.inForce ? one.value : await lifecycle.inForceAt(now());
      const all = current && current.version !== one.value.version ? [one.value, { ...current, inForce: true }] : [one.value];
      return accepted((await withUsage([one.value], orgUnit, all))[0]);
    },
    /** A new draft: a copy of `basedOn` (default: the version in force now) under `version`. */
    async createDraft(version: string, basedOn: string | undefined, by: string): Promise<RuleSetOutcome<RuleSetView<CasePolicy>>> {
      const base = basedOn ? await lifecycle.get(basedOn) : await lifecycle.inForceAt(now()).then((r) => (r ? accepted(r) : null));
      if (!base) return refused({ reason: 'missing', version: 'in force' });
      if (!base.ok) return base;
      return lifecycle.createDraft(version, { document: { ...base.value.document, version } }, by);
    },
    /** Replaces a draft's rules; everything else of the document (its calendar) stays as the draft has it. */
    async updateDraft(version: string, rules: CasePolicyRules, by: string): Promise<RuleSetOutcome<RuleSetView<CasePolicy>>> {
      const draft = await lifecycle.get(version);
      if (!draft.ok) return draft;
      if (draft.value.status === 'published') return refused({ reason: 'published', version });
      return lifecycle.updateDraft(version, { document: { ...draft.value.document, ...rules, version } }, by);
    },
    publish: (version: string, effectiveFrom: string, by: string) => lifecycle.publish(version, effectiveFrom, by),
    deleteDraft: (version: string) => lifecycle.deleteDraft(version),
  };
}
