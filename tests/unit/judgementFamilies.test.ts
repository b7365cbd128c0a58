import { DEFAULT_JUDGEMENT_RULE_SET, DEFAULT_JUDGEMENT_RULE_SETS } from '../../domain/defaultJudgementRules';
import { evaluateFacts, JudgementRuleSet, outageFactsByUnit, outageUnitOf, prepareRuleSet, toJudgementResult, type CustomerFacts } from '../../domain/judgementRules';
import { judgementReasonText, type JudgementReasonCode } from '../../domain/judgementReasonTexts';
import { addDays, chinaMidnight, lastDay } from '../../domain/billingMonths';

// The families that work on the data a utility has, one by one through the default rule set: a drop against the
// customer's own months and its peers (year over year only where two years exist), consumption against the
// household norm, zero consumption that neither the season nor a vacancy explains.

const AS_OF = '2026-03';
const p = prepareRuleSet(DEFAULT_JUDGEMENT_RULE_SET, AS_OF);
const H = p.horizonMonths;
/** Calendar month (1–12) of history offset k. */
const monthOf = (k: number) => ((((3 - k - 1) % 12) + 12) % 12) + 1;
/** A household's season: air conditioning in July–August, heating in January. */
const season = (k: number) => ({ 1: 1.4, 2: 1.2, 7: 1.8, 8: 1.7 } as Record<number, number>)[monthOf(k)] ?? 1;

/** Residential, `kwh` a month shaped by the season, with 12 (nulls beyond) or 24 months of bills; peers share the season. */
function facts(over: Partial<CustomerFacts> & { kwh?: number; history?: 12 | 24 } = {}): CustomerFacts {
  const kwh = over.kwh ?? 200;
  const history = over.history ?? 12;
  return {
    accountNo: '4210000001', tariffCategory: 'residential', whitelist: false, status: 'active', stationId: 'S', capacityKva: 8,
    months: Array.from({ length: H }, (_, k) => (k < history ? Math.round(kwh * season(k) * 100) : null)),
    peerMonths: Array.from({ length: H }, (_, k) => Math.round(10_000 * season(k) * 100)),
    peerCounts: Array.from({ length: H }, () => 50),
    days: [], events: [], ...over,
  };
}
const fired = (f: CustomerFacts) => evaluateFacts(p, f).fired;
const scale = (f: CustomerFacts, from: number, to: number, factor: number): CustomerFacts =>
  ({ ...f, months: f.months.map((v, k) => (v !== null && k >= from && k < to ? Math.round(v * factor) : v)) });
/** The last n days of the as-of month, each `kwh`. */
const days = (n: number, kwh: (i: number) => number) => Array.from({ length: n }, (_, i) => ({ date: addDays(lastDay(AS_OF), -i), kwhCenti: Math.round(kwh(i) * 100) }));

