import { DEFAULT_JUDGEMENT_RULE_SET, DEFAULT_JUDGEMENT_RULE_SETS } from '../../domain/defaultJudgementRules';
import { buildFacts, evaluateFacts, JudgementRuleSet, prepareRuleSet, selectRules, toJudgementResult, type CustomerFacts } from '../../domain/judgementRules';
import { addDays, addMonths, lastClosedMonth } from '../../domain/billingMonths';
import { JudgementResult } from '../../domain/judgement';

const AS_OF = '2026-03';
const p = prepareRuleSet(DEFAULT_JUDGEMENT_RULE_SET, AS_OF);

/** A residential customer with flat bills of `kwh` for 24 months, peers flat too. */
function facts(over: Partial<CustomerFacts> & { kwh?: number } = {}): CustomerFacts {
  const kwh = over.kwh ?? 200;
  return {
    accountNo: '4210000001', tariffCategory: 'residential', whitelist: false, status: 'active', stationId: 'HB.XN.XA.WQ', capacityKva: 8,
    months: Array.from({ length: p.horizonMonths }, () => kwh * 100), peerMonths: Array.from({ length: p.horizonMonths }, () => 1_000_000), peerCounts: Array.from({ length: p.horizonMonths }, () => 50),
    days: [], events: [], ...over,
  };
}

test('the built-in versions: 2026.2 as published, 2026.3 adds ZERO_SIGNALS beside ZERO_ACTIVE and the line-loss family', () => {
  const [v2, v3] = DEFAULT_JUDGEMENT_RULE_SETS;
  expect(DEFAULT_JUDGEMENT_RULE_SETS.map((d) => [d.ruleSet.version, d.effectiveFrom])).toEqual(
    [['jicha-default-2026.2', '2026-01-01'], ['jicha-default-2026.3', '2026-12-01'], ['jicha-default-2026.4', '2027-01-01']],
  );
  expect(v2.ruleSet.rules.map((r) => r.code)).toEqual(['TARIFF_MISUSE', 'THEFT_DROP', 'ZERO_ACTIVE', 'OVER_CAPACITY', 'WHITELIST_LARGE', 'METER_TAMPER']);
  expect(v3.ruleSet.rules.map((r) => r.code)).toEqual(['TARIFF_MISUSE', 'THEFT_DROP', 'ZERO_ACTIVE', 'ZERO_SIGNALS', 'OVER_CAPACITY', 'WHITELIST_LARGE', 'METER_TAMPER', 'AREA_LINE_LOSS']);
  // the rules 2026.2 had are unchanged in 2026.3, but for THEFT_DROP's clean step
  for (const r of v2.ruleSet.rules) {
    expect(v3.ruleSet.rules.find((x) => x.code === r.code)).toEqual(r.code === 'THEFT_DROP' ? { ...r, params: { ...r.params, maxStepRatio: 1 } } : r);
  }
  expect(v2.ruleSet.rules.find((r) => r.code === 'THEFT_DROP')!.params).not.toHaveProperty('maxStepRatio');
  const zero = v3.ruleSet.rules.find((r) => r.code === 'ZERO_ACTIVE')!;
  const signals = v3.ruleSet.rules.find((r) => r.code === 'ZERO_SIGNALS')!;
  // the same base pattern, so ZERO_SIGNALS only ever adds to a ZERO_ACTIVE flag
  expect(signals).toMatchObject({ kind: 'zero_signals', anomalyType: 'zero_consumption', weight: 25, params: { ...zero.params, readingDays: 30, minMissingDays: 7, minEvents: null } });
  expect(v3.ruleSet.rules.find((r) => r.code === 'AREA_LINE_LOSS')).toMatchObject({ kind: 'area_line_loss', anomalyType: 'theft', weight: 50 });
  expect(signals.params).not.toHaveProperty('outageMinShare');
});

