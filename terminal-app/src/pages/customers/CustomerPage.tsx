import { useRef, useState } from 'react';
import { useApp } from '../../AppContext';
import { useI18n, type T } from '../../i18n';
import { useLoad } from '../../hooks';
import { href } from '../../router';
import { Empty, Loading, Page } from '../../ui/ui';
import { loadCustomer360 } from './api';
import { BarChart } from './BarChart';
import {
  billsUnderOtherTariff, consumptionStats, isOpenStage, isOverdue, newestFirst, outstanding, shortLabel, totalOutstanding, type Customer360,
} from './customer360';
import { chinaToday, formatDate, formatDateTime, formatKva, formatKwh, formatYuan } from './format';
import { ErrorNote, Fields, Section, Segmented } from './parts';

// 公共查询 → the customer 360 (客户统一视图): archive, bills, payments, arrears, monthly and daily frozen consumption,
// business-expansion orders, meter events and cases, in collapsible sections; lists, not tables, on a phone.

const MONTHS = [12, 24, 36] as const;
const DAYS = [30, 60, 90] as const;
const MAY_START = ['inspector', 'station_lead'];

export function CustomerPage({ accountNo }: { accountNo: string }) {
  const { t } = useI18n();
  const { api, session } = useApp();
  const [months, setMonths] = useState<number>(12);
  const [days, setDays] = useState<number>(30);
  const view = useLoad(() => loadCustomer360(api, accountNo, { months, days }), [api, accountNo, months, days]);
  const mayStart = session.identity.roles.some((r) => MAY_START.includes(r));
  // Changing the period reloads; the view stays on screen meanwhile (sections keep their open state and the scroll
  // position), for the same customer only.
  const last = useRef<Customer360 | null>(null);
  if (view.state === 'ok') last.current = view.data;
  const shown = view.state === 'ok' ? view.data : last.current?.archive.accountNo === accountNo ? last.current : null;
  const title = shown ? shown.archive.name : t('cust.customer.title');
  return (
    <Page title={title} back={href('/query')} actions={<button type="button" className="btn-icon" aria-label={t('cust.refresh')} onClick={() => void view.reload()} data-testid="customer-refresh">⟳</button>}>
      {view.state === 'loading' ? <Loading /> : null}
      {view.state === 'error' ? <ErrorNote error={view.error} ctx="customer" onRetry={() => void view.reload()} testId="customer-error" /> : null}
      {shown ? (
        <Customer360View
          c={shown}
          t={t}
          mayStart={mayStart}
          months={months}
          days={days}
          onMonths={setMonths}
          onDays={setDays}
        />
      ) : null}
    </Page>
  );
}