describe('theft: a sustained drop against the own baseline and the peers', () => {
  test('a household whose own season swings more than its peers\' is no drop at 12 months: no clean step', () => {
    // air conditioning twice the peers' in July–September, a little more in June and in January's heating
    const extra: Record<number, number> = { 6: 1.3, 7: 2.2, 8: 2.2, 9: 1.8, 1: 1.1 };
    const f = facts();
    const swing = { ...f, months: f.months.map((v, k) => (v === null ? v : Math.round(v * (extra[monthOf(k)] ?? 1)))) };
    expect(fired(swing)).toEqual([]);
    // without the step check the months after the summer read as a drop against it
    const noStep = prepareRuleSet(JudgementRuleSet.parse({
      ...DEFAULT_JUDGEMENT_RULE_SET,
      rules: DEFAULT_JUDGEMENT_RULE_SET.rules.map((r) => (r.kind === 'consumption_trend' ? { ...r, params: { ...r.params, maxStepRatio: null } } : r)),
    }), AS_OF);
    expect(evaluateFacts(noStep, swing).fired).toEqual(['THEFT_DROP']);
    // a theft of the same household is a clean step: every month since below every month of the year before
    expect(fired(scale(swing, 0, 5, 0.4))).toEqual(['THEFT_DROP']);
  });
  test('found with 12 months of history: no year-earlier months needed', () => {
    const theft = scale(facts(), 0, 5, 0.4);
    expect(fired(theft)).toEqual(['THEFT_DROP']);
    expect(evaluateFacts(p, theft).details!.THEFT_DROP).toMatchObject({ from: '2025-11', to: '2026-03', baselineFrom: '2025-08', baselineTo: '2025-10', ratio: 0.4 });
  });
  test('an onset up to nine months back is found; the onset search is what makes 12 months enough', () => {
    expect(fired(scale(facts(), 0, 9, 0.5))).toEqual(['THEFT_DROP']);
    // an onset ten months back still shows against a baseline that is partly before it
    expect(fired(scale(facts(), 0, 10, 0.5))).toEqual(['THEFT_DROP']);
    // a customer low for the whole history has no step to find
    expect(fired(scale(facts(), 0, 12, 0.5))).toEqual([]);
  });
  test('a vacation (one low month) and a drop shorter than three months are not theft', () => {
    expect(fired(scale(facts(), 1, 2, 0.3))).toEqual([]);
    expect(fired(scale(facts(), 0, 2, 0.3))).toEqual([]);
  });
  test('a seasonal peak the peers share is not a drop after it', () => {
    // as of March, after the January heating peak, the household falls by a third — and so do its peers
    expect(fired(facts({ kwh: 300 }))).toEqual([]);
  });
  test('with 24 months, a customer whose own season explains the drop (same months last year as low) is left alone', () => {
    const ownSeason = scale(scale(facts({ history: 24 }), 0, 4, 0.5), 12, 16, 0.5);
    expect(fired(ownSeason)).toEqual([]);
    // the same 12 months alone cannot tell: the trailing baseline sees a drop
    expect(fired({ ...ownSeason, months: ownSeason.months.map((v, k) => (k < 12 ? v : null)) })).toEqual(['THEFT_DROP']);
    // and a real drop is confirmed by the year before
    expect(fired(scale(facts({ history: 24 }), 0, 4, 0.4))).toEqual(['THEFT_DROP']);
  });
  test('a home left empty keeps a steady standby load in its daily readings: vacancy, not theft', () => {
    const empty = { ...scale(facts(), 0, 5, 0.15), days: days(30, (i) => 1 + 0.1 * (i % 3)) };
    expect(fired(empty)).toEqual([]);
    // a household living on a bypass still uses power unevenly from day to day
    expect(fired({ ...empty, days: days(30, (i) => (i % 4 === 0 ? 4 : 1.2)) })).toEqual(['THEFT_DROP']);
    // a missing day is no evidence of a steady standby
    expect(fired({ ...empty, days: days(29, () => 1) })).toEqual(['THEFT_DROP']);
  });
  test('suspended accounts and stops to zero are other families\' business', () => {
    expect(fired({ ...scale(facts(), 0, 5, 0.4), status: 'suspended' })).toEqual([]);
    expect(fired(scale(facts(), 0, 3, 0))).not.toContain('THEFT_DROP');
  });
});