test('2026.4 (from 2027-01-01, the newest) counts power-loss events in ZERO_SIGNALS again, net of outages', () => {
  const [, v3, v4] = DEFAULT_JUDGEMENT_RULE_SETS;
  expect(DEFAULT_JUDGEMENT_RULE_SETS.map((d) => [d.ruleSet.version, d.effectiveFrom]).slice(2)).toEqual([['jicha-default-2026.4', '2027-01-01']]);
  expect(v4.ruleSet).toBe(DEFAULT_JUDGEMENT_RULE_SET);
  const signals = v3.ruleSet.rules.find((x) => x.code === 'ZERO_SIGNALS')!;
  expect(v4.ruleSet.rules.find((x) => x.code === 'ZERO_SIGNALS')).toEqual({ ...signals, params: { ...signals.params, minEvents: 1, outageMinShare: 0.1, outageMinMeters: 3 } });
  expect(prepareRuleSet(v4.ruleSet, AS_OF).needsOutages).toBe(true);
  expect(prepareRuleSet(v3.ruleSet, AS_OF).needsOutages).toBe(false);
});

test('2026.4 (#21): theft, tariff-misuse and whitelist rules change; the others but ZERO_SIGNALS and METER_TAMPER are 2026.3\'s', () => {
  const [, v3, v4] = DEFAULT_JUDGEMENT_RULE_SETS.map((d) => d.ruleSet);
  expect(v4).toBe(DEFAULT_JUDGEMENT_RULE_SET);
  const code = (rs: JudgementRuleSet, c: string) => rs.rules.find((r) => r.code === c)!;
  expect(v4.rules.map((r) => r.code)).toEqual(['TARIFF_MISUSE', 'TARIFF_MISUSE_PEER', 'THEFT_DROP', 'ZERO_ACTIVE', 'ZERO_SIGNALS', 'OVER_CAPACITY', 'WHITELIST_LARGE', 'WHITELIST_FLAT', 'METER_TAMPER', 'AREA_LINE_LOSS']);
  // ZERO_SIGNALS changes too (outage-aware events, the test above), METER_TAMPER (events near a metering work order) and
  // AREA_LINE_LOSS (the drop net of the peers' change, tests/unit/lineLossRules.test.ts)
  for (const r of v3.rules) if (!['THEFT_DROP', 'TARIFF_MISUSE', 'ZERO_SIGNALS', 'METER_TAMPER', 'AREA_LINE_LOSS'].includes(r.code)) expect(code(v4, r.code)).toEqual(r);
  const lineLoss = code(v3, 'AREA_LINE_LOSS');
  expect(code(v4, 'AREA_LINE_LOSS').params).toEqual({ ...lineLoss.params, netOfPeers: true });
  const tamper = code(v3, 'METER_TAMPER');
  expect(code(v4, 'METER_TAMPER')).toEqual({ ...tamper, params: { ...tamper.params, excludeNearWorkOrderDays: 3 } });
  expect(tamper.params).not.toHaveProperty('excludeNearWorkOrderDays');
  const theft = code(v3, 'THEFT_DROP');
  expect(code(v4, 'THEFT_DROP')).toEqual({ ...theft, params: { ...theft.params, maxOffSeasonRatio: 0.7, offSeasonMonths: 2, excludeZeroMonths: true, vacancyMaxDayKwh: 3 } });
  expect(code(v4, 'TARIFF_MISUSE')).toMatchObject({ kind: 'consumption_level', weight: 60, params: { minAvgMonthlyKwh: 380, maxPeakToAverage: 1.4, minTroughToAverage: 0.8 } });
  expect(code(v4, 'TARIFF_MISUSE_PEER')).toMatchObject({ kind: 'consumption_norm', anomalyType: 'tariff_misuse', params: { whitelist: 'exclude', minPeerMultiple: 2.5, maxPeakToAverage: 1.4 } });
  expect(code(v4, 'WHITELIST_FLAT')).toMatchObject({ kind: 'consumption_level', anomalyType: 'whitelist_large', params: { whitelist: 'only', minAvgMonthlyKwh: 600, maxPeakToAverage: 1.4 } });
  // 2026.3 as published: none of the new parameters
  expect(code(v3, 'THEFT_DROP').params).not.toHaveProperty('maxOffSeasonRatio');
  expect(code(v3, 'TARIFF_MISUSE').params).not.toHaveProperty('minTroughToAverage');
});

