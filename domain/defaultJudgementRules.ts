import { JudgementRule, JudgementRuleSet } from './judgementRules';
import { AREA_LINE_LOSS_RULE } from './lineLossRules';

/**
 * The built-in judgement rule sets, published by the reference seed (db/seed/seedReference.ts) each from its own day:
 * a published version never changes, a change is a new version. Thresholds are starting points a manager tunes by
 * publishing a version of their own; `npm run eval:judgement` shows what the newest catches on the synthetic utility.
 */
const DEFAULT_2026_2: JudgementRuleSet = JudgementRuleSet.parse({
  version: 'jicha-default-2026.2',
  source: 'jicha built-in defaults (marketing-audit practice; State Grid Hubei Xianning pilot themes)',
  priorityThresholds: { urgent: 90, high: 60, normal: 30 },
  campaignMinScore: 40,
  rules: [
    {
      code: 'TARIFF_MISUSE',
      kind: 'consumption_level',
      anomalyType: 'tariff_misuse',
      weight: 60,
      textZh: '居民电价用户全年用电量大且无季节波动，疑似经营性用电（商铺、饭店）',
      textEn: 'Residential-tariff customer with large, season-less consumption: likely a shop or restaurant',
      checkItems: [
        { code: 'PREMISES_USE', textZh: '核实用电场所实际用途（拍摄门头、经营设备）', textEn: 'Verify what the premises are used for (photograph the shop front and equipment)' },
        { code: 'TARIFF_BASIS', textZh: '核对用电性质与执行电价依据', textEn: 'Check the nature of use against the basis of the applied tariff' },
      ],
      params: { tariffCategories: ['residential'], whitelist: 'exclude', windowMonths: 12, minAvgMonthlyKwh: 450, maxPeakToAverage: 1.4 },
    },
    {
      code: 'THEFT_DROP',
      kind: 'consumption_trend',
      anomalyType: 'theft',
      weight: 70,
      textZh: '用电量较本户此前水平突然持续下降，同所同类用户同期没有同样下降（有两年数据时并与上年同期比较）',
      textEn: 'Sudden, sustained drop against the customer\'s own earlier months that peers of the same station and tariff did not share (and against the same months last year where two years exist)',
      checkItems: [
        { code: 'METER_SEAL', textZh: '检查计量装置封印、表箱锁具', textEn: 'Inspect the meter seals and box lock' },
        { code: 'WIRING_BYPASS', textZh: '检查接线是否绕越计量装置', textEn: 'Check the wiring for a bypass of the meter' },
        { code: 'LOAD_SURVEY', textZh: '现场负荷与计量电量比对', textEn: 'Compare the load on site with the metered consumption' },
      ],
      params: {
        windowMonths: 3, maxOnsetMonths: 9, baselineMonths: 3, maxOwnRatio: 0.7, maxMonthRatio: 0.8, maxYearOverYearRatio: 0.75, minBaselineAvgMonthlyKwh: 30,
        vacancyMaxDayRatio: 2, vacancyDays: 30, statuses: ['active'], excludeZero: true,
      },
    },
    {
      code: 'ZERO_ACTIVE',
      kind: 'zero_unexplained',
      anomalyType: 'zero_consumption',
      weight: 45,
      textZh: '在用户此前有用电，连续多月零电量，而同所同类用户同期照常用电（非季节性停用）',
      textEn: 'Active account that used power before, zero for consecutive months while its peers kept using power (not a seasonal stop)',
      checkItems: [
        { code: 'OCCUPANCY', textZh: '核实是否有人居住或经营', textEn: 'Verify whether the premises are occupied or in business' },
        { code: 'METER_WORKING', textZh: '检查电能表运行是否正常', textEn: 'Check that the meter is working' },
      ],
      params: { windowMonths: 2, statuses: ['active'], priorMonths: 10, minPriorAvgMonthlyKwh: 10, minPeerSeasonShare: 0.3 },
    },
    {
      code: 'OVER_CAPACITY',
      kind: 'capacity_exceeded',
      anomalyType: 'over_capacity',
      weight: 50,
      textZh: '日用电量超出合同容量所能承载的负荷',
      textEn: 'Daily consumption beyond what the contract capacity allows',
      checkItems: [
        { code: 'NAMEPLATE', textZh: '核对受电设备铭牌容量', textEn: 'Check the nameplate capacity of the connected equipment' },
        { code: 'LOAD_SURVEY', textZh: '现场负荷与计量电量比对', textEn: 'Compare the load on site with the metered consumption' },
      ],
      params: { windowDays: 30, maxUtilisation: 0.7 },
    },
    {
      code: 'WHITELIST_LARGE',
      kind: 'consumption_norm',
      anomalyType: 'whitelist_large',
      weight: 50,
      textZh: '白名单居民用户月均用电量远超同所居民户均水平（白名单居民大电量专项）',
      textEn: 'Whitelisted residential customer using far more than the station\'s average household (whitelist large-consumption campaign)',
      checkItems: [
        { code: 'PREMISES_USE', textZh: '核实用电场所实际用途（拍摄门头、经营设备）', textEn: 'Verify what the premises are used for (photograph the shop front and equipment)' },
        { code: 'WHITELIST_BASIS', textZh: '核对列入白名单的依据是否仍然成立', textEn: 'Check that the reason for whitelisting still holds' },
      ],
      params: { tariffCategories: ['residential'], whitelist: 'only', windowMonths: 12, minAvgMonthlyKwh: 600, minPeerMultiple: 4 },
    },
    {
      code: 'METER_TAMPER',
      kind: 'meter_events',
      anomalyType: 'meter_tamper',
      weight: 60,
      textZh: '采集系统报计量装置异常事件（窃电报警、开盖）',
      textEn: 'Collection system reported meter events (tamper alarm, cover open)',
      checkItems: [
        { code: 'METER_SEAL', textZh: '检查计量装置封印、表箱锁具', textEn: 'Inspect the meter seals and box lock' },
        { code: 'EVENT_RECORD', textZh: '读取电能表事件记录并拍照', textEn: 'Read out and photograph the meter event log' },
      ],
      // Reverse flow alone is what rooftop PV exports; power loss is what an outage leaves on every meter of a feeder.
      params: { windowDays: 90, kinds: ['tamper', 'cover_open'], minCount: 1 },
    },
  ],
});