describe('theft with one year of bills: the off-season months compared (2026.4)', () => {
  // A Hubei station's households by calendar month: lowest in April–May and October–November, between the
  // air-conditioning and the heating seasons.
  const HUBEI: Record<number, number> = { 1: 1.4, 2: 1.2, 3: 0.95, 4: 0.8, 5: 0.85, 6: 1.1, 7: 1.8, 8: 1.7, 9: 1.2, 10: 0.85, 11: 0.9, 12: 1.2 };
  /** 12 months of a customer whose month is the station's × `own` (by calendar month). */
  const station = (own: Record<number, number> = {}, kwh = 200): CustomerFacts => ({
    ...facts(),
    months: Array.from({ length: H }, (_, k) => (k < 12 ? Math.round(kwh * HUBEI[monthOf(k)] * (own[monthOf(k)] ?? 1) * 100) : null)),
    peerMonths: Array.from({ length: H }, (_, k) => Math.round(10_000 * HUBEI[monthOf(k)] * 100)),
  });
  const v3 = prepareRuleSet(DEFAULT_JUDGEMENT_RULE_SETS[1].ruleSet, AS_OF);
  test('a household with twice its neighbours\' air conditioning: its months after the summer are no drop', () => {
    const acHeavy = station({ 6: 1.3, 7: 2.2, 8: 2.2, 9: 1.8 });
    // the clean step alone lets it through: every month since October below every month of the summer before
    expect(evaluateFacts(v3, acHeavy).fired).toEqual(['THEFT_DROP']);
    // but in the mildest months (October–November against April–May) it uses what it did before
    expect(fired(acHeavy)).toEqual([]);
    // a bypass lowers those months too
    expect(fired(scale(acHeavy, 0, 6, 0.5))).toEqual(['THEFT_DROP']);
  });
  test('with the same months a year earlier billed, the year-over-year check compares season with season instead', () => {
    const own = { 6: 1.3, 7: 2.2, 8: 2.2, 9: 1.8 } as Record<number, number>;
    const twoYears = { ...station(own), months: Array.from({ length: H }, (_, k) => Math.round(200 * HUBEI[monthOf(k)] * (own[monthOf(k)] ?? 1) * 100)) };
    expect(fired(twoYears)).toEqual([]);
    // a drop since December: below the same months of the year before
    expect(fired(scale(twoYears, 0, 4, 0.5))).toEqual(['THEFT_DROP']);
    expect(evaluateFacts(p, scale(twoYears, 0, 4, 0.5)).details!.THEFT_DROP).toMatchObject({ yearOverYear: 0.5 });
  });
  test('an irrigation pump idle all winter stops to zero: the zero rules\' business, not a drop', () => {
    const IRRIGATION: Record<number, number> = { 1: 0.5, 2: 0.5, 3: 0.7, 4: 1, 5: 1.3, 6: 1.6, 7: 1.9, 8: 1.8, 9: 1.2, 10: 0.8, 11: 0.5, 12: 0.5 };
    const idle: Record<number, number> = { 11: 0, 12: 0, 1: 0, 2: 0, 3: 0.2 };
    const pump: CustomerFacts = {
      ...facts(), tariffCategory: 'agricultural',
      months: Array.from({ length: H }, (_, k) => (k < 12 ? Math.round(900 * IRRIGATION[monthOf(k)] * (idle[monthOf(k)] ?? 1) * 100) : null)),
      peerMonths: Array.from({ length: H }, (_, k) => Math.round(30_000 * IRRIGATION[monthOf(k)] * 100)),
    };
    expect(evaluateFacts(v3, pump).fired).toEqual(['THEFT_DROP']);
    expect(fired(pump)).toEqual([]);
  });
  test('a steady day is vacancy only at a standby\'s size: a shop\'s steady business days are not', () => {
    const shop = { ...scale(station(), 0, 6, 0.4), tariffCategory: 'commercial' as const, days: days(30, (i) => 20 + (i % 3)) };
    expect(evaluateFacts(v3, shop).fired).toEqual([]);
    expect(fired(shop)).toEqual(['THEFT_DROP']);
    // an empty home's standby of a kWh or two still reads as vacancy
    expect(fired({ ...shop, days: days(30, (i) => 1 + 0.1 * (i % 3)) })).toEqual([]);
  });
});

