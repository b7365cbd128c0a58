import { JudgementRunCard } from '../resources/flags/JudgementRunCard';
import { Button, Link, Stack, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { useGetList, useTranslate } from 'react-admin';
import type { ApiItem } from '../data/api';
import { formatDateTime } from '../format/dateTime';
import { CASE_STAGES, enumLabel, isTerminalStage } from '../resources/cases/caseEnums';
import { RowsTable } from '../resources/customers/RowsTable';
import type { ImportSummary } from '../resources/imports/importKinds';
import { useCalendarYears } from '../resources/calendar/useCalendarQueries';
import { ErrorState, LoadingState } from '../ui/LoadStates';
import { SectionCard } from '../ui/SectionCard';

const H = 'dashboard.home';
type CaseRow = ApiItem<'/api/cases'>;
type TerminalRow = ApiItem<'/api/terminals'>;

/** The stages in which a case still waits on someone. */
export const OPEN_STAGES = CASE_STAGES.filter((s) => !isTerminalStage(s));
const SHOWN = 50;

/** Overdue first, then the nearest deadline; no deadline last. */
const byDeadline = (a: CaseRow, b: CaseRow) => (a.workingDaysLeft ?? Infinity) - (b.workingDaysLeft ?? Infinity);

/** The terminal app, served next to the back office (field work is done there, not here). */
const TERMINAL_APP = '/terminal/';

/**
 * 稽查员's home: the open cases assigned to them (GET /api/cases answers an inspector with their own cases only),
 * nearest deadline first, and the way to the terminal app where the field steps are taken.
 */
export function InspectorHome() {
  const translate = useTranslate();
  const q = useGetList<CaseRow>('cases', { pagination: { page: 1, perPage: SHOWN }, sort: { field: 'createdAt', order: 'DESC' }, filter: { stage: OPEN_STAGES } });
  const rows = [...(q.data ?? [])].sort(byDeadline);
  return (
    <Stack spacing={2} data-testid="home-inspector">
      <SectionCard
        title={`${H}.inspector.tasks`}
        action={<Button href={TERMINAL_APP} variant="contained" size="small" data-testid="home-terminal-link">{translate(`${H}.inspector.openTerminal`)}</Button>}
      >
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{translate(`${H}.inspector.hint`)}</Typography>
        {q.error ? (
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        ) : q.isPending ? (
          <LoadingState />
        ) : (
          <>
            <RowsTable
              rows={rows}
              rowKey={(r) => r.id}
              empty={`${H}.inspector.noTasks`}
              testId="home-tasks"
              columns={[
                { key: 'caseNo', label: 'resources.cases.fields.caseNo', render: (r) => <Link component={RouterLink} to={`/cases/${r.id}/show`}>{r.caseNo}</Link> },
                { key: 'customer', label: 'resources.cases.fields.customerName', render: (r) => `${r.customerName} (${r.customerAccountNo})`, wrap: true },
                { key: 'stage', label: 'resources.cases.fields.stage', render: (r) => translate(enumLabel('stage', r.stage), { _: r.stage }) },
                { key: 'priority', label: 'resources.cases.fields.priority', render: (r) => translate(enumLabel('priority', r.priority), { _: r.priority }) },
                { key: 'left', label: `${H}.inspector.daysLeft`, render: (r) => daysLeftText(r.workingDaysLeft, translate), align: 'right' },
              ]}
            />
            {(q.total ?? 0) > SHOWN && <Typography variant="caption" color="text.secondary">{translate(`${H}.shownOf`, { shown: SHOWN, total: q.total })}</Typography>}
          </>
        )}
      </SectionCard>
    </Stack>
  );
}

function daysLeftText(n: number | null, translate: (k: string, o?: object) => string): string {
  if (n === null) return '—';
  if (n < 0) return translate(`${H}.inspector.overdue`, { days: -n });
  return translate(`${H}.inspector.left`, { days: n });
}

const RECENT = 5;

/** 系统管理员's home: terminals waiting to be bound, the latest imports, and how far the working-day calendar reaches. */
export function AdminHome() {
  const translate = useTranslate();
  const terminals = useGetList<TerminalRow>('terminals', { pagination: { page: 1, perPage: RECENT }, sort: { field: 'registeredAt', order: 'DESC' }, filter: { bound: false } });
  const imports = useGetList<ImportSummary & { id: string }>('imports', { pagination: { page: 1, perPage: RECENT }, sort: { field: 'createdAt', order: 'DESC' } });
  const years = useCalendarYears();
  const coverage = years.data?.coverage;
  return (
    <Stack spacing={2} data-testid="home-admin">
      <JudgementRunCard />
      <SectionCard
        title={translate(`${H}.admin.waitingTerminals`, { count: terminals.total ?? 0 })}
        action={<Button component={RouterLink} to={`/terminals?filter=${encodeURIComponent(JSON.stringify({ bound: false }))}`} size="small">{translate(`${H}.admin.toTerminals`)}</Button>}
        data-testid="home-terminals"
      >
        {terminals.error ? <ErrorState error={terminals.error} onRetry={() => void terminals.refetch()} /> : terminals.isPending ? <LoadingState /> : (
          <RowsTable
            rows={terminals.data ?? []}
            rowKey={(r) => String(r.id)}
            empty={`${H}.admin.noWaiting`}
            columns={[
              { key: 'label', label: 'resources.terminals.fields.label', render: (r) => <Link component={RouterLink} to={`/terminals/${encodeURIComponent(String(r.id))}/show`}>{r.label}</Link> },
              { key: 'registeredBy', label: 'resources.terminals.fields.registeredBy', render: (r) => r.registeredBy ?? '—' },
              { key: 'registeredAt', label: 'resources.terminals.fields.registeredAt', render: (r) => formatDateTime(r.registeredAt) },
            ]}
          />
        )}
      </SectionCard>
      <SectionCard
        title={`${H}.admin.recentImports`}
        action={<Button component={RouterLink} to="/imports" size="small">{translate(`${H}.admin.toImports`)}</Button>}
        data-testid="home-imports"
      >
        {imports.error ? <ErrorState error={imports.error} onRetry={() => void imports.refetch()} /> : imports.isPending ? <LoadingState /> : (
          <RowsTable
            rows={imports.data ?? []}
            rowKey={(r) => r.id}
            empty={`${H}.admin.noImports`}
            columns={[
              { key: 'createdAt', label: 'resources.imports.fields.createdAt', render: (r) => <Link component={RouterLink} to={`/imports/${r.id}/show`}>{formatDateTime(r.createdAt)}</Link> },
              { key: 'kind', label: 'resources.imports.fields.kind', render: (r) => translate(`resources.imports.enums.kind.${r.kind}`, { _: r.kind }) },
              { key: 'line', label: `${H}.admin.importRows`, render: (r) => translate('resources.imports.listLine', { rows: r.rows, accepted: r.accepted, rejected: r.rejected }), wrap: true },
              { key: 'importedBy', label: 'resources.imports.fields.importedBy', render: (r) => r.importedBy },
            ]}
          />
        )}
      </SectionCard>
      <SectionCard
        title={`${H}.admin.calendar`}
        action={<Button component={RouterLink} to="/calendar" size="small">{translate(`${H}.admin.toCalendar`)}</Button>}
        data-testid="home-calendar"
      >
        {years.error ? <ErrorState error={years.error} onRetry={() => void years.refetch()} /> : !coverage ? <LoadingState /> : (
          <Stack spacing={0.5} data-testid="home-coverage">
            <Typography variant="body2" color={coverage.coversNext90Days ? 'text.primary' : 'warning.main'}>
              {coverage.knownThrough
                ? translate(`${H}.admin.knownThrough`, { date: coverage.knownThrough })
                : translate(`${H}.admin.noCalendar`)}
              {coverage.knownThrough && !coverage.coversNext90Days && ` ${translate(`${H}.admin.runsOut`)}`}
            </Typography>
            {coverage.provisionalOpenCases > 0 && (
              <Typography variant="body2" color="text.secondary">{translate(`${H}.admin.provisional`, { count: coverage.provisionalOpenCases })}</Typography>
            )}
          </Stack>
        )}
      </SectionCard>
    </Stack>
  );
}
