import { buildFacts, centi, evaluateFacts, type Evaluation, type PreparedRuleSet } from '../../../domain/judgementRules';
import type { IndependentCustomer } from './population';

/**
 * Judges the independent population in memory: peer totals and billed-customer counts per station, tariff and month
 * added up here, facts through the same `buildFacts`/`evaluateFacts` as the per-customer judgement (which the
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
  return customers.map((c) => {
    const g = peers.get(`${c.stationId}/${c.tariffCategory}`)!;
    const facts = buildFacts(p, c, c.bills, [...g].map(([month, t]) => ({ month, ...t })), c.days, c.events);
    return evaluateFacts(p, facts);
  });
}
