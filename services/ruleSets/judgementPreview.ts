import type pg from 'pg';
import { prepareRuleSet, type JudgementRuleSet } from '../../domain/judgementRules';
import { DEFAULT_JUDGEMENT_RULE_SET } from '../../domain/defaultJudgementRules';
import { lastClosedMonth } from '../../domain/billingMonths';
import type { Principal } from '../../domain/roles';
import { countSelection, type SelectionCounts } from '../../db/judgementPreview';
import { upstreamConnector } from '../customers/upstream';
import { ruleSetLifecycle } from './lifecycle';
import { accepted, refused, type RuleSetOutcome } from './outcome';

export interface JudgementPreview {
  asOfMonth: string;
  /** The caller's org unit: only its customers are counted. */
  scope: string;
  draft: SelectionCounts & { version: string; minScore: number };
  inForce: SelectionCounts & { version: string; minScore: number };
}

/**
 * What a rule-set version would select against the version in force, in the caller's org unit, each at its own
 * campaign threshold (campaignMinScore) — the campaign preview's engine, so a campaign of all the rules counts the
 * same. `document`: the edited, unsaved draft (its version need not be stored yet); absent: the stored version.
 */
export async function previewJudgementRuleSet(pool: pg.Pool, principal: Principal, version: string, document: JudgementRuleSet | undefined, asOf?: string): Promise<RuleSetOutcome<JudgementPreview>> {
  const lifecycle = ruleSetLifecycle('judgement', { pool });
  let draft = document;
  if (!draft) {
    const stored = await lifecycle.get(version);
    if (!stored.ok) return refused(stored.refusal);
    draft = stored.value.document;
  }
  const inForce = (await lifecycle.inForceAt(new Date()))?.document ?? DEFAULT_JUDGEMENT_RULE_SET;
  const asOfMonth = asOf ?? (await upstreamConnector(pool).latestBillingMonth()) ?? lastClosedMonth(new Date());
  const count = async (rs: JudgementRuleSet) => ({
    version: rs.version, minScore: rs.campaignMinScore, ...(await countSelection(pool, prepareRuleSet(rs, asOfMonth), principal.orgUnit, rs.campaignMinScore)),
  });
  const [d, f] = await Promise.all([count(draft), count(inForce)]);
  return accepted({ asOfMonth, scope: principal.orgUnit, draft: d, inForce: f });
}
