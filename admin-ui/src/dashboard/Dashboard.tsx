import { useEffect } from 'react';
import { Alert, Box, Chip, Stack, Typography } from '@mui/material';
import { Title, useCanAccess, useLocaleState, usePermissions, useStore, useTranslate } from 'react-admin';
import { useJichaIdentity } from '../auth/useJichaIdentity';
import { usePublicConfig } from '../boot/PublicConfigContext';
import { formatDateTime } from '../format/dateTime';
import { EmptyState, ErrorState, LoadingState } from '../ui/LoadStates';
import { SectionCard } from '../ui/SectionCard';
import type { DashboardStats, OrgUnitRef } from './useDashboardStats';
import { DashboardFilters } from './DashboardFilters';
import { FigureCards } from './FigureCards';
import { AdminHome, InspectorHome } from './RoleHomes';
import { MonthlyBars } from './charts/MonthlyBars';
import { TrendChart, type TrendSeries } from './charts/TrendChart';
import { UnitBarChart } from './charts/UnitBarChart';
import { defaultPeriod } from './periodModel';
import { useDashboardStats } from './useDashboardStats';
import { ExpectedVsActualCard } from '../resources/flags/ExpectedVsActualCard';

const COLORS = { suspected: '#1976d2', checkedOnSite: '#ef6c00', confirmed: '#2e7d32', recovered: '#6a1b9a' };

/** Who is logged in, in which unit, with which roles — kept small above the statistics. */
function WelcomeStrip() {
  const identity = useJichaIdentity();
  const { version } = usePublicConfig();
  const translate = useTranslate();
  if (!identity) return null;
  return (
    <Stack direction="row" spacing={1} useFlexGap alignItems="center" flexWrap="wrap" data-testid="dashboard-user">
      <Typography variant="body2">{translate('app.dashboard.welcome', { name: identity.fullName })}</Typography>
      <Typography variant="body2" color="text.secondary">
        · {translate('app.user.orgUnit')}：{identity.orgUnitName ?? identity.orgUnit ?? translate('app.user.noOrgUnit')}
      </Typography>
      {identity.roles.length === 0 && <Typography variant="body2">{translate('app.user.noRoles')}</Typography>}
      {identity.roles.map((role) => (
        <Chip key={role} size="small" label={translate(`app.roles.${role}`)} />
      ))}
      {version && (
        <Typography variant="caption" color="text.secondary">
          {translate('app.dashboard.version', { version })}
        </Typography>
      )}
    </Stack>
  );
}

const isEmpty = (s: DashboardStats) =>
  s.figures.suspected + s.figures.checkedOnSite + s.figures.recovered.totalYuan + s.figures.overdueSteps + s.figures.openEscalations.total +
    s.figures.presenceReview.pending === 0;

/** The statistics: period and unit, figure cards, monthly trend, sub-units compared. */
export function DashboardStatsPanel({ initialPeriod = defaultPeriod() }: { initialPeriod?: { from: string; to: string } }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  // kept in react-admin's store: the choice survives a language switch and a visit to a case
  const [period, setPeriod] = useStore('dashboard.period', initialPeriod);
  const [unit, setUnit] = useStore<string | undefined>('dashboard.unit', undefined);
  const valid = period.from <= period.to;
  const stats = useDashboardStats({ ...period, unit }, valid);
  // a unit remembered from another user on this browser may lie outside this user's: start again from their own
  const refused = unit !== undefined && (stats.error as { status?: number } | null)?.status === 403;
  useEffect(() => {
    if (refused) setUnit(undefined);
  }, [refused, setUnit]);
  const unitName = (u: OrgUnitRef) => (locale.startsWith('zh') ? u.nameZh : u.nameEn);
  const series: TrendSeries[] = (['suspected', 'checkedOnSite', 'confirmed'] as const).map((key) => ({
    key,
    label: translate(`dashboard.figures.${key}`),
    color: COLORS[key],
  }));
  const data = stats.data;
  return (
    <Stack spacing={2} data-testid="dashboard-stats">
      <SectionCard title="dashboard.title">
        <DashboardFilters
          from={period.from}
          to={period.to}
          onPeriod={(from, to) => setPeriod({ from, to })}
          path={data?.path.length ? data.path : data ? [data.unit] : []}
          subUnits={data?.units ?? []}
          onUnit={setUnit}
          unitName={unitName}
        />
        {data && (
          <Typography variant="caption" color="text.secondary" display="block" sx={{ mt: 1 }} data-testid="dashboard-as-of">
            {translate('dashboard.asOf', { time: formatDateTime(data.asOf) })}
          </Typography>
        )}
      </SectionCard>
      {stats.isError && (
        <ErrorState title="dashboard.loadError" error={stats.error} onRetry={() => void stats.refetch()} />
      )}
      {!data && stats.isPending && valid && <LoadingState />}
      {data && (
        <Box sx={{ opacity: stats.isPlaceholderData ? 0.6 : 1, transition: 'opacity 0.2s' }} aria-busy={stats.isFetching}>
          <Stack spacing={2}>
            {isEmpty(data) && (
              <Alert severity="info" data-testid="dashboard-empty">
                {translate('dashboard.empty')}
              </Alert>
            )}
            <FigureCards figures={data.figures} />
            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '3fr 2fr' }, alignItems: 'start' }}>
              <SectionCard title="dashboard.trend.title">
                <TrendChart points={data.trend} series={series} ariaLabel={translate('dashboard.trend.ariaLabel')} />
              </SectionCard>
              <SectionCard title="dashboard.trend.recoveredTitle">
                <MonthlyBars
                  points={data.trend.map((t) => ({ month: t.month, value: t.recoveredYuan }))}
                  color={COLORS.recovered}
                  ariaLabel={translate('dashboard.trend.recoveredTitle')}
                />
              </SectionCard>
            </Box>
            <SectionCard title="dashboard.units.title">
              {data.units.length === 0 ? (
                <EmptyState message="dashboard.units.empty" />
              ) : (
                <UnitBarChart
                  units={data.units}
                  series={series}
                  unitName={unitName}
                  onOpen={setUnit}
                  openLabel={(name) => translate('dashboard.units.open', { name })}
                  ariaLabel={translate('dashboard.units.ariaLabel')}
                />
              )}
            </SectionCard>
            <ExpectedVsActualCard from={period.from} to={period.to} />
          </Stack>
        </Box>
      )}
    </Stack>
  );
}

/**
 * Landing page: a small welcome line, then the audit statistics for the roles that may see them; an admin gets the
 * configuration that needs them, an inspector their open cases and the way to the terminal app.
 */
export function Dashboard() {
  const translate = useTranslate();
  const { canAccess, isPending: accessPending } = useCanAccess({ resource: 'dashboard', action: 'list' });
  const { permissions, isPending: rolesPending } = usePermissions<string[]>();
  const roles = Array.isArray(permissions) ? permissions : [];
  const isPending = accessPending || rolesPending;
  return (
    <Stack spacing={2} sx={{ mt: 2, mb: 4 }}>
      <Title title="app.dashboard.title" />
      <WelcomeStrip />
      {isPending ? (
        <LoadingState />
      ) : canAccess ? (
        <DashboardStatsPanel />
      ) : roles.includes('admin') ? (
        <AdminHome />
      ) : roles.includes('inspector') ? (
        <InspectorHome />
      ) : (
        <Alert severity="info" data-testid="dashboard-not-for-role">
          {translate('dashboard.notForRole')}
        </Alert>
      )}
    </Stack>
  );
}