describe('tariff misuse: large, level use on the residential tariff (2026.4)', () => {
  const level = (kwh: number, low: number, peerKwh = 200): CustomerFacts => ({
    ...facts(), months: Array.from({ length: H }, (_, k) => (k < 12 ? Math.round(kwh * ([4, 10].includes(monthOf(k)) ? low : 1) * 100) : null)),
    peerMonths: Array.from({ length: H }, () => Math.round(peerKwh * 50 * 100)),
  });
  test('a shop keeps its level through the mild months; a household falls between the air-conditioning and heating seasons', () => {
    expect(fired(level(400, 0.85, 400))).toEqual(['TARIFF_MISUSE']);
    expect(fired(level(400, 0.7, 400))).toEqual([]);
    expect(evaluateFacts(p, level(400, 0.85, 400)).details!.TARIFF_MISUSE).toMatchObject({ troughKwh: 340 });
  });
  test('or several times the station\'s average household, with no seasonal swing', () => {
    // 600 kWh with low April and October (570 kWh on average): 2.85 × a station of 200 kWh households, 2.48 × one of 230
    expect(fired(level(600, 0.7, 200))).toEqual(['TARIFF_MISUSE_PEER']);
    expect(fired(level(600, 0.7, 230))).toEqual([]);
  });
});

describe('zero consumption that neither the season nor a vacancy explains', () => {
  /** Daily frozen readings of 0 kWh on each of the last 30 days: the meter reports, there is nothing to report. */
  const zeroDays = days(30, () => 0);
  test('an account in use that stops to zero while its peers keep using power', () => {
    const stopped = { ...scale(facts(), 0, 3, 0), days: zeroDays };
    expect(fired(stopped)).toEqual(['ZERO_ACTIVE']);
    expect(evaluateFacts(p, stopped).details!.ZERO_ACTIVE).toMatchObject({ from: '2026-02', to: '2026-03', priorFrom: '2025-04', priorTo: '2026-01' });
  });
  test('a flat empty all year (nothing used in the ten months before) is a vacancy', () => {
    expect(fired(scale(facts(), 0, 12, 0))).toEqual([]);
    // a few kWh of standby over the prior months is still a vacancy (below 10 kWh a month on average)
    expect(fired(scale(scale(facts(), 0, 2, 0), 2, 12, 0.02))).toEqual([]);
  });
  test('an irrigation pump idle in winter like every pump of its station is the season', () => {
    const farm = { ...facts({ kwh: 900 }), tariffCategory: 'agricultural' as const };
    const winter = { ...scale(farm, 0, 4, 0), peerMonths: farm.peerMonths.map((v, k) => (k < 4 ? Math.round(v * 0.1) : v)) };
    expect(fired(winter)).toEqual([]);
    // the same pump stopped while the others run is not
    expect(fired({ ...scale(farm, 0, 4, 0), days: zeroDays })).toEqual(['ZERO_ACTIVE']);
  });
  test('a suspended account is expected to be zero', () => {
    expect(fired({ ...scale(facts(), 0, 3, 0), status: 'suspended' })).toEqual([]);
  });
});

