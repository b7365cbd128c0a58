import { Stack } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { ListButton, Title, TopToolbar, useDataProvider, useTranslate } from 'react-admin';
import { ok } from '../../data/api';
import type { JichaDataProvider } from '../../data/dataProvider';
import { ErrorState, LoadingState } from '../../ui/LoadStates';
import { ImportReportView } from './ImportReportView';
import { DETAIL_PAGE_SX } from '../customers/pageSx';

/** One import batch: its stored row report (GET /api/imports/:id). */
export function ImportShow() {
  const { id } = useParams<{ id: string }>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<JichaDataProvider>();
  const q = useQuery({
    queryKey: ['imports', 'report', id],
    queryFn: async () => ok(await dataProvider.callApi('get', '/api/imports/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
  return (
    <Stack spacing={1} sx={{ ...DETAIL_PAGE_SX, mt: 0 }}>
      <Title title={translate('resources.imports.report.title')} />
      <TopToolbar>
        <ListButton resource="imports" />
      </TopToolbar>
      {q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : !q.data ? <LoadingState /> : <ImportReportView report={q.data} />}
    </Stack>
  );
}