/**
 * 2026.3 (#21): THEFT_DROP asks for a clean step (maxStepRatio); ZERO_SIGNALS is added beside ZERO_ACTIVE (a zero whose meter went silent or lost voltage scores higher: high
 * priority instead of normal), and so is the station-area line-loss family (AREA_LINE_LOSS; it reads the areas and their area
 * meters' supply where they are imported, and fires nowhere else).
 */
const DEFAULT_2026_3: JudgementRuleSet = JudgementRuleSet.parse({
  ...DEFAULT_2026_2,
  version: 'jicha-default-2026.3',
  rules: DEFAULT_2026_2.rules.map((r): JudgementRule => (r.kind !== 'consumption_trend' ? r : {
    ...r,
    // A clean step: every month since the onset below every month of the year before it, net of the peers. Set on the
    // project generator (0.9 and 1 tie there: at 12 months precision 62% → 69%, recall unchanged) and by reasoning:
    // below 1 a theft with its own mild season is missed, above 1 a stronger or weaker season than the peers' passes.
    params: { ...r.params, maxStepRatio: 1 },
  })).flatMap((r): unknown[] => (r.code !== 'ZERO_ACTIVE' ? [r] : [r, {
    code: 'ZERO_SIGNALS',
    kind: 'zero_signals',
    anomalyType: 'zero_consumption',
    weight: 25,
    textZh: '零电量期间日冻结数据缺失（或出现失压/断电事件），计量装置可能停走、被短接或拆除（较空置房更可疑）',
    textEn: 'Zero consumption while daily frozen readings are missing (or the meter reported power loss): the meter may be stopped, shorted or removed (more suspicious than a vacancy)',
    checkItems: [
      { code: 'METER_WORKING', textZh: '检查电能表运行是否正常', textEn: 'Check that the meter is working' },
      { code: 'EVENT_RECORD', textZh: '读取电能表事件记录并拍照', textEn: 'Read out and photograph the meter event log' },
      { code: 'WIRING_BYPASS', textZh: '检查接线是否绕越计量装置', textEn: 'Check the wiring for a bypass of the meter' },
    ],
    // The base parameters are ZERO_ACTIVE's, so this rule only ever adds to a ZERO_ACTIVE flag. A week without frozen
    // readings is more than the collection system's ordinary gaps. Power-loss events are counted only when a rule set
    // sets minEvents: a feeder outage leaves one on every meter of the station, an empty home's included, and nothing
    // here yet tells the customer's own 失压 from the station's outage (on the independent population one event in 90
    // days raised every vacancy's flag).
    params: { ...r.params, readingDays: 30, minMissingDays: 7, eventDays: 90, eventKinds: ['power_loss'], minEvents: null },
  }])).concat([JudgementRule.parse(AREA_LINE_LOSS_RULE)]),
});

