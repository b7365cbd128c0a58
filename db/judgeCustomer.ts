import type { CustomerArchive, UpstreamConnector } from '../domain/customerData';
import type { JudgementResult } from '../domain/judgement';
import { buildFacts, evaluateFacts, monthAt, toJudgementResult, type CustomerFacts, type Evaluation, type PreparedRuleSet } from '../domain/judgementRules';
import { addDays } from '../domain/billingMonths';

/** Reads through the connector exactly the history the prepared rules look at. */
export async function loadCustomerFacts(connector: UpstreamConnector, p: PreparedRuleSet, accountNo: string): Promise<{ archive: CustomerArchive; facts: CustomerFacts } | null> {
  const archive = await connector.customer(accountNo);
  if (!archive) return null;
  const from = monthAt(p, p.horizonMonths - 1);
  // One after another: the connector may sit on a single connection (a transaction, the semantics test).
  const bills = await connector.monthlyConsumption(accountNo, from, p.asOfMonth);
  const peers = p.needsPeers ? await connector.peerMonthlyTotals(archive.stationId, archive.tariffCategory, from, p.asOfMonth) : [];
  const days = p.days ? await connector.dailyReadings(accountNo, addDays(p.days.after, 1), p.days.through) : [];
  const events = p.events ? await connector.meterEvents(accountNo, p.events.from, p.events.to) : [];
  const area = p.needsArea && archive.areaId && connector.areaFacts ? await connector.areaFacts(archive.areaId, p.asOfMonth) : null;
  const outage = p.needsOutages && p.events && connector.outagePowerLoss ? await connector.outagePowerLoss(archive, p.events.from, p.events.to) : null;
  const visits = p.visits && connector.meteringVisits ? await connector.meteringVisits(accountNo, p.visits.from, p.visits.to) : [];
  return { archive, facts: buildFacts(p, archive, bills, peers, days, events, area, outage, visits) };
}

/** Initial system judgement of one customer (case workflow, custom audits, the customer view). */
export async function judgeCustomer(connector: UpstreamConnector, p: PreparedRuleSet, accountNo: string): Promise<{ archive: CustomerArchive; evaluation: Evaluation; result: JudgementResult } | null> {
  const loaded = await loadCustomerFacts(connector, p, accountNo);
  if (!loaded) return null;
  const evaluation = evaluateFacts(p, loaded.facts);
  return { archive: loaded.archive, evaluation, result: toJudgementResult(p, evaluation) };
}