test('the built-in rule set is valid and covers every anomaly type the generator plants', () => {
  expect(JudgementRuleSet.parse(DEFAULT_JUDGEMENT_RULE_SET)).toEqual(DEFAULT_JUDGEMENT_RULE_SET);
  expect(new Set(DEFAULT_JUDGEMENT_RULE_SET.rules.map((r) => r.anomalyType)).size).toBe(6);
  expect(p.horizonMonths).toBe(15); // a 3-month drop against the same months a year earlier
});

test('rule sets are validated: unique codes, ordered thresholds, parameters by rule kind', () => {
  const bad = JudgementRuleSet.safeParse({
    ...DEFAULT_JUDGEMENT_RULE_SET,
    priorityThresholds: { urgent: 50, high: 60, normal: 30 },
    rules: [DEFAULT_JUDGEMENT_RULE_SET.rules[0], { ...DEFAULT_JUDGEMENT_RULE_SET.rules[0], params: { ...DEFAULT_JUDGEMENT_RULE_SET.rules[0].params, windowMonths: 13 } }],
  });
  expect(bad.success).toBe(false);
  const messages = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  expect(messages).toEqual(expect.arrayContaining(['priorityThresholds: must satisfy urgent ≥ high ≥ normal', 'rules.1.params.windowMonths: Too big: expected number to be <=12', 'rules: rule codes must be unique']));
});

test('a campaign picks rules and overrides parameters; the result is validated again', () => {
  const ok = selectRules(DEFAULT_JUDGEMENT_RULE_SET, [{ code: 'THEFT_DROP', params: { maxOwnRatio: 0.4 }, weight: 80 }], 'v');
  expect(ok.ok && ok.ruleSet.rules).toEqual([expect.objectContaining({ code: 'THEFT_DROP', weight: 80, params: expect.objectContaining({ maxOwnRatio: 0.4, windowMonths: 3 }) })]);
  const bad = selectRules(DEFAULT_JUDGEMENT_RULE_SET, [{ code: 'THEFT_DROP', params: { maxOwnRatio: 2, colour: 'red' } }, { code: 'NOPE' }], 'v');
  expect(bad).toEqual({ ok: false, errors: [{ path: 'rules.1.code', message: `no rule NOPE in rule set ${DEFAULT_JUDGEMENT_RULE_SET.version}` }] });
  const bad2 = selectRules(DEFAULT_JUDGEMENT_RULE_SET, [{ code: 'THEFT_DROP', params: { maxOwnRatio: 2, colour: 'red' } }], 'v');
  expect(!bad2.ok && bad2.errors.map((e) => e.path).sort()).toEqual(['rules.0.params', 'rules.0.params.maxOwnRatio']);
});

test('windows: bills by month offset, days up to the last day of the as-of month, events in China time', () => {
  const theft = p.rules.find((r) => r.kind === 'capacity_exceeded')!;
  expect(theft).toMatchObject({ after: '2026-03-01', through: '2026-03-31', k: 24 * 0.7 * 100 });
  const tamper = p.rules.find((r) => r.kind === 'meter_events')!;
  expect(tamper).toMatchObject({ from: '2025-12-31T16:00:00.000Z', to: '2026-03-31T16:00:00.000Z' }); // 1 Jan – 31 Mar (90 days), midnight UTC+8
  const f = buildFacts(p, { accountNo: '1', tariffCategory: 'commercial', whitelist: false, status: 'active', stationId: 's', contractCapacityKva: 50 },
    [{ month: '2026-03', kwh: 10.01 }, { month: '2025-01', kwh: 3 }, { month: '2026-04', kwh: 99 }], [{ month: '2026-02', kwhCenti: 7 }], [], []);
  expect(f.months[0]).toBe(1001);
  expect(f.months[14]).toBe(300);
  expect(f.months.filter((m) => m !== null)).toHaveLength(2); // April is after the as-of month
  expect(f.peerMonths[1]).toBe(7);
  expect(lastClosedMonth(new Date('2026-04-30T16:30:00Z'))).toBe('2026-04'); // already 1 May in China
  expect(addMonths('2026-01', -13)).toBe('2024-12');
});