/**
 * 2026.4 (#21, judgement precision): theft, tariff misuse and whitelist large consumption. Each change is keyed by rule
 * code so that other families' changes of the same version merge beside them.
 * - THEFT_DROP: with one year of bills, a season-matched comparison (maxOffSeasonRatio: the mildest months since the
 *   onset against the mildest before it; with two years the year-over-year check already compares season with season);
 *   an onset with a month billed at exactly zero is a stop, left to the zero rules (an irrigation pump idle all winter);
 *   the vacancy reading needs a standby-sized day (≤ 3 kWh; a shop's or a pump's steady days are not an empty home).
 * - TARIFF_MISUSE: a second, steadier reading beside the peak: a home's use falls in the mild months between the
 *   air-conditioning and heating seasons, a shop's does not (lowest month ≥ 80 % of the average, from 380 kWh a month);
 *   TARIFF_MISUSE_PEER: large against the station's households (≥ 2.5 × their average, ≥ 450 kWh) and flat — the
 *   absolute floor alone flagged large flat households.
 * - WHITELIST_FLAT: a whitelisted customer with large, season-less use (the pilot's restaurant), beside the multiple of
 *   the station's households that WHITELIST_LARGE asks for.
 * - ZERO_SIGNALS counts power-loss events again, net of outages. A feeder or transformer outage leaves a 失压/断电
 *   event on every meter it takes down, an empty home's included, so an event shared that day by a tenth of the meters
 *   of the customer's outage unit (station area, else grid, else station) — and by at least three of them — is the
 *   network's, not the meter's; what is left (a meter that alone lost voltage, as a bypass or a removed meter does)
 *   raises the zero flag (an empty home with its breaker off leaves none: the breaker is behind the meter, which stays
 *   powered). Own power-loss events are rare and independent between meters: a tenth of a unit on one day is no
 *   coincidence, while a transformer's outage in a grid of several areas is still caught; three meters keep a unit of a
 *   few meters from calling one event an outage. The share was not tuned: anywhere from 2% to 50% gives the same raises
 *   on both synthetic populations (their outages take down nearly every meter of a station).
 * - METER_TAMPER leaves out the events within 3 days of a completed metering work order (计量工单: 换表, 校验, 轮换,
 *   故障处理, 装表) on the account: the utility's own visit opens the cover too. Three days, not the visit's day alone:
 *   the order's 完成时间 is often what the office enters when it closes the order, after a weekend. On the project
 *   generator (12 months) precision 80.7 % → 98.6 %, recall 100 % unchanged; the visits without a recorded order are what
 *   is left.
 * - AREA_LINE_LOSS nets the customer's drop of its peers' change over the same months (netOfPeers): the end of a heating
 *   or air-conditioning season is no drop. Read on simulated area meters (`npm run eval:area-supply`, 40–150 customers
 *   to an area, 0.1–0.5 points of monthly noise): on the independent population as of March, theft precision with the
 *   line-loss rule as first published 36–62 %, netted 67–82 % (92 % without the rule; recall 86 % → 86–89 % either
 *   way); held out, as of September (the end of the air-conditioning season): 26–36 %, netted 37–39 % (41 % without).
 *   The rest of its false flags are households whose own heating outweighs their peers' average.
 * Set on the default evaluation run (bench/evalJudgement.ts without --holdout); the figures are in the commits.
 */