describe('a zero whose meter went silent raises the flag (ZERO_SIGNALS)', () => {
  const stopped = scale(facts(), 0, 3, 0);
  /** The last 30 days with the i-th day (0 = the as-of month's last day) missing when `gone(i)`. */
  const readings = (gone: (i: number) => boolean) => days(30, () => 0).filter((_, i) => !gone(i));
  test('a week of the last 30 days without a frozen reading: score 45 + 25, priority normal → high', () => {
    const silent = { ...stopped, days: readings((i) => i < 7) };
    expect(fired(silent)).toEqual(['ZERO_ACTIVE', 'ZERO_SIGNALS']);
    const r = toJudgementResult(p, evaluateFacts(p, silent));
    expect([r.score, r.priority]).toEqual([70, 'high']);
    expect(toJudgementResult(p, evaluateFacts(p, { ...stopped, days: readings(() => false) }))).toMatchObject({ score: 45, priority: 'normal' });
    expect(evaluateFacts(p, silent).details!.ZERO_SIGNALS).toMatchObject({ from: '2026-02', to: '2026-03', missingDays: 7, readingDays: 30, events: 0 });
    const reason = r.reasons.find((x) => x.code === 'ZERO_SIGNALS')!;
    expect(judgementReasonText(reason.reasonCode as JudgementReasonCode, 'zh-CN', reason.params!)).toMatch(/；近 30 天日冻结数据缺失 7 天，近 90 天失压\/断电事件 0 次$/);
    expect(judgementReasonText(reason.reasonCode as JudgementReasonCode, 'en', reason.params!)).toMatch(/; daily frozen readings missing on 7 of the last 30 days, 0 power-loss event\(s\) in the last 90 days$/);
  });
  test('six missing days are the collection system\'s ordinary gaps; readings before the window do not count', () => {
    expect(fired({ ...stopped, days: readings((i) => i < 6) })).toEqual(['ZERO_ACTIVE']);
    // readings of the days before the last 30 do not make up for missing ones inside it
    const early = days(40, () => 0).filter((_, i) => i >= 7);
    expect(fired({ ...stopped, days: early })).toEqual(['ZERO_ACTIVE', 'ZERO_SIGNALS']);
  });
  test('it only ever adds to a zero flag: missing readings of a customer in use, or of a vacancy, raise nothing', () => {
    expect(fired(facts())).toEqual([]);
    expect(fired(scale(facts(), 0, 12, 0))).toEqual([]);
    expect(fired({ ...stopped, status: 'suspended' })).toEqual([]);
  });
  /** A power loss on 2026-01-15 (China time), and the unit's meters: `lost` of `meters` lost power that day. */
  const lostPower = (lost: number | null, meters = 200) => ({
    ...stopped, days: readings(() => false), events: [{ kind: 'power_loss', atMs: Date.parse('2026-01-15T02:00:00Z') }],
    ...(lost === null ? {} : { outage: { meters, days: { '2026-01-15': lost } } }),
  });
  test('2026.3 counts no power-loss events (a feeder outage leaves them on every meter)', () => {
    const v3 = prepareRuleSet(DEFAULT_JUDGEMENT_RULE_SETS[1].ruleSet, AS_OF);
    expect(evaluateFacts(v3, lostPower(1)).fired).toEqual(['ZERO_ACTIVE']);
  });
  test('2026.4: a power loss of this meter alone raises the flag; one shared that day by a tenth of its unit\'s meters (and three at least) is an outage', () => {
    expect(fired(lostPower(1))).toEqual(['ZERO_ACTIVE', 'ZERO_SIGNALS']);
    expect(evaluateFacts(p, lostPower(1)).details!.ZERO_SIGNALS).toMatchObject({ missingDays: 0, events: 1, eventKinds: 'power_loss', eventDays: 90 });
    expect(evaluateFacts(p, lostPower(1)).details!.ZERO_SIGNALS).not.toHaveProperty('outageEvents');
    // 20 of 200 is a tenth: an outage; 19 is not
    expect(fired(lostPower(20))).toEqual(['ZERO_ACTIVE']);
    expect(fired(lostPower(19))).toEqual(['ZERO_ACTIVE', 'ZERO_SIGNALS']);
    // a unit of 20 meters: two the same day is a tenth but not three meters; three is an outage
    expect(fired(lostPower(2, 20))).toEqual(['ZERO_ACTIVE', 'ZERO_SIGNALS']);
    expect(fired(lostPower(3, 20))).toEqual(['ZERO_ACTIVE']);
    // where the unit's counts are unknown, the event is the meter's own
    expect(fired(lostPower(null))).toEqual(['ZERO_ACTIVE', 'ZERO_SIGNALS']);
    // outside the 90 days (before 2026-01-01 00:00 China time), or another kind: nothing
    expect(fired({ ...lostPower(1), events: [{ kind: 'power_loss', atMs: Date.parse('2025-12-31T15:59:59Z') }] })).toEqual(['ZERO_ACTIVE']);
    expect(fired({ ...lostPower(1), events: [{ kind: 'reverse_flow', atMs: Date.parse('2026-01-15T02:00:00Z') }] })).toEqual(['ZERO_ACTIVE']);
  });
  test('the outage day is the China day: 23:59:59 on the 14th (15:59:59Z) is not the 15th', () => {
    const f = lostPower(20);
    expect(fired({ ...f, events: [{ kind: 'power_loss', atMs: Date.parse('2026-01-14T16:00:00Z') }] })).toEqual(['ZERO_ACTIVE']);
    expect(fired({ ...f, events: [{ kind: 'power_loss', atMs: Date.parse('2026-01-14T15:59:59Z') }] })).toEqual(['ZERO_ACTIVE', 'ZERO_SIGNALS']);
  });
  test('what an outage took away is quoted where the flag is raised anyway', () => {
    const both = { ...lostPower(20), days: readings((i) => i < 7) };
    const r = toJudgementResult(p, evaluateFacts(p, both));
    const reason = r.reasons.find((x) => x.code === 'ZERO_SIGNALS')!;
    expect(reason.params).toMatchObject({ missingDays: 7, events: 0, outageEvents: 1 });
    expect(judgementReasonText(reason.reasonCode as JudgementReasonCode, 'zh-CN', reason.params!)).toMatch(/失压\/断电事件 0 次（另有 1 次在所属台区\/网格多表同日失压的停电日，视为线路停电未计入）$/);
    expect(judgementReasonText(reason.reasonCode as JudgementReasonCode, 'en', reason.params!)).toMatch(/0 power-loss event\(s\) in the last 90 days \(not counting 1 on days when many meters of its area or grid lost power: an outage\)$/);
  });
  test('its parameters are bounded data', () => {
    const withParams = (params: Record<string, unknown>) => JudgementRuleSet.safeParse({
      ...DEFAULT_JUDGEMENT_RULE_SET,
      rules: DEFAULT_JUDGEMENT_RULE_SET.rules.map((r) => (r.kind === 'zero_signals' ? { ...r, params: { ...r.params, ...params } } : r)),
    }).success;
    expect(withParams({})).toBe(true);
    expect(withParams({ readingDays: 61 })).toBe(false);
    expect(withParams({ minMissingDays: 0 })).toBe(false);
    expect(withParams({ eventKinds: [] })).toBe(false);
    expect(withParams({ eventKinds: ['blackout'] })).toBe(false);
    expect(withParams({ outageMinShare: null })).toBe(true);
    expect(withParams({ outageMinShare: 0 })).toBe(false);
    expect(withParams({ outageMinShare: 1.01 })).toBe(false);
    expect(withParams({ outageMinMeters: 1 })).toBe(false);
    expect(withParams({ outageMinMeters: 2.5 })).toBe(false);
  });
});

