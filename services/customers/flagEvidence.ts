import type pg from 'pg';
import { addDays, addMonths, lastDay } from '../../domain/billingMonths';
import { chinaDate } from '../../domain/calendar';
import type { UpstreamConnector } from '../../domain/customerData';
import { DEFAULT_AREA_LINE_LOSS_PARAMS, lossRate } from '../../domain/lineLossRules';
import type { Principal } from '../../domain/roles';
import { areaMonths, peerMonths } from '../../db/flagEvidence';
import { inForceLineLossParams } from '../../db/judgementRuns';
import { customerInScope } from './customers';

// The data a flag's chart draws (#21 item 4: "each flag shows the months compared, the peer median, the area loss"):
// the customer's bills month by month beside its peer group's median and average, the station area's loss rate
// against its norm, and the daily readings of the last month (load against the contract capacity, gaps). The flag
// itself (its months, its figures) comes with the judgement; this answers for any months a flag names.

export interface FlagEvidenceQuery {
  /** The last month drawn; default: the latest billed month. */
  through?: string;
  /** How many months up to `through`. */
  months: number;
}

const rate4 = (r: number | null) => (r === null ? null : Math.round(r * 1e4) / 1e4);

export async function flagEvidence(pool: pg.Pool, connector: UpstreamConnector, principal: Principal, accountNo: string, q: FlagEvidenceQuery) {
  const c = await customerInScope(connector, accountNo, principal);
  const through = q.through ?? (await connector.latestBillingMonth());
  const base = { accountNo: c.accountNo, stationId: c.stationId, tariffCategory: c.tariffCategory, capacityKva: c.contractCapacityKva };
  if (!through) return { ...base, from: null, through: null, months: [], area: null, days: [] };
  const from = addMonths(through, 1 - q.months);
  const [bills, peers, area, days, params] = await Promise.all([
    connector.monthlyConsumption(c.accountNo, from, through),
    peerMonths(pool, c.stationId, c.tariffCategory, from, through),
    c.areaId ? areaMonths(pool, c.areaId, from, through) : Promise.resolve(null),
    // the last 30 days of the month, as the customer view reads them
    connector.dailyReadings(c.accountNo, addDays(lastDay(through), -29), lastDay(through)),
    lineLossNorms(pool),
  ]);
  const bill = new Map(bills.map((b) => [b.month, b.kwh]));
  const peer = new Map(peers.map((p) => [p.month, p]));
  const months = Array.from({ length: q.months }, (_, i) => addMonths(from, i)).map((month) => {
    const p = peer.get(month);
    return { month, kwh: bill.get(month) ?? null, peerMedianKwh: p?.medianKwh ?? null, peerAvgKwh: p?.avgKwh ?? null, peerCustomers: p?.customers ?? 0 };
  });
  return {
    ...base, from, through, months,
    area: area && {
      areaId: area.areaId, name: area.name, areaType: area.areaType,
      norm: params.normPercent[area.areaType] / 100,
      upper: (params.normPercent[area.areaType] + params.marginPoints) / 100,
      months: area.months.map((m) => ({
        ...m, lossRate: rate4(lossRate(m.suppliedKwh === null ? null : Math.round(m.suppliedKwh * 100), Math.round(m.billedKwh * 100))),
      })),
    },
    days: days.map((d) => ({ date: d.date, kwh: d.dayKwh })),
  };
}

/** The line-loss norms of the rule set in force (its first line-loss rule), else the family's defaults. */
async function lineLossNorms(pool: pg.Pool) {
  return (await inForceLineLossParams(pool, chinaDate(Date.now()))) ?? DEFAULT_AREA_LINE_LOSS_PARAMS;
}
