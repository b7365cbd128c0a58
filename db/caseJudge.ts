import type { CaseJudge, JudgementRequest, JudgementResult } from '../domain/judgement';
import type { UpstreamConnector } from '../domain/customerData';
import { prepareRuleSet, type PreparedRuleSet } from '../domain/judgementRules';
import { DEFAULT_JUDGEMENT_RULE_SET } from '../domain/defaultJudgementRules';
import { lastClosedMonth } from '../domain/billingMonths';
import type { Queryable } from './pool';
import { chinaDate } from '../domain/calendar';
import { ruleSetInForceOn } from './ruleSets';
import { getCampaign, prepareCampaign } from './campaigns';
import { createBuiltinConnector } from './upstream/builtinConnector';
import { judgeCustomer } from './judgeCustomer';
import { mustCheckMap } from './mustCheckItems';
import { mustCheckItemsFor, PROBLEM_TYPE_OF_ANOMALY } from '../domain/mustCheck';
import { DEFAULT_CALIBRATION } from '../domain/calibration';
import { calibratedRate } from './calibration';

export class UnknownCustomerError extends Error {}
export class UnknownCampaignError extends Error {}

/**
 * The initial system judgement behind the case workflow's first stage. A campaign's case is judged with that
 * campaign's rule snapshot and as-of month (what selected it); any other case with the published rule set in force
 * today (the query services/ruleSets/lifecycle.ts `inForceAt` runs) as of the latest closed billing month. The built-in rule set stands in when none was ever published.
 */
export function createCaseJudge(db: Queryable, connector: UpstreamConnector = createBuiltinConnector(db)): CaseJudge & { rulesFor(req: Pick<JudgementRequest, 'campaignId'>): Promise<PreparedRuleSet> } {
  const asOfDefault = async () => (await connector.latestBillingMonth()) ?? lastClosedMonth(new Date());
  const self = {
    async rulesFor(req: Pick<JudgementRequest, 'campaignId'>): Promise<PreparedRuleSet> {
      if (req.campaignId) {
        const c = await getCampaign(db, req.campaignId);
        if (!c) throw new UnknownCampaignError(`campaign ${req.campaignId} does not exist`);
        return prepareCampaign(c, c.asOfMonth ?? (await asOfDefault()));
      }
      const inForce = await ruleSetInForceOn(db, 'judgement', chinaDate(Date.now()));
      return prepareRuleSet(inForce?.document ?? DEFAULT_JUDGEMENT_RULE_SET, await asOfDefault());
    },
    async judge(req: JudgementRequest): Promise<JudgementResult> {
      const rules = await self.rulesFor(req);
      const judged = await judgeCustomer(connector, rules, req.customerAccountNo);
      if (!judged) throw new UnknownCustomerError(`customer ${req.customerAccountNo} does not exist`);
      // 四必查: the check items are the configured must-check items of the suspected problem types; a type without
      // configuration keeps the items the rule set suggests
      const fired = rules.ruleSet.rules.filter((r) => judged.evaluation.fired.includes(r.code));
      const problemTypes = [...new Set(fired.map((r) => PROBLEM_TYPE_OF_ANOMALY[r.anomalyType]))];
      const config = await mustCheckMap(db);
      const configured = mustCheckItemsFor(config, problemTypes);
      const unconfigured = fired.filter((r) => !config.has(PROBLEM_TYPE_OF_ANOMALY[r.anomalyType])).flatMap((r) => r.checkItems);
      const checkItems = [...new Map([...configured, ...unconfigured].map((i) => [i.code, i])).values()];
      // 预计查实率: each flag with its family's calibrated rate at the customer's unit (recorded, so the dashboard can
      // compare what was expected with what the visits found)
      const prior = rules.ruleSet.calibration?.priorRate ?? DEFAULT_CALIBRATION.priorRate;
      const unit = judged.archive.gridId ?? judged.archive.stationId;
      const reasons = await Promise.all(judged.result.reasons.map(async (r) => {
        const family = fired.find((x) => x.code === r.code)?.kind;
        return family ? { ...r, family, expectedRate: await calibratedRate(db, family, unit, prior) } : r;
      }));
      const rates = reasons.flatMap((r) => (r.expectedRate === undefined ? [] : [r.expectedRate]));
      return { ...judged.result, reasons, problemTypes, checkItems, ...(rates.length ? { expectedRate: Math.max(...rates) } : {}) };
    },
  };
  return self;
}