describe('outage units and their power loss by day (what the in-memory judges build, as the SQL counts it)', () => {
  test('the unit is the station area where known, else the grid, else the station', () => {
    expect(outageUnitOf({ areaId: 'T01', gridId: 'HB.XN.XA.WQ.G1', stationId: 'HB.XN.XA.WQ' })).toBe('a:T01');
    expect(outageUnitOf({ areaId: null, gridId: 'HB.XN.XA.WQ.G1', stationId: 'HB.XN.XA.WQ' })).toBe('g:HB.XN.XA.WQ.G1');
    expect(outageUnitOf({ gridId: null, stationId: 'HB.XN.XA.WQ' })).toBe('s:HB.XN.XA.WQ');
  });
  test('meters not closed; per China day in the window, meters (not events) that lost power', () => {
    const at = (iso: string) => ({ kind: 'power_loss', occurredAt: iso });
    const c = (accountNo: string, gridId: string, status: 'active' | 'closed', events: { kind: string; occurredAt: string }[]) => ({ accountNo, stationId: 'S', gridId, status, events });
    const units = outageFactsByUnit([
      c('1', 'G1', 'active', [at('2026-01-15T02:00:00Z'), at('2026-01-15T03:00:00Z'), { kind: 'tamper', occurredAt: '2026-01-16T02:00:00Z' }]),
      c('2', 'G1', 'active', [at('2026-01-14T16:00:00Z'), at('2026-01-14T15:59:59Z')]),
      c('3', 'G1', 'closed', [at('2025-12-31T15:59:59Z')]),
      c('4', 'G2', 'active', [at('2026-01-15T02:00:00Z')]),
    ], { from: chinaMidnight('2026-01-01'), to: chinaMidnight('2026-04-01') });
    expect(units.get('g:G1')).toEqual({ meters: 2, days: { '2026-01-15': 2, '2026-01-14': 1 } });
    expect(units.get('g:G2')).toEqual({ meters: 1, days: { '2026-01-15': 1 } });
  });
});

