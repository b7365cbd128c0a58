// `npm run eval:judgement [-- --customers 20000 --independent-customers 4000 --strict --holdout|--fresh]`: precision, recall and F1 of
// the default judgement rules per anomaly family, against planted labels, on two populations written apart — the
// project's generator (db/synthetic/generator.ts) and the independent one (db/synthetic/independent/) — each with
// 12 and with 24 months of bills. The goal (every family recall ≥ 0.93 and precision ≥ 0.90 on both populations
// with 12 months) is checked and reported; --strict makes a missed goal exit non-zero.
import { ANOMALY_TYPES, prepareRuleSet, type AnomalyType, type Evaluation } from '../domain/judgementRules';
import { DEFAULT_JUDGEMENT_RULE_SET } from '../domain/defaultJudgementRules';
import { generatePopulation, type PopulationSpec } from '../db/synthetic/generator';
import { judgeGenerated } from '../db/synthetic/inMemoryJudgement';
import { independentPopulation } from '../db/synthetic/independent/population';
import { judgeIndependent } from '../db/synthetic/independent/judge';
import { flagArg, numberArg } from './args';
import { DEFAULT_SET, EVAL_ROOT, FRESH_SET, HOLDOUT_SET } from './judgementEvalSets';

const GOAL = { recall: 0.93, precision: 0.9 };
const strict = process.argv.includes('--strict');
/**
 * --holdout: populations no threshold was chosen on (bench/judgementEvalSets.ts). Tune on the default run; read this one
 * to see whether a change generalises or only fits the seeds and seasons it was tried on. --fresh: a third set, read
 * once after a change's thresholds are frozen, as of a month of each season.
 */
const holdout = flagArg('holdout');
const fresh = flagArg('fresh');
if (holdout && fresh) throw new Error('--holdout and --fresh are separate sets: pass one');
const { generator: generatorCases, independent: independentCases } = fresh ? FRESH_SET : holdout ? HOLDOUT_SET : DEFAULT_SET;
/** --why: what the false flags and the misses of the independent population were (its generator's stories). */
const why = process.argv.includes('--why');
const rs = DEFAULT_JUDGEMENT_RULE_SET;
const typeOf = new Map(rs.rules.map((r) => [r.code, r.anomalyType]));

interface Score { family: AnomalyType; labelled: number; flagged: number; tp: number; precision: number; recall: number; f1: number }

function score(labels: (AnomalyType | null)[], evaluations: Evaluation[]): Score[] {
  return ANOMALY_TYPES.map((family) => {
    let [tp, fp, fn] = [0, 0, 0];
    labels.forEach((label, i) => {
      const flagged = evaluations[i].fired.some((code) => typeOf.get(code) === family);
      if (flagged && label === family) tp += 1;
      else if (flagged) fp += 1;
      else if (label === family) fn += 1;
    });
    const precision = tp + fp === 0 ? NaN : tp / (tp + fp);
    const recall = tp + fn === 0 ? NaN : tp / (tp + fn);
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { family, labelled: tp + fn, flagged: tp + fp, tp, precision, recall, f1 };
  });
}

/**
 * Rules that only raise the score of another family's flag (kind zero_signals): how many of the family's flags they
 * raised, and how many of those were labelled — what the raised priority is worth.
 */
const raisers = rs.rules.filter((r) => r.kind === 'zero_signals');
function raised(labels: (AnomalyType | null)[], evaluations: Evaluation[]): string[] {
  return raisers.map((r) => {
    let [flags, hit, flagsTrue, hitTrue] = [0, 0, 0, 0];
    labels.forEach((label, i) => {
      if (!evaluations[i].fired.some((code) => typeOf.get(code) === r.anomalyType)) return;
      const up = evaluations[i].fired.includes(r.code);
      flags += 1;
      hit += Number(up);
      if (label === r.anomalyType) [flagsTrue, hitTrue] = [flagsTrue + 1, hitTrue + Number(up)];
    });
    return `${r.code} raised ${hit} of ${flags} ${r.anomalyType} flags (labelled: ${hitTrue} of ${flagsTrue}; unlabelled: ${hit - hitTrue} of ${flags - flagsTrue})`;
  });
}

const runs: { population: string; asOf: string; months: number; customers: number; scores: Score[]; raised: string[] }[] = [];
const t0 = Date.now();

