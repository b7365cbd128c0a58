import type { UpstreamConnector } from '../../domain/customerData';
import type { JudgementRuleSet } from '../../domain/judgementRules';
import { prepareRuleSet } from '../../domain/judgementRules';
import { judgeCustomer } from '../../db/judgeCustomer';

// The daily run stores reason codes (the population SQL returns no figures; line loss gets its own afterwards). The
// customer 360 shows one customer's flags with their words and charts, which need the figures: the months compared,
// the baseline, the peers. They come from the domain's one-customer evaluation under the run's rule set and month —
// the path the case workflow's judgement takes — for that customer only, when the 360 is opened.

export interface ReasonExplanation {
  reasonCode: string;
  params: Record<string, number | string>;
}

/**
 * Per rule code, the explanation of the customer's judgement under the run's version and month; a code that no longer
 * fires (the data changed since the run) has none, and its reason is shown without figures.
 */
export async function storedReasonExplanations(
  connector: UpstreamConnector, ruleSet: JudgementRuleSet | null, run: { asOfMonth: string }, accountNo: string,
): Promise<Map<string, ReasonExplanation>> {
  if (!ruleSet) return new Map();
  const judged = await judgeCustomer(connector, prepareRuleSet(ruleSet, run.asOfMonth), accountNo);
  return new Map((judged?.result.reasons ?? []).flatMap((r) => (r.reasonCode && r.params ? [[r.code, { reasonCode: r.reasonCode, params: r.params }] as const] : [])));
}

