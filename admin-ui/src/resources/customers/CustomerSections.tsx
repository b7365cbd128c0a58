import { useState } from 'react';
import { Box, Button, Chip, Link, List as MuiList, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { useLocaleState, useTranslate } from 'react-admin';
import { formatDate, formatDateTime } from '../../format/dateTime';
import { formatYuan } from '../../format/money';
import { InfoGrid } from '../../ui/InfoGrid';
import { ErrorState, LoadingState } from '../../ui/LoadStates';
import { SectionCard } from '../../ui/SectionCard';
import { enumLabel } from '../cases/caseEnums';
import { ConsumptionChart } from './ConsumptionChart';
import { dailyPoints, monthlyPoints } from './consumptionPoints';
import { outstanding, customerEnum, type Customer360 } from './customerModel';
import { RowsTable } from './RowsTable';
import { useOrgUnitNames } from '../../ui/orgUnits/useOrgUnits';
import { useCustomerCases, useCustomerJudgement } from './useCustomerQueries';
import { explainReason } from '../flags/flagExplanation';
import { FlagEvidenceCharts } from '../flags/FlagEvidenceCharts';

const kwh = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(n);
const F = 'resources.customers.fields';

function EnumText({ field, value }: { field: string; value: string }) {
  const translate = useTranslate();
  return <>{translate(customerEnum(field, value), { _: value })}</>;
}

/** 档案: the SG186 archive. */
export function ArchiveSection({ c }: { c: Customer360 }) {
  const translate = useTranslate();
  const unitName = useOrgUnitNames();
  return (
    <SectionCard title="resources.customers.sections.archive" data-testid="customer-archive">
      <InfoGrid
        items={[
          { label: `${F}.accountNo`, value: c.accountNo },
          { label: `${F}.name`, value: c.name },
          { label: `${F}.status`, value: <EnumText field="status" value={c.status} /> },
          { label: `${F}.tariffCategory`, value: <EnumText field="tariffCategory" value={c.tariffCategory} /> },
          { label: `${F}.contractCapacityKva`, value: c.contractCapacityKva === null ? null : `${kwh(c.contractCapacityKva)} kVA` },
          { label: `${F}.whitelist`, value: translate(c.whitelist ? 'resources.customers.yes' : 'resources.customers.no') },
          { label: `${F}.meterNo`, value: c.meterNo },
          { label: `${F}.stationId`, value: `${c.stationName} (${c.stationId})` },
          { label: `${F}.gridId`, value: c.gridId === null ? null : `${unitName(c.gridId)} (${c.gridId})` },
          { label: `${F}.location`, value: c.lat !== null && c.lon !== null ? `${c.lat.toFixed(5)}, ${c.lon.toFixed(5)}` : null },
          { label: `${F}.address`, value: c.address, wide: true },
        ]}
      />
    </SectionCard>
  );
}

/** 系统初判 now: asked for with a button. */
export function JudgementSection({ accountNo }: { accountNo: string }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [asked, setAsked] = useState(false);
  const q = useCustomerJudgement(accountNo, asked);
  const zh = locale.startsWith('zh');
  return (
    <SectionCard
      title="resources.customers.sections.judgement"
      action={
        <Button size="small" variant="outlined" onClick={() => (asked ? void q.refetch() : setAsked(true))} data-testid="judge-now">
          {translate('resources.customers.judgement.run')}
        </Button>
      }
    >
      {!asked ? (
        <Typography variant="body2" color="text.secondary">
          {translate('resources.customers.judgement.hint')}
        </Typography>
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <LoadingState />
      ) : (
        <Stack spacing={1}>
          <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap alignItems="center">
            <Chip color={q.data.score >= 60 ? 'error' : q.data.score >= 30 ? 'warning' : 'default'} label={translate('resources.customers.judgement.score', { score: q.data.score })} />
            <Chip variant="outlined" label={translate(enumLabel('priority', q.data.priority), { _: q.data.priority })} />
            <Typography variant="body2" color="text.secondary">
              {translate('resources.customers.judgement.basis', { version: q.data.ruleSetVersion, month: q.data.asOfMonth })}
            </Typography>
          </Stack>
          {q.data.reasons.length === 0 ? (
            <Typography variant="body2">{translate('resources.customers.judgement.noReason')}</Typography>
          ) : (
            <MuiList dense disablePadding>
              {q.data.reasons.map((r) => (
                <ListItem key={r.code} disableGutters sx={{ display: 'block' }}>
                  <ListItemText primary={zh ? r.textZh : r.textEn} secondary={[explainReason(r, locale), `${r.code} · +${r.weight}`].filter(Boolean).join(' · ')} />
                  <FlagEvidenceCharts accountNo={accountNo} reason={r} judgedMonth={q.data.asOfMonth} />
                </ListItem>
              ))}
            </MuiList>
          )}
        </Stack>
      )}
    </SectionCard>
  );
}

/** 电费与电量: 24 months of bills as a chart and a table. */
export function BillingSection({ c }: { c: Customer360 }) {
  const translate = useTranslate();
  const rows = [...c.consumption].sort((a, b) => b.month.localeCompare(a.month));
  const total = c.consumption.reduce((s, b) => s + b.amountYuan, 0);
  return (
    <Stack spacing={2}>
      <SectionCard
        title="resources.customers.sections.consumption"
        action={c.asOfMonth && <Typography variant="caption">{translate('resources.customers.asOf', { month: c.asOfMonth })}</Typography>}
      >
        <ConsumptionChart
          points={monthlyPoints(c.consumption)}
          label="resources.customers.sections.consumption"
          unit={translate('resources.customers.chart.monthlyUnit')}
          emptyMessage="resources.customers.empty.consumption"
        />
        <Typography variant="caption" color="text.secondary">
          {translate('resources.customers.chart.flagged')}
        </Typography>
      </SectionCard>
      <SectionCard
        title="resources.customers.sections.bills"
        action={<Typography variant="caption">{translate('resources.customers.billTotal', { amount: formatYuan(total) })}</Typography>}
      >
        <RowsTable
          rows={rows}
          rowKey={(b) => b.month}
          empty="resources.customers.empty.consumption"
          columns={[
            { key: 'month', label: `${F}.month`, render: (b) => b.month },
            { key: 'kwh', label: `${F}.kwh`, render: (b) => kwh(b.kwh), align: 'right' },
            { key: 'amount', label: `${F}.amountYuan`, render: (b) => formatYuan(b.amountYuan), align: 'right' },
            { key: 'tariff', label: `${F}.tariffCategory`, render: (b) => <EnumText field="tariffCategory" value={b.tariffCategory} /> },
          ]}
        />
      </SectionCard>
    </Stack>
  );
}

/** 采集: daily frozen readings and meter events. */
export function CollectionSection({ c }: { c: Customer360 }) {
  const translate = useTranslate();
  return (
    <Stack spacing={2}>
      <SectionCard title="resources.customers.sections.dailyReadings">
        <ConsumptionChart
          points={dailyPoints(c.dailyReadings)}
          label="resources.customers.sections.dailyReadings"
          unit={translate('resources.customers.chart.dailyUnit')}
          emptyMessage="resources.customers.empty.dailyReadings"
          height={180}
        />
        <RowsTable
          rows={[...c.dailyReadings].sort((a, b) => b.date.localeCompare(a.date))}
          rowKey={(r) => r.date}
          empty="resources.customers.empty.dailyReadings"
          columns={[
            { key: 'date', label: `${F}.date`, render: (r) => formatDate(r.date) },
            { key: 'dayKwh', label: `${F}.dayKwh`, render: (r) => kwh(r.dayKwh), align: 'right' },
            { key: 'registerKwh', label: `${F}.registerKwh`, render: (r) => kwh(r.registerKwh), align: 'right' },
          ]}
        />
      </SectionCard>
      <SectionCard title="resources.customers.sections.meterEvents" action={<Chip size="small" label={c.meterEvents.length} />}>
        <RowsTable
          rows={c.meterEvents}
          rowKey={(e, i) => `${e.occurredAt}-${i}`}
          empty="resources.customers.empty.meterEvents"
          testId="meter-events"
          columns={[
            { key: 'occurredAt', label: `${F}.occurredAt`, render: (e) => formatDateTime(e.occurredAt) },
            { key: 'kind', label: `${F}.eventKind`, render: (e) => <EnumText field="meterEventKind" value={e.kind} /> },
            { key: 'meterNo', label: `${F}.meterNo`, render: (e) => e.meterNo ?? '—' },
          ]}
        />
      </SectionCard>
      <SectionCard title="resources.customers.sections.meteringVisits" action={<Chip size="small" label={c.meteringVisits.length} />}>
        <RowsTable
          rows={[...c.meteringVisits].reverse()}
          rowKey={(w) => w.orderNo}
          empty="resources.customers.empty.meteringVisits"
          testId="metering-visits"
          columns={[
            { key: 'doneAt', label: `${F}.doneAt`, render: (w) => formatDateTime(w.doneAt) },
            { key: 'kind', label: `${F}.meteringWorkOrderKind`, render: (w) => <EnumText field="meteringWorkOrderKind" value={w.kind} /> },
            { key: 'orderNo', label: `${F}.orderNo`, render: (w) => w.orderNo },
          ]}
        />
      </SectionCard>
    </Stack>
  );
}

/** 缴费与欠费. */
export function PaymentsSection({ c }: { c: Customer360 }) {
  const translate = useTranslate();
  const owed = c.arrears.reduce((s, a) => s + outstanding(a), 0);
  return (
    <Stack spacing={2}>
      <SectionCard
        title="resources.customers.sections.arrears"
        action={<Chip size="small" color={owed > 0 ? 'error' : 'success'} label={translate('resources.customers.owed', { amount: formatYuan(owed) })} />}
      >
        <RowsTable
          rows={c.arrears}
          rowKey={(a) => a.billMonth}
          empty="resources.customers.empty.arrears"
          columns={[
            { key: 'billMonth', label: `${F}.billMonth`, render: (a) => a.billMonth },
            { key: 'due', label: `${F}.amountDueYuan`, render: (a) => formatYuan(a.amountDueYuan), align: 'right' },
            { key: 'paid', label: `${F}.amountPaidYuan`, render: (a) => formatYuan(a.amountPaidYuan), align: 'right' },
            { key: 'outstanding', label: `${F}.outstandingYuan`, render: (a) => formatYuan(outstanding(a)), align: 'right' },
            { key: 'dueOn', label: `${F}.dueOn`, render: (a) => formatDate(a.dueOn) },
          ]}
        />
      </SectionCard>
      <SectionCard title="resources.customers.sections.payments">
        <RowsTable
          rows={c.payments}
          rowKey={(p) => p.paymentNo}
          empty="resources.customers.empty.payments"
          columns={[
            { key: 'paidOn', label: `${F}.paidOn`, render: (p) => formatDate(p.paidOn) },
            { key: 'amount', label: `${F}.amountYuan`, render: (p) => formatYuan(p.amountYuan), align: 'right' },
            { key: 'channel', label: `${F}.channel`, render: (p) => <EnumText field="paymentChannel" value={p.channel} /> },
            { key: 'paymentNo', label: `${F}.paymentNo`, render: (p) => p.paymentNo },
          ]}
        />
      </SectionCard>
    </Stack>
  );
}

/** 业扩工单. */
export function WorkOrdersSection({ c }: { c: Customer360 }) {
  return (
    <SectionCard title="resources.customers.sections.workOrders">
      <RowsTable
        rows={c.workOrders}
        rowKey={(w) => w.orderNo}
        empty="resources.customers.empty.workOrders"
        columns={[
          { key: 'orderNo', label: `${F}.orderNo`, render: (w) => w.orderNo },
          { key: 'kind', label: `${F}.workOrderKind`, render: (w) => <EnumText field="workOrderKind" value={w.kind} /> },
          { key: 'status', label: `${F}.workOrderStatus`, render: (w) => <EnumText field="workOrderStatus" value={w.status} /> },
          { key: 'appliedOn', label: `${F}.appliedOn`, render: (w) => formatDate(w.appliedOn) },
          { key: 'completedOn', label: `${F}.completedOn`, render: (w) => formatDate(w.completedOn) },
          { key: 'capacity', label: `${F}.capacityKva`, render: (w) => (w.capacityKva === null ? '—' : `${kwh(w.capacityKva)} kVA`), align: 'right' },
          { key: 'note', label: `${F}.note`, render: (w) => w.note ?? '—', wrap: true },
        ]}
      />
    </SectionCard>
  );
}

/** 稽查工单 of the customer, with the rule versions each used. */
export function CasesSection({ accountNo }: { accountNo: string }) {
  const translate = useTranslate();
  const q = useCustomerCases(accountNo);
  return (
    <SectionCard title="resources.customers.sections.cases" action={q.data && <Chip size="small" label={q.data.total} />}>
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <LoadingState />
      ) : (
        <Box data-testid="customer-cases">
          <RowsTable
            rows={q.data.rows}
            rowKey={(r) => r.id}
            empty="resources.customers.empty.cases"
            columns={[
              {
                key: 'caseNo',
                label: 'resources.cases.fields.caseNo',
                render: (r) => (
                  <Link component={RouterLink} to={`/cases/${encodeURIComponent(r.id)}/show`}>
                    {r.caseNo}
                  </Link>
                ),
              },
              { key: 'origin', label: 'resources.cases.fields.origin', render: (r) => translate(enumLabel('origin', r.origin), { _: r.origin }) },
              { key: 'stage', label: 'resources.cases.fields.stage', render: (r) => translate(enumLabel('stage', r.stage), { _: r.stage }) },
              { key: 'judgementVersion', label: 'resources.customers.fields.judgementRuleSetVersion', render: (r) => r.judgementRuleSetVersion ?? '—' },
              { key: 'penaltyVersions', label: 'resources.customers.fields.penaltyRuleSetVersions', render: (r) => r.penaltyRuleSetVersions.join(', ') || '—' },
              { key: 'createdAt', label: 'resources.cases.fields.createdAt', render: (r) => formatDateTime(r.createdAt) },
            ]}
          />
        </Box>
      )}
    </SectionCard>
  );
}
