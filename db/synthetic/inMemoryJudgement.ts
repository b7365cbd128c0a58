import { buildFacts, centi, evaluateFacts, outageFactsByUnit, outageUnitOf, type Evaluation, type PreparedRuleSet } from '../../domain/judgementRules';
import { populationDays, populationMonths, type GeneratedCustomer, type PopulationSpec } from './generator';

/**
 * Judges generated customers without a database: peer totals are added up here, facts go through the same
 * `buildFacts` and `evaluateFacts` as the per-customer judgement. Tests use it for expected results, the
 * evaluation script for precision and recall.
 */
export function judgeGenerated(p: PreparedRuleSet, spec: PopulationSpec, customers: GeneratedCustomer[]): Evaluation[] {
  const months = populationMonths(spec);
  const days = populationDays(spec);
  const peers = new Map<string, number[]>();
  const counts = new Map<string, number[]>();
  if (p.needsPeers) {
    for (const c of customers) {
      const key = `${c.stationId}/${c.tariffCategory}`;
      let t = peers.get(key);
      if (!t) peers.set(key, (t = months.map(() => 0)));
      let n = counts.get(key);
      if (!n) counts.set(key, (n = months.map(() => 0)));
      for (let i = 0; i < months.length; i += 1) {
        t[i] += centi(c.billKwh[i]);
        n[i] += 1;
      }
    }
  }
  // power loss per outage unit and day, as the SQL counts it (rules that net outages out)
  const outages = p.needsOutages && p.events ? outageFactsByUnit(customers, p.events) : null;
  return customers.map((c) => {
    const t = peers.get(`${c.stationId}/${c.tariffCategory}`);
    const n = counts.get(`${c.stationId}/${c.tariffCategory}`)!;
    const facts = buildFacts(
      p,
      c,
      months.map((month, i) => ({ month, kwh: c.billKwh[i] })),
      t ? months.map((month, i) => ({ month, kwhCenti: t[i], customers: n[i] })) : [],
      days.map((date, i) => ({ date, dayKwh: c.dayKwh[i] })),
      c.events,
      null,
      outages?.get(outageUnitOf(c)),
      c.meteringWorkOrders.flatMap((w) => (w.status === 'completed' && w.doneAt ? [{ doneAt: w.doneAt }] : [])),
    );
    return evaluateFacts(p, facts);
  });
}

/** What a campaign over these customers selects: score ≥ minScore, best first, ties by account, at most cap. */
export function expectedSelection(evaluations: Evaluation[], minScore: number, cap: number): Evaluation[] {
  return evaluations
    .filter((e) => e.score >= minScore)
    .sort((a, b) => b.score - a.score || (a.accountNo < b.accountNo ? -1 : 1))
    .slice(0, cap);
}
