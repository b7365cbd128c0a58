-- #21 (METER_TAMPER precision): metering work orders (计量工单) of the marketing system — meter replacement (换表),
-- on-site verification (校验 / 现场检验), periodic rotation (轮换), fault repair (故障处理), installation (装表). Each is a
-- utility visit that opens the meter, so the cover-open event it leaves is not a sign of tampering: the meter_events
-- rule's excludeNearWorkOrderDays does not count events near a completed one.
--
-- A table of its own rather than more kinds in work_orders: those are business-expansion (业扩) orders with their own
-- process states (受理 … 归档) and the customer view lists them as such; a metering order is a field visit whose time
-- (done_at, 完成时间) is what the judgement reads. The app role's grants come from app_role_grants after the run.
create table metering_work_orders (
  order_no text primary key,
  account_no text not null references customers(account_no),
  kind text not null check (kind in ('meter_replacement', 'verification', 'rotation', 'fault_repair', 'installation')),
  status text not null check (status in ('in_progress', 'completed', 'cancelled')),
  applied_on date not null,
  -- when the field visit was done; a completed order has one (the import refuses a row without)
  done_at timestamptz,
  meter_no text,
  note text,
  check (status <> 'completed' or done_at is not null)
);
-- the judgement's lookup: an account's completed visits (per event in the population pass, per customer otherwise)
create index metering_work_orders_visits_idx on metering_work_orders (account_no, done_at) where status = 'completed';
