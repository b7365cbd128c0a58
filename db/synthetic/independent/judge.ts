import { buildFacts, centi, evaluateFacts, outageFactsByUnit, outageUnitOf, type Evaluation, type PreparedRuleSet } from '../../../domain/judgementRules';
import type { IndependentCustomer } from './population';

/**
 * Judges the independent population in memory: peer totals and billed-customer counts per station, tariff and month
 * added up here (and power loss per outage unit and day), facts through the same `buildFacts`/`evaluateFacts` as the per-customer judgement (which the
 * semantics test holds equal to the population SQL).
 */
export function judgeIndependent(p: PreparedRuleSet, customers: IndependentCustomer[]): Evaluation[] {
  const peers = new Map<string, Map<string, { kwhCenti: number; customers: number }>>();
  for (const c of customers) {
    const key = `${c.stationId}/${c.tariffCategory}`;
    let g = peers.get(key);
    if (!g) peers.set(key, (g = new Map()));
    for (const b of c.bills) {
      const t = g.get(b.month) ?? { kwhCenti: 0, customers: 0 };
      g.set(b.month, { kwhCenti: t.kwhCenti + centi(b.kwh), customers: t.customers + 1 });
    }
  }
  // power loss per outage unit and day, as the SQL counts it (rules that net outages out)
  const outages = p.needsOutages && p.events ? outageFactsByUnit(customers, p.events) : null;
  return customers.map((c) => {
    const g = peers.get(`${c.stationId}/${c.tariffCategory}`)!;
    const facts = buildFacts(p, c, c.bills, [...g].map(([month, t]) => ({ month, ...t })), c.days, c.events, null, outages?.get(outageUnitOf(c)));
    return evaluateFacts(p, facts);
  });
}