const THEFT_2026_4 = { maxOffSeasonRatio: 0.7, offSeasonMonths: 2, excludeZeroMonths: true, vacancyMaxDayKwh: 3 };
const DEFAULT_2026_4: JudgementRuleSet = JudgementRuleSet.parse({
  ...DEFAULT_2026_3,
  version: 'jicha-default-2026.4',
  rules: DEFAULT_2026_3.rules.flatMap((r): unknown[] => {
    if (r.code === 'THEFT_DROP' && r.kind === 'consumption_trend') return [{ ...r, params: { ...r.params, ...THEFT_2026_4 } }];
    if (r.code === 'TARIFF_MISUSE' && r.kind === 'consumption_level') {
      return [
        {
          ...r,
          textZh: '居民电价用户用电量大且全年平稳（无空调、取暖季节之间的低谷月），疑似经营性用电（商铺、饭店）',
          textEn: 'Residential-tariff customer with large consumption that stays level all year (no low months between the air-conditioning and heating seasons): likely a shop or restaurant',
          params: { ...r.params, minAvgMonthlyKwh: 380, minTroughToAverage: 0.8 },
        },
        {
          ...r,
          code: 'TARIFF_MISUSE_PEER',
          kind: 'consumption_norm',
          textZh: '居民电价用户月均用电量数倍于同所居民户均且无季节波动，疑似经营性用电（商铺、饭店）',
          textEn: 'Residential-tariff customer using several times the station\'s average household, with no seasonal swing: likely a shop or restaurant',
          params: { tariffCategories: ['residential'], whitelist: 'exclude', windowMonths: 12, minAvgMonthlyKwh: 450, minPeerMultiple: 2.5, maxPeakToAverage: 1.4 },
        },
      ];
    }
    if (r.code === 'WHITELIST_LARGE') {
      return [r, {
        ...r,
        code: 'WHITELIST_FLAT',
        kind: 'consumption_level',
        textZh: '白名单居民用户用电量大且全年无季节波动，疑似经营性用电（白名单居民大电量专项）',
        textEn: 'Whitelisted residential customer with large consumption and no seasonal swing: likely a business (whitelist large-consumption campaign)',
        params: { tariffCategories: ['residential'], whitelist: 'only', windowMonths: 12, minAvgMonthlyKwh: 600, maxPeakToAverage: 1.4 },
      }];
    }
    if (r.kind === 'zero_signals') return [{ ...r, params: { ...r.params, minEvents: 1, outageMinShare: 0.1, outageMinMeters: 3 } }];
    if (r.kind === 'meter_events') return [{ ...r, params: { ...r.params, excludeNearWorkOrderDays: 3 } }];
    if (r.kind === 'area_line_loss') {
      return [{
        ...r,
        textZh: '所在台区线损率超出同类台区标准，且该户电量较自身前期明显下降、降幅超出同所同类用户同期变化，疑似窃电',
        textEn: 'The station area loses more than its norm and the customer\'s use dropped against its own recent months, beyond its peers\' change over the same months: suspected theft',
        params: { ...r.params, netOfPeers: true },
      }];
    }
    return [r];
  }),
});

/** Every built-in version with the day it takes effect, oldest first (the seed publishes each). */
export const DEFAULT_JUDGEMENT_RULE_SETS: readonly { ruleSet: JudgementRuleSet; effectiveFrom: string }[] = [
  { ruleSet: DEFAULT_2026_2, effectiveFrom: '2026-01-01' },
  { ruleSet: DEFAULT_2026_3, effectiveFrom: '2026-12-01' },
  { ruleSet: DEFAULT_2026_4, effectiveFrom: '2027-01-01' },
];

/**
 * The built-in version in force on a China date (YYYY-MM-DD): what a database seeded with the built-ins applies that
 * day (a newer version may be published from a later day).
 */
export function builtInJudgementRuleSetOn(date: string): JudgementRuleSet {
  return [...DEFAULT_JUDGEMENT_RULE_SETS].reverse().find((d) => d.effectiveFrom <= date)?.ruleSet ?? DEFAULT_JUDGEMENT_RULE_SETS[0].ruleSet;
}

/** The newest built-in version: what applies where no rule set is published. */
export const DEFAULT_JUDGEMENT_RULE_SET: JudgementRuleSet = DEFAULT_2026_4;
