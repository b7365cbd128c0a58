import type { AssessmentRuleSetDocument, PartyKind } from '../domain/assessmentRules';
import { PARTY_KINDS } from '../domain/assessmentRules';

/**
 * A rule set pushed down to SQL: every closed case of a time window re-scored from its stored facts and summed per
 * party, in one scan (grouping sets over inspector, station and county). Same semantics as `scoreFacts` in
 * domain/assessmentRules.ts, in integer hundredths of a point; rates and caps are bound as parameters.
 * `table` is one of the fact tables below, never caller input.
 */
export const FACT_TABLES = ['case_scoring_facts', 'bench_scoring_facts'] as const;

export interface PartyTotalsQuery {
  text: string;
  values: unknown[];
}

/** Rows: party_kind, party_id, total_cents (bigint), cases (cases with at least one line for the party). */
export function partyTotalsSql(doc: AssessmentRuleSetDocument, window: { start: string; end: string }, table: (typeof FACT_TABLES)[number] = 'case_scoring_facts'): PartyTotalsQuery {
  if (!FACT_TABLES.includes(table)) throw new Error(`unknown fact table ${table}`);
  const values: unknown[] = [window.start, window.end];
  const p = (v: number) => {
    values.push(v);
    return `$${values.length}::bigint`;
  };
  const c = (v: number) => p(Math.round(v * 100));
  const penaltyCap = (raw: string, cap: number | null) => (cap === null ? raw : `greatest(${raw}, -${c(cap)})`);
  const rewardCap = (raw: string, cap: number | null) => (cap === null ? raw : `least(${raw}, ${c(cap)})`);
  const it = doc.items;
  const items: { kind: PartyKind; expr: string }[] = [
    { kind: it.fieldOnTime.party, expr: `case when f.field_late_days = 0 then ${c(it.fieldOnTime.points)} else 0 end` },
    { kind: it.fieldLateDays.party, expr: `case when f.field_late_days > 0 then ${penaltyCap(`${c(it.fieldLateDays.points)} * f.field_late_days`, it.fieldLateDays.cap)} else 0 end` },
    { kind: it.evidenceComplete.party, expr: `case when f.evidence_complete then ${c(it.evidenceComplete.points)} else ${c(it.evidenceComplete.incompletePoints)} end` },
    { kind: it.confirmationOverturned.party, expr: `case when f.outcome = 'confirmed' and f.confirmation_overturned then ${c(it.confirmationOverturned.points)} else 0 end` },
    {
      kind: it.rectificationOnTime.party,
      expr: `case when f.rectification_late_days = 0 then ${c(it.rectificationOnTime.points)} when f.rectification_late_days > 0 then ${penaltyCap(`${c(it.rectificationOnTime.latePointsPerDay)} * f.rectification_late_days`, it.rectificationOnTime.cap)} else 0 end`,
    },
    { kind: it.verificationRounds.party, expr: `case when f.verification_rounds > 1 then ${penaltyCap(`${c(it.verificationRounds.points)} * (f.verification_rounds - 1)`, it.verificationRounds.cap)} else 0 end` },
    {
      kind: it.escalations.party,
      expr: `case least(f.max_escalation_tier, 3) when 1 then ${c(it.escalations.tierPoints[0])} when 2 then ${c(it.escalations.tierPoints[1])} when 3 then ${c(it.escalations.tierPoints[2])} else 0 end`,
    },
    { kind: it.recoveredAmount.party, expr: `case when f.recovered_yuan >= 10000 then ${rewardCap(`${c(it.recoveredAmount.points)} * floor(f.recovered_yuan / 10000)::bigint`, it.recoveredAmount.cap)} else 0 end` },
    { kind: it.customAuditFinding.party, expr: `case when f.origin = 'custom' and f.outcome = 'confirmed' then ${c(it.customAuditFinding.points)} else 0 end` },
  ];
  const cols = items.map((x, i) => `${x.expr} as i${i}`).join(',\n         ');
  const perKind = (kind: PartyKind) => {
    const mine = items.map((x, i) => ({ ...x, col: `i${i}` })).filter((x) => x.kind === kind);
    if (!mine.length) return { sum: '0::bigint', any: 'false' };
    return { sum: `sum(${mine.map((x) => x.col).join(' + ')})`, any: mine.map((x) => `${x.col} <> 0`).join(' or ') };
  };
  const [ins, sta, cty] = PARTY_KINDS.map(perKind);
  const text = `
select party_kind, party_id, total_cents, cases from (
  select case when grouping(inspector) = 0 then 'inspector' when grouping(station_id) = 0 then 'station' else 'county' end as party_kind,
         coalesce(inspector, station_id, county_id) as party_id,
         case when grouping(inspector) = 0 then ${ins.sum} when grouping(station_id) = 0 then ${sta.sum} else ${cty.sum} end as total_cents,
         case when grouping(inspector) = 0 then count(*) filter (where ${ins.any}) when grouping(station_id) = 0 then count(*) filter (where ${sta.any}) else count(*) filter (where ${cty.any}) end as cases
    from (
  select f.inspector, f.station_id, f.county_id,
         ${cols}
    from ${table} f
   where f.closed_at >= $1 and f.closed_at < $2
    ) f
   group by grouping sets ((inspector), (station_id), (county_id))
) t
where party_id is not null and cases > 0`;
  return { text, values };
}
