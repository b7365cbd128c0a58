import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Stack, Typography } from '@mui/material';
import { useDataProvider, useNotify, useTranslate } from 'react-admin';
import { contentRangeTotal, ok } from '../../data/api';
import type { JichaDataProvider } from '../../data/dataProvider';
import { formatDateTime } from '../../format/dateTime';
import { ErrorState, LoadingState } from '../../ui/LoadStates';
import { SectionCard } from '../../ui/SectionCard';

const RUNS_KEY = ['judgement-runs', 'latest'] as const;

/** The admin's home: the latest stored daily judgement runs, and 立即运行 (the daily run, now). */
export function JudgementRunCard() {
  const translate = useTranslate();
  const notify = useNotify();
  const client = useQueryClient();
  const dataProvider = useDataProvider<JichaDataProvider>();
  const runs = useQuery({
    queryKey: RUNS_KEY,
    queryFn: async () => {
      const answer = await dataProvider.callApi('get', '/api/judgement-runs', { params: { query: { range: [0, 2] } } });
      return { rows: ok(answer), total: contentRangeTotal(answer.response) };
    },
    retry: false,
  });
  const run = useMutation({
    mutationFn: async () => ok(await dataProvider.callApi('post', '/api/judgement-runs', { body: {} })),
    onSuccess: () => {
      notify('flags.runs.started', { type: 'info' });
      void client.invalidateQueries({ queryKey: RUNS_KEY });
    },
    onError: (e: Error) => notify(e.message, { type: 'error' }),
  });
  return (
    <SectionCard
      title="flags.runs.title"
      action={<Button size="small" variant="outlined" onClick={() => run.mutate()} disabled={run.isPending} data-testid="run-judgement-now">{translate('flags.runs.runNow')}</Button>}
      data-testid="home-judgement-runs"
    >
      {runs.error ? (
        <ErrorState error={runs.error} onRetry={() => void runs.refetch()} />
      ) : !runs.data ? (
        <LoadingState />
      ) : runs.data.rows.length === 0 ? (
        <Typography variant="body2" color="text.secondary">{translate('flags.runs.none')}</Typography>
      ) : (
        <Stack spacing={0.5}>
          {runs.data.rows.map((r) => (
            <Typography key={r.id} variant="body2" data-testid="judgement-run-line">
              {translate('flags.runs.line', {
                version: r.ruleSetVersion, month: r.asOfMonth, status: translate(`flags.runs.status.${r.status}`),
                flagged: r.flagged ?? '—', customers: r.customers ?? '—', at: formatDateTime(r.completedAt ?? r.startedAt),
              })}
            </Typography>
          ))}
        </Stack>
      )}
    </SectionCard>
  );
}
