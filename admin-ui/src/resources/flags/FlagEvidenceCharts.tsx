import { Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useTranslate } from 'react-admin';
import { ok } from '../../data/api';
import type { JichaDataProvider } from '../../data/dataProvider';
import { FlagBarChart } from './FlagBarChart';
import { chartModel, flagPlan, type FlagSubject } from './flagChartModel';

/** The evidence of some months of a customer (cached per account, last month and span: a flag's charts share one read). */
export function useFlagEvidence(accountNo: string, through: string | undefined, months: number | undefined) {
  const dataProvider = useDataProvider<JichaDataProvider>();
  return useQuery({
    queryKey: ['customers', 'flag-evidence', accountNo, through ?? '', months ?? 0],
    queryFn: async () => ok(await dataProvider.callApi('get', '/api/customers/{accountNo}/flag-evidence', { params: { path: { accountNo }, query: { through, months } } })),
    enabled: !!through && !!months,
    retry: false,
    staleTime: 5 * 60_000,
  });
}

/**
 * A flag's small charts: the customer's months against the peer median (the months compared highlighted), the area's
 * loss against its norm, the days against the contract capacity. Nothing to draw, or the data unavailable: a line of
 * text says so and the reason's words stand on their own.
 */
export function FlagEvidenceCharts({ accountNo, reason, judgedMonth }: { accountNo: string; reason: FlagSubject; judgedMonth: string | null }) {
  const translate = useTranslate();
  const plan = flagPlan(reason, judgedMonth);
  const q = useFlagEvidence(accountNo, plan?.through, plan?.months);
  if (!plan) return null;
  if (q.isPending) return <Typography variant="caption" color="text.secondary">{translate('flags.chart.loading')}</Typography>;
  const models = q.data ? plan.charts.map((c) => chartModel(c, q.data, translate)).filter((m) => m !== null) : [];
  if (!models.length) {
    return <Typography variant="caption" color="text.secondary" data-testid="flag-chart-unavailable">{translate('flags.chart.unavailable')}</Typography>;
  }
  return (
    <Stack spacing={1} data-testid="flag-charts" sx={{ maxWidth: 560 }}>
      {models.map((m) => <FlagBarChart key={m.testId} model={m} />)}
    </Stack>
  );
}