describe('whitelist large consumption against the household norm', () => {
  const whitelisted = (kwh: number, peerKwh = 200) => ({ ...facts({ kwh }), whitelist: true, peerMonths: facts().months.map((_, k) => Math.round(peerKwh * 50 * season(k) * 100)) });
  test('four times the station\'s average household and at least 600 kWh a month', () => {
    expect(fired(whitelisted(900))).toEqual(['WHITELIST_LARGE']);
    expect(evaluateFacts(p, whitelisted(900)).details!.WHITELIST_LARGE).toMatchObject({ peerAvgKwh: expect.any(Number), multiple: 4.5 });
  });
  test('a large household in a station of large households is within the norm', () => {
    expect(fired(whitelisted(900, 300))).toEqual([]);
  });
  test('below the absolute floor it is no campaign case even where households are small', () => {
    expect(fired(whitelisted(500, 100))).toEqual([]);
  });
  test('large and level all year (2026.4): the pilot\'s restaurant on a whitelisted account, below the multiple', () => {
    const flat = { ...whitelisted(700, 300), months: whitelisted(700, 300).months.map((v) => (v === null ? v : 70_000)) };
    expect(fired(flat)).toEqual(['WHITELIST_FLAT']);
    // a whitelisted household's air conditioning: a peak month beyond 1.4 × the average
    expect(fired({ ...flat, months: flat.months.map((v, k) => (k === 5 ? 140_000 : v)) })).toEqual([]);
  });
  test('needs the whole year billed', () => {
    const f = whitelisted(900);
    expect(fired({ ...f, months: f.months.map((v, k) => (k === 5 ? null : v)) })).toEqual([]);
  });
});

describe('meter events and capacity', () => {
  test('reverse flow alone (rooftop PV) and power losses (outages) are not tamper evidence', () => {
    const at = Date.parse('2026-03-10T00:00:00Z');
    expect(fired(facts({ events: [{ kind: 'reverse_flow', atMs: at }, { kind: 'power_loss', atMs: at }] }))).toEqual([]);
    expect(fired(facts({ events: [{ kind: 'cover_open', atMs: at }] }))).toEqual(['METER_TAMPER']);
  });
  test('a day averaging 70 % of the contract capacity over 24 hours', () => {
    expect(evaluateFacts(p, facts({ days: [{ date: '2026-03-02', kwhCenti: 14000 }] })).details!.OVER_CAPACITY).toEqual({ date: '2026-03-02', dayKwh: 140, capacityKva: 8, utilisation: 0.729 });
  });
});

test('the new rule kinds are validated as rule-set data like the old ones', () => {
  const bad = JudgementRuleSet.safeParse({
    ...DEFAULT_JUDGEMENT_RULE_SET,
    rules: DEFAULT_JUDGEMENT_RULE_SET.rules.map((r) => (r.code === 'THEFT_DROP' ? { ...r, params: { ...r.params, windowMonths: 7, vacancyMaxDayRatio: 0.5 } } : r)),
  });
  const t = DEFAULT_JUDGEMENT_RULE_SET.rules.findIndex((r) => r.code === 'THEFT_DROP');
  expect(!bad.success && bad.error.issues.map((i) => i.path.join('.')).sort()).toEqual([`rules.${t}.params.vacancyMaxDayRatio`, `rules.${t}.params.windowMonths`]);
  expect(p.horizonMonths).toBe(15);
  expect(prepareRuleSet(JudgementRuleSet.parse({ ...DEFAULT_JUDGEMENT_RULE_SET, rules: DEFAULT_JUDGEMENT_RULE_SET.rules.filter((r) => r.code === 'ZERO_ACTIVE') }), AS_OF).horizonMonths).toBe(12);
});
