import { lastClosedMonth } from '../../domain/billingMonths';
import type { PopulationSpec } from '../synthetic/generator';
import { DEMO_ORG_UNITS } from './demoOrg';

const county = DEMO_ORG_UNITS.find((o) => o.id === 'HB.XN.XA')!;

/**
 * The small synthetic utility `npm start` loads beside the named demo customers: 2,000 customers of two more
 * supply stations of Xian'an (accounts 4211xxxxxx), history up to the last closed month, planted anomalies —
 * enough for a demo campaign. Reloaded once a month as the last closed month moves.
 */
export function demoPopulation(now = new Date()): PopulationSpec {
  return {
    name: 'demo', seed: 2016_04_15, customers: 2000, endMonth: lastClosedMonth(now),
    root: { id: county.id, parentId: county.parentId, level: 'county', nameZh: county.nameZh, nameEn: county.nameEn }, accountPrefix: '4211',
  };
}