function Customer360View({ c, t, mayStart, months, days, onMonths, onDays }: {
  c: Customer360; t: T; mayStart: boolean; months: number; days: number; onMonths: (n: number) => void; onDays: (n: number) => void;
}) {
  const a = c.archive;
  const today = chinaToday();
  const stats = consumptionStats(c.consumption.monthly);
  const owed = totalOutstanding(c.billing.arrears);
  const overdue = c.billing.arrears.filter((x) => isOverdue(x, today));
  const otherTariff = billsUnderOtherTariff(c.billing.bills, a.tariffCategory);
  const openCases = c.cases.filter((x) => isOpenStage(x.stage));
  const bills = newestFirst(c.billing.bills, (b) => b.month);
  const daily = c.consumption.daily;
  return (
    <div data-testid="customer-360">
      <div className="card cust-head">
        <h2>{a.name}</h2>
        <div className="row-sub"><span className="mono">{a.accountNo}</span> · {a.address}</div>
        <div>
          <span className="tag">{t(`cust.tariff.${a.tariffCategory}`)}</span>
          {a.status !== 'active' ? <span className="tag tag-danger">{t(`cust.customerStatus.${a.status}`)}</span> : null}
          {a.whitelist ? <span className="tag tag-warn">{t('cust.customer.whitelist')}</span> : null}
          {owed > 0 ? <span className="tag tag-danger">{t('cust.customer.owes', { amount: formatYuan(owed) })}</span> : null}
          {openCases.length ? <span className="tag tag-warn">{t('cust.search.openCases', { n: openCases.length })}</span> : null}
        </div>
        <div className="btn-row">
          {mayStart ? <a className="btn btn-primary" href={href(`/custom?q=${a.accountNo}`)} data-testid="customer-start-audit">{t('cust.customer.startAudit')}</a> : null}
          {a.geoUri ? <a className="btn btn-secondary" href={a.geoUri} data-testid="customer-open-map">{t('cust.customer.openMap')}</a> : null}
        </div>
      </div>

      <Section title={t('cust.customer.archive')} open testId="section-archive">
        <Fields rows={[
          [t('cust.field.accountNo'), <span className="mono">{a.accountNo}</span>],
          [t('cust.field.name'), a.name],
          [t('cust.field.address'), a.address],
          [t('cust.field.tariff'), t(`cust.tariff.${a.tariffCategory}`)],
          [t('cust.field.capacity'), formatKva(a.contractCapacityKva)],
          [t('cust.field.meterNo'), a.meterNo ? <span className="mono">{a.meterNo}</span> : '—'],
          [t('cust.field.whitelist'), a.whitelist ? t('cust.yes') : t('cust.no')],
          [t('cust.field.station'), <span className="mono">{a.stationId}</span>],
          [t('cust.field.grid'), a.gridId ? <span className="mono">{a.gridId}</span> : '—'],
          [t('cust.field.status'), t(`cust.customerStatus.${a.status}`)],
          [t('cust.field.location'), a.lat !== null && a.lon !== null ? `${a.lat.toFixed(5)}, ${a.lon.toFixed(5)}` : t('cust.customer.noLocation')],
          [t('cust.field.source'), c.source],
        ]} />
      </Section>

      <Section title={t('cust.customer.monthly')} count={c.consumption.monthly.length} open testId="section-monthly">
        <Segmented label={t('cust.customer.monthsLabel')} value={months} onChange={onMonths} options={MONTHS.map((m) => ({ value: m, label: t('cust.customer.months', { n: m }) }))} testId="customer-months" />
        {c.consumption.monthly.length === 0 ? <Empty>{t('cust.customer.noBills')}</Empty> : (
          <>
            <BarChart
              points={c.consumption.monthly.map((m) => ({ label: shortLabel(m.month), value: m.kwh }))}
              title={t('cust.customer.monthlyChart', { from: c.consumption.monthly[0]!.month, to: c.consumption.monthly.at(-1)!.month })}
              unit="kWh"
              readout={(i) => { const m = c.consumption.monthly[i]!; return t('cust.customer.readout', { label: m.month, value: formatKwh(m.kwh) }); }}
              testId="chart-monthly"
            />
            <div className="stats">
              <div><div className="stat-k">{t('cust.customer.avg')}</div><div className="stat-v num">{formatKwh(stats.avgKwh)}</div></div>
              <div><div className="stat-k">{t('cust.customer.max', { month: stats.maxMonth ?? '—' })}</div><div className="stat-v num">{formatKwh(stats.maxKwh)}</div></div>
              <div><div className="stat-k">{t('cust.customer.total', { n: stats.months })}</div><div className="stat-v num">{formatKwh(stats.totalKwh)}</div></div>
              <div><div className="stat-k">{t('cust.customer.latestMonth')}</div><div className="stat-v">{c.billing.latestMonth ?? '—'}</div></div>
            </div>
          </>
        )}
      </Section>

      <Section title={t('cust.customer.bills')} count={bills.length} testId="section-bills">
        {otherTariff.length ? <div className="warn-box">{t('cust.customer.otherTariff', { months: otherTariff.join('、') })}</div> : null}
        {bills.length === 0 ? <Empty>{t('cust.customer.noBills')}</Empty> : (
          <ul className="rows">
            {bills.map((b) => (
              <li key={b.month}>
                <div className="row-main"><span>{b.month}</span><span className="num">{formatYuan(b.amountYuan)}</span></div>
                <div className="row-sub">
                  <span className="num">{formatKwh(b.kwh)}</span> · <span className={b.tariffCategory !== a.tariffCategory ? 'overdue' : undefined}>{t(`cust.tariff.${b.tariffCategory}`)}</span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t('cust.customer.payments')} count={c.billing.payments.length} testId="section-payments">
        {c.billing.payments.length === 0 ? <Empty>{t('cust.customer.noPayments')}</Empty> : (
          <ul className="rows">
            {newestFirst(c.billing.payments, (p) => p.paidOn).map((p) => (
              <li key={p.paymentNo}>
                <div className="row-main"><span>{formatDate(p.paidOn)}</span><span className="num">{formatYuan(p.amountYuan)}</span></div>
                <div className="row-sub">{channel(t, p.channel)} · <span className="mono">{p.paymentNo}</span></div>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t('cust.customer.arrears')} count={c.billing.arrears.length} open={overdue.length > 0} testId="section-arrears">
        {c.billing.arrears.length === 0 ? <Empty>{t('cust.customer.noArrears')}</Empty> : (
          <>
            <p className="row-main"><span>{t('cust.customer.owedTotal')}</span><span className="num overdue">{formatYuan(owed)}</span></p>
            <ul className="rows">
              {newestFirst(c.billing.arrears, (x) => x.billMonth).map((x) => (
                <li key={`${x.billMonth}-${x.dueOn}`}>
                  <div className="row-main"><span>{x.billMonth}</span><span className="num">{formatYuan(outstanding(x))}</span></div>
                  <div className="row-sub">
                    {t('cust.customer.arrearLine', { due: formatYuan(x.amountDueYuan), paid: formatYuan(x.amountPaidYuan), dueOn: formatDate(x.dueOn) })}
                    {isOverdue(x, today) ? <> · <span className="overdue">{t('cust.customer.overdue')}</span></> : null}
                  </div>
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>

      <Section title={t('cust.customer.daily')} count={daily.length} testId="section-daily">
        <Segmented label={t('cust.customer.daysLabel')} value={days} onChange={onDays} options={DAYS.map((d) => ({ value: d, label: t('cust.customer.days', { n: d }) }))} testId="customer-days" />
        {daily.length === 0 ? <Empty>{t('cust.customer.noDaily')}</Empty> : (
          <>
            <BarChart
              points={daily.map((d) => ({ label: shortLabel(d.date), value: d.dayKwh }))}
              title={t('cust.customer.dailyChart', { from: daily[0]!.date, to: daily.at(-1)!.date })}
              unit="kWh"
              maxLabels={8}
              readout={(i) => { const d = daily[i]!; return t('cust.customer.readout', { label: d.date, value: formatKwh(d.dayKwh) }); }}
              testId="chart-daily"
            />
            <ul className="rows">
              {newestFirst(daily, (d) => d.date).map((d) => (
                <li key={d.date}>
                  <div className="row-main"><span>{formatDate(d.date)}</span><span className="num">{formatKwh(d.dayKwh)}</span></div>
                  {d.registerKwh !== null ? <div className="row-sub">{t('cust.customer.register', { kwh: formatKwh(d.registerKwh) })}</div> : null}
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>

      <Section title={t('cust.customer.workOrders')} count={c.workOrders.length} testId="section-work-orders">
        {c.workOrders.length === 0 ? <Empty>{t('cust.customer.noWorkOrders')}</Empty> : (
          <ul className="rows">
            {newestFirst(c.workOrders, (w) => w.appliedOn).map((w) => (
              <li key={w.orderNo}>
                <div className="row-main"><span>{t(`cust.workOrderKind.${w.kind}`)}</span><span className="tag">{t(`cust.workOrderStatus.${w.status}`)}</span></div>
                <div className="row-sub">
                  <span className="mono">{w.orderNo}</span> · {t('cust.customer.applied', { date: formatDate(w.appliedOn) })}
                  {w.completedOn ? <> · {t('cust.customer.completed', { date: formatDate(w.completedOn) })}</> : null}
                  {w.capacityKva !== null ? <> · {formatKva(w.capacityKva)}</> : null}
                </div>
                {w.note ? <div className="row-sub">{w.note}</div> : null}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t('cust.customer.meterEvents')} count={c.meterEvents.length} open={c.meterEvents.length > 0} testId="section-meter-events">
        {c.meterEvents.length === 0 ? <Empty>{t('cust.customer.noMeterEvents')}</Empty> : (
          <ul className="rows">
            {newestFirst(c.meterEvents, (e) => e.occurredAt).map((e, i) => (
              <li key={`${e.occurredAt}-${i}`}>
                <div className="row-main"><span className="overdue">{t(`cust.meterEvent.${e.kind}`)}</span><span className="num">{formatDateTime(e.occurredAt)}</span></div>
                {e.meterNo ? <div className="row-sub mono">{e.meterNo}</div> : null}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t('cust.customer.meteringVisits')} count={c.meteringVisits.length} open={false} testId="section-metering-visits">
        {c.meteringVisits.length === 0 ? <Empty>{t('cust.customer.noMeteringVisits')}</Empty> : (
          <ul className="rows">
            {newestFirst(c.meteringVisits, (w) => w.doneAt).map((w) => (
              <li key={w.orderNo}>
                <div className="row-main"><span>{t(`cust.meteringKind.${w.kind}`)}</span><span className="num">{formatDateTime(w.doneAt)}</span></div>
                <div className="row-sub mono">{w.orderNo}</div>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t('cust.customer.cases')} count={c.cases.length} open={openCases.length > 0} testId="section-cases">
        {c.cases.length === 0 ? <Empty>{t('cust.customer.noCases')}</Empty> : (
          <ul className="hits">
            {c.cases.map((x) => (
              <li key={x.caseId}>
                <a className="hit" href={href(`/tasks/${x.caseId}`)} data-testid={`customer-case-${x.caseId}`}>
                  <div className="row-main"><span className="mono">{x.caseNo}</span><span className={isOpenStage(x.stage) ? 'tag tag-warn' : 'tag'}>{t(`cust.stage.${x.stage}`)}</span></div>
                  <div className="row-sub">{t(`cust.origin.${x.origin}`)} · {formatDate(x.createdAt)}</div>
                </a>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

/** Payment channels the import knows are translated; another upstream value is shown as it came. */
function channel(t: T, c: string): string {
  const key = `cust.payChannel.${c}`;
  const text = t(key);
  return text === key ? c : text;
}
