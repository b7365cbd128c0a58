import { Chip, Link } from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router-dom';
import { useDataProvider, useTranslate } from 'react-admin';
import { contentRangeTotal, ok } from '../../data/api';
import type { JichaDataProvider } from '../../data/dataProvider';
import { ErrorState, LoadingState } from '../../ui/LoadStates';
import { SectionCard } from '../../ui/SectionCard';
import { RowsTable } from '../customers/RowsTable';
import { useOrgUnitNames } from '../../ui/orgUnits/useOrgUnits';

const SHOWN = 200;

/**
 * The customers the campaign selected, best score first, each with its case once started. `revision` (the run's
 * status and counts) is part of the key: a run that ends between two polls would otherwise leave its last cases
 * shown as 待派发 until the page is reloaded.
 */
export function CampaignSelections({ campaignId, refetchInterval, revision }: { campaignId: string; refetchInterval: number | false; revision: string }) {
  const translate = useTranslate();
  const unitName = useOrgUnitNames();
  const dataProvider = useDataProvider<JichaDataProvider>();
  const q = useQuery({
    queryKey: ['campaigns', 'selections', campaignId, revision],
    queryFn: async () => {
      const answer = await dataProvider.callApi('get', '/api/campaigns/{id}/selections', { params: { path: { id: campaignId }, query: { range: [0, SHOWN - 1] } } });
      const rows = ok(answer);
      return { rows, total: contentRangeTotal(answer.response) ?? 0 };
    },
    refetchInterval,
    placeholderData: keepPreviousData,
  });
  return (
    <SectionCard
      title="resources.campaigns.sections.selections"
      action={q.data && <Chip size="small" label={q.data.total > SHOWN ? translate('resources.campaigns.shownOf', { shown: SHOWN, total: q.data.total }) : q.data.total} />}
      data-testid="campaign-selections"
    >
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <LoadingState />
      ) : (
        <RowsTable
          rows={q.data.rows}
          rowKey={(s) => s.accountNo}
          empty="resources.campaigns.empty.selections"
          columns={[
            { key: 'rank', label: 'resources.campaigns.fields.rank', render: (s) => s.rank, align: 'right' },
            {
              key: 'accountNo',
              label: 'resources.customers.fields.accountNo',
              render: (s) => (
                <Link component={RouterLink} to={`/customers/${s.accountNo}/show`}>
                  {s.accountNo}
                </Link>
              ),
            },
            { key: 'customerName', label: 'resources.customers.fields.name', render: (s) => s.customerName, wrap: true },
            { key: 'stationId', label: 'resources.customers.fields.stationId', render: (s) => unitName(s.stationId) },
            { key: 'score', label: 'resources.campaigns.fields.score', render: (s) => s.score, align: 'right' },
            { key: 'reasons', label: 'resources.campaigns.fields.reasons', render: (s) => s.reasons.join(', '), wrap: true },
            {
              key: 'status',
              label: 'resources.campaigns.fields.selectionStatus',
              render: (s) => (
                <Chip
                  size="small"
                  color={s.status === 'created' ? 'success' : s.status === 'failed' ? 'error' : 'default'}
                  label={translate(`resources.campaigns.enums.selectionStatus.${s.status}`)}
                  title={s.error ?? undefined}
                />
              ),
            },
            {
              key: 'case',
              label: 'resources.campaigns.fields.case',
              render: (s) =>
                s.caseId ? (
                  <Link component={RouterLink} to={`/cases/${s.caseId}/show`}>
                    {translate('resources.campaigns.openCase')}
                  </Link>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      )}
    </SectionCard>
  );
}