test('each default rule fires on its pattern and not on an ordinary household', () => {
  const fired = (f: CustomerFacts) => evaluateFacts(p, f).fired;
  expect(fired(facts())).toEqual([]);
  // a shop on the residential tariff: large and level all year, four times the station's average household
  expect(fired(facts({ kwh: 800 }))).toEqual(['TARIFF_MISUSE', 'TARIFF_MISUSE_PEER']);
  // the same consumption whitelisted is the whitelist campaign's business instead
  expect(fired(facts({ kwh: 1000, whitelist: true }))).toEqual(['WHITELIST_LARGE', 'WHITELIST_FLAT']);
  // sudden sustained drop to 30 % while the peers stay flat; not when peers dropped alike
  const drop = facts();
  drop.months = drop.months.map((v, k) => (k < 3 ? v! * 0.3 : v));
  expect(fired(drop)).toEqual(['THEFT_DROP']);
  expect(fired({ ...drop, peerMonths: drop.peerMonths.map((v, k) => (k < 3 ? v * 0.3 : v)) })).toEqual([]);
  expect(fired({ ...drop, status: 'suspended' })).toEqual([]);
  // zero for three months on an active account (and not the theft rule: a stop is not a drop)
  const frozen = Array.from({ length: 30 }, (_, i) => ({ date: addDays('2026-03-31', -i), kwhCenti: 0 }));
  expect(fired(facts({ months: facts().months.map((v, k) => (k < 3 ? 0 : v)), days: frozen }))).toEqual(['ZERO_ACTIVE']);
  // the same with no frozen readings at all: the meter went silent
  expect(fired(facts({ months: facts().months.map((v, k) => (k < 3 ? 0 : v)) }))).toEqual(['ZERO_ACTIVE', 'ZERO_SIGNALS']);
  // a day at 8 kVA × 24 h × 0.7 = 134.4 kWh
  expect(fired(facts({ days: [{ date: '2026-03-15', kwhCenti: 13440 }] }))).toEqual(['OVER_CAPACITY']);
  expect(fired(facts({ days: [{ date: '2026-03-15', kwhCenti: 13439 }, { date: '2026-02-28', kwhCenti: 90000 }] }))).toEqual([]);
  expect(fired(facts({ events: [{ kind: 'cover_open', atMs: Date.parse('2025-12-31T16:00:00Z') }] }))).toEqual(['METER_TAMPER']);
  expect(fired(facts({ events: [{ kind: 'power_loss', atMs: Date.parse('2026-03-01T00:00:00Z') }, { kind: 'tamper', atMs: Date.parse('2025-12-31T15:59:59Z') }, { kind: 'tamper', atMs: Date.parse('2026-03-31T16:00:00Z') }] }))).toEqual([]);
});

test('the result: capped score, reasons in rule order, check items once each, priority by threshold', () => {
  const f = facts({ kwh: 800, events: [{ kind: 'tamper', atMs: Date.parse('2026-03-10T00:00:00Z') }], days: [{ date: '2026-03-15', kwhCenti: 50000 }] });
  const r = toJudgementResult(p, evaluateFacts(p, f));
  expect(JudgementResult.parse(r)).toEqual(r);
  expect(r).toMatchObject({ ruleSetVersion: 'jicha-default-2026.4', score: 100, priority: 'urgent' });
  expect(r.reasons.map((x) => x.code)).toEqual(['TARIFF_MISUSE', 'TARIFF_MISUSE_PEER', 'OVER_CAPACITY', 'METER_TAMPER']);
  expect(r.checkItems.map((c) => c.code)).toEqual(['PREMISES_USE', 'TARIFF_BASIS', 'NAMEPLATE', 'LOAD_SURVEY', 'METER_SEAL', 'EVENT_RECORD']);
  // both readings of the whitelist campaign agree: 50 + 50
  expect(toJudgementResult(p, evaluateFacts(p, facts({ kwh: 1000, whitelist: true })))).toMatchObject({ score: 100, priority: 'urgent' });
  // large but with the household's seasons: the multiple alone
  const seasonal = facts({ kwh: 1000, whitelist: true });
  seasonal.months = seasonal.months.map((v, k) => (k === 5 ? v! * 2 : v));
  expect(toJudgementResult(p, evaluateFacts(p, seasonal))).toMatchObject({ score: 50, priority: 'normal' });
  expect(toJudgementResult(p, evaluateFacts(p, facts()))).toMatchObject({ score: 0, reasons: [], checkItems: [], priority: 'low' });
});
