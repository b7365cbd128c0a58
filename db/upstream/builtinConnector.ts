import type { Queryable } from '../pool';
import type { CustomerArchive, MeteringVisit, TariffCategory, UpstreamConnector } from '../../domain/customerData';
import { areaFactsOf } from '../lineLossSql';

/**
 * The built-in connector: the upstream systems' data as the imports (or the synthetic utility) put it in Postgres.
 * Dates and months leave SQL as text so no time zone shifts them. Table names are unqualified on purpose (the
 * semantics test shadows them with temporary tables).
 */
export function createBuiltinConnector(db: Queryable): UpstreamConnector {
  return {
    name: 'builtin-postgres',

    areaFacts: (areaId, month) => areaFactsOf(db, areaId, month),

    async customer(accountNo) {
      const r = await db.query<{ account_no: string; name: string; address: string; lat: number | null; lon: number | null; tariff_category: string; contract_capacity_kva: number | null; meter_no: string | null; whitelist: boolean; station_id: string; grid_id: string | null; status: string; area_id: string | null }>(
        `select account_no, name, address, lat, lon, tariff_category, contract_capacity_kva, meter_no, whitelist, station_id, grid_id, status, area_id
           from customers where account_no = $1`,
        [accountNo],
      );
      const c = r.rows[0];
      if (!c) return null;
      return {
        accountNo: c.account_no, name: c.name, address: c.address, lat: c.lat, lon: c.lon, tariffCategory: c.tariff_category as CustomerArchive['tariffCategory'],
        contractCapacityKva: c.contract_capacity_kva === null ? null : Number(c.contract_capacity_kva), meterNo: c.meter_no, whitelist: c.whitelist,
        stationId: c.station_id, gridId: c.grid_id, status: c.status as CustomerArchive['status'], areaId: c.area_id,
      };
    },

    async monthlyConsumption(accountNo, fromMonth, toMonth) {
      const r = await db.query<{ month: string; kwh: number; amount_yuan: number; tariff_category: string }>(
        `select to_char(month, 'YYYY-MM') as month, kwh, amount_yuan, tariff_category from monthly_consumption
          where account_no = $1 and month between $2::date and $3::date order by month`,
        [accountNo, `${fromMonth}-01`, `${toMonth}-01`],
      );
      return r.rows.map((b) => ({ month: b.month, kwh: Number(b.kwh), amountYuan: Number(b.amount_yuan), tariffCategory: b.tariff_category as TariffCategory }));
    },

    async peerMonthlyTotals(stationId, tariff, fromMonth, toMonth) {
      const r = await db.query<{ month: string; kwh_centi: string; customers: number }>(
        `select to_char(mc.month, 'YYYY-MM') as month, sum((mc.kwh * 100)::bigint)::text as kwh_centi, count(*)::int as customers
           from customers c join monthly_consumption mc on mc.account_no = c.account_no
          where c.station_id = $1 and c.tariff_category = $2 and mc.month between $3::date and $4::date
          group by mc.month order by mc.month`,
        [stationId, tariff, `${fromMonth}-01`, `${toMonth}-01`],
      );
      return r.rows.map((x) => ({ month: x.month, kwhCenti: Number(x.kwh_centi), customers: x.customers }));
    },

    async dailyReadings(accountNo, fromDate, toDate) {
      const r = await db.query<{ date: string; day_kwh: number; register_kwh: number | null }>(
        `select reading_date::text as date, day_kwh, register_kwh from daily_readings
          where account_no = $1 and reading_date between $2::date and $3::date order by reading_date`,
        [accountNo, fromDate, toDate],
      );
      return r.rows.map((d) => ({ date: d.date, dayKwh: Number(d.day_kwh), registerKwh: d.register_kwh === null ? null : Number(d.register_kwh) }));
    },

    async meterEvents(accountNo, fromIso, toIso) {
      const r = await db.query<{ occurred_at: Date; kind: string; meter_no: string | null }>(
        `select occurred_at, kind, meter_no from meter_events
          where account_no = $1 and occurred_at >= $2::timestamptz and occurred_at < $3::timestamptz order by occurred_at, kind`,
        [accountNo, fromIso, toIso],
      );
      return r.rows.map((e) => ({ occurredAt: e.occurred_at.toISOString(), kind: e.kind as 'tamper', meterNo: e.meter_no }));
    },

    async meteringVisits(accountNo, fromIso, toIso) {
      const r = await db.query<{ order_no: string; kind: string; done_at: Date }>(
        `select order_no, kind, done_at from metering_work_orders
          where account_no = $1 and status = 'completed' and done_at >= $2::timestamptz and done_at < $3::timestamptz order by done_at, order_no`,
        [accountNo, fromIso, toIso],
      );
      return r.rows.map((w) => ({ orderNo: w.order_no, kind: w.kind as MeteringVisit['kind'], doneAt: w.done_at.toISOString() }));
    },

    async outagePowerLoss(unit, fromIso, toIso) {
      // the unit's members by the index of its own column (an area's customers; a grid's or station's without a finer unit)
      const [members, key] = unit.areaId ? ['c.area_id = $1', unit.areaId]
        : unit.gridId ? ['c.area_id is null and c.grid_id = $1', unit.gridId]
          : ['c.area_id is null and c.grid_id is null and c.station_id = $1', unit.stationId];
      const meters = await db.query<{ n: number }>(`select count(*)::int as n from customers c where ${members} and c.status <> 'closed'`, [key]);
      const days = await db.query<{ day: string; n: number }>(
        `select (me.occurred_at at time zone 'Asia/Shanghai')::date::text as day, count(distinct me.account_no)::int as n
           from customers c join meter_events me on me.account_no = c.account_no
          where ${members} and me.kind = 'power_loss' and me.occurred_at >= $2::timestamptz and me.occurred_at < $3::timestamptz
          group by 1`,
        [key, fromIso, toIso],
      );
      return { meters: meters.rows[0].n, days: Object.fromEntries(days.rows.map((d) => [d.day, d.n])) };
    },

    async payments(accountNo, limit) {
      const r = await db.query<{ payment_no: string; paid_on: string; amount_yuan: number; channel: string }>(
        'select payment_no, paid_on::text as paid_on, amount_yuan, channel from payments where account_no = $1 order by paid_on desc, payment_no limit $2',
        [accountNo, limit],
      );
      return r.rows.map((p) => ({ paymentNo: p.payment_no, paidOn: p.paid_on, amountYuan: Number(p.amount_yuan), channel: p.channel }));
    },

    async arrears(accountNo) {
      const r = await db.query<{ bill_month: string; amount_due_yuan: number; amount_paid_yuan: number; due_on: string }>(
        `select to_char(bill_month, 'YYYY-MM') as bill_month, amount_due_yuan, amount_paid_yuan, due_on::text as due_on
           from arrears where account_no = $1 and amount_paid_yuan < amount_due_yuan order by bill_month`,
        [accountNo],
      );
      return r.rows.map((a) => ({ billMonth: a.bill_month, amountDueYuan: Number(a.amount_due_yuan), amountPaidYuan: Number(a.amount_paid_yuan), dueOn: a.due_on }));
    },

    async workOrders(accountNo, limit) {
      const r = await db.query<{ order_no: string; kind: string; status: string; applied_on: string; completed_on: string | null; capacity_kva: number | null; note: string | null }>(
        `select order_no, kind, status, applied_on::text as applied_on, completed_on::text as completed_on, capacity_kva, note
           from work_orders where account_no = $1 order by applied_on desc, order_no limit $2`,
        [accountNo, limit],
      );
      return r.rows.map((w) => ({ orderNo: w.order_no, kind: w.kind, status: w.status, appliedOn: w.applied_on, completedOn: w.completed_on, capacityKva: w.capacity_kva === null ? null : Number(w.capacity_kva), note: w.note }));
    },

    async latestBillingMonth() {
      const r = await db.query<{ month: string | null }>("select to_char(max(month), 'YYYY-MM') as month from billing_periods");
      return r.rows[0]?.month ?? null;
    },
  };
}