// The project's generator: its own seed, as of August (summer).
const customers = numberArg('customers', 20_000);
for (const c of generatorCases) for (const months of [12, 24]) {
  const spec: PopulationSpec = {
    name: 'eval', seed: numberArg('seed', c.seed), customers, endMonth: c.endMonth, months,
    root: EVAL_ROOT, accountPrefix: '6',
  };
  const population = [...generatePopulation(spec)];
  const evaluations = judgeGenerated(prepareRuleSet(rs, spec.endMonth), spec, population);
  const labels = population.map((c) => c.label);
  runs.push({ population: 'generator', asOf: spec.endMonth, months, customers, scores: score(labels, evaluations), raised: raised(labels, evaluations) });
}

// The independent generator: another seed and shapes, as of March (after the winter peak, irrigation idle).
const independentCustomers = numberArg('independent-customers', 4000);
for (const c of independentCases) for (const months of [12, 24]) {
  const spec = { seed: numberArg('independent-seed', c.seed), customers: independentCustomers, endMonth: c.endMonth, months, rootId: EVAL_ROOT.id, accountPrefix: '7' };
  const population = independentPopulation(spec);
  const evaluations = judgeIndependent(prepareRuleSet(rs, spec.endMonth), population);
  const labels = population.map((c) => c.label);
  runs.push({ population: 'independent', asOf: spec.endMonth, months, customers: independentCustomers, scores: score(labels, evaluations), raised: raised(labels, evaluations) });
  if (why) {
    for (const family of ANOMALY_TYPES) {
      const count = (pick: (c: (typeof population)[number], flagged: boolean) => boolean) => {
        const n = new Map<string, number>();
        population.forEach((c, i) => {
          if (pick(c, evaluations[i].fired.some((code) => typeOf.get(code) === family))) n.set(c.story, (n.get(c.story) ?? 0) + 1);
        });
        return [...n].map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
      };
      console.log(`[why] independent ${spec.endMonth} ${months} months ${family}: false flags: ${count((c, f) => f && c.label !== family)}; missed: ${count((c, f) => !f && c.label === family)}`);
    }
    // What a raiser tells apart: the family's flags by story, raised or not (the flags it cannot raise are the ones
    // no input of the meter's own records separates from the hard negatives).
    for (const r of raisers) {
      const by = (up: boolean) => {
        const n = new Map<string, number>();
        population.forEach((c, i) => {
          const f = evaluations[i].fired;
          if (f.some((code) => typeOf.get(code) === r.anomalyType) && f.includes(r.code) === up) n.set(c.story, (n.get(c.story) ?? 0) + 1);
        });
        return [...n].map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
      };
      console.log(`[why] independent ${spec.endMonth} ${months} months ${r.code} on ${r.anomalyType} flags: raised: ${by(true)}; not raised: ${by(false)}`);
    }
  }
}

const pct = (x: number) => (Number.isNaN(x) ? '   n/a' : `${(100 * x).toFixed(1).padStart(5)}%`);
console.log(`judgement rule set ${rs.version}${holdout ? ' (held-out seeds and months)' : fresh ? ' (fresh seeds, a month of each season)' : ''}: precision, recall and F1 per family (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
console.log('population   as of   months customers  family             labelled  flagged  precision  recall     F1    goal');
const misses: string[] = [];
for (const r of runs) {
  for (const s of r.scores) {
    const judged = r.months === 12;
    const ok = s.recall >= GOAL.recall && s.precision >= GOAL.precision;
    if (judged && !ok) {
      const gaps = [s.recall < GOAL.recall ? `recall ${pct(s.recall).trim()} (${(100 * (GOAL.recall - s.recall)).toFixed(1)} points short)` : '', s.precision < GOAL.precision || Number.isNaN(s.precision) ? `precision ${pct(s.precision).trim()} (${(100 * (GOAL.precision - s.precision)).toFixed(1)} points short)` : ''].filter(Boolean);
      misses.push(`${r.population} ${r.asOf} ${r.months} months ${s.family}: ${gaps.join(', ')}`);
    }
    console.log(`${r.population.padEnd(12)} ${r.asOf} ${String(r.months).padStart(6)} ${String(r.customers).padStart(9)}  ${s.family.padEnd(18)} ${String(s.labelled).padStart(8)} ${String(s.flagged).padStart(8)}     ${pct(s.precision)}  ${pct(s.recall)}  ${s.f1.toFixed(3)}  ${judged ? (ok ? 'met' : 'MISSED') : '-'}`);
  }
}
for (const r of runs) for (const line of r.raised) console.log(`${r.population} ${r.asOf} ${r.months} months: ${line}`);
console.log(misses.length ? `goal (recall ≥ ${GOAL.recall}, precision ≥ ${GOAL.precision} with 12 months) missed ${misses.length} time(s):\n  ${misses.join('\n  ')}` : 'goal met for every family on both populations with 12 months');
if (strict && misses.length) process.exit(1);
