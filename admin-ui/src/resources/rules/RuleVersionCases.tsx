import { Link } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router-dom';
import { useDataProvider, useTranslate } from 'react-admin';
import { contentRangeTotal, ok, type ApiQuery } from '../../data/api';
import type { JichaDataProvider } from '../../data/dataProvider';
import { formatDateTime } from '../../format/dateTime';
import { ErrorState, LoadingState } from '../../ui/LoadStates';
import { enumLabel } from '../cases/caseEnums';
import { RowsTable } from '../customers/RowsTable';

/** Judgement or penalty: the two kinds of rule set a case records the version of. */
export type RuleSetKind = NonNullable<NonNullable<ApiQuery<'/api/rule-versions/cases'>['filter']>['kind']>;

const SHOWN = 100;

/** The cases (inside the caller's org unit) that used one rule-set version, newest first. */
export function RuleVersionCases({ kind, version }: { kind: RuleSetKind; version: string }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<JichaDataProvider>();
  const q = useQuery({
    queryKey: ['rule-versions', 'cases', kind, version],
    queryFn: async () => {
      const answer = await dataProvider.callApi('get', '/api/rule-versions/cases', { params: { query: { filter: { kind, version }, range: [0, SHOWN - 1] } } });
      return { rows: ok(answer), total: contentRangeTotal(answer.response) ?? 0 };
    },
  });
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <LoadingState />;
  return (
    <div data-testid={`rule-version-cases-${kind}`}>
      {q.data.total > SHOWN && translate('resources.rule-versions.shownOf', { shown: SHOWN, total: q.data.total })}
      <RowsTable
        rows={q.data.rows}
        rowKey={(r) => r.id}
        empty="resources.rule-versions.noCases"
        columns={[
          {
            key: 'caseNo',
            label: 'resources.cases.fields.caseNo',
            render: (r) => (
              <Link component={RouterLink} to={`/cases/${r.id}/show`}>
                {r.caseNo}
              </Link>
            ),
          },
          { key: 'customer', label: 'resources.cases.fields.customerName', render: (r) => `${r.customerName} (${r.customerAccountNo})`, wrap: true },
          { key: 'stage', label: 'resources.cases.fields.stage', render: (r) => translate(enumLabel('stage', r.stage), { _: r.stage }) },
          { key: 'judgement', label: 'resources.customers.fields.judgementRuleSetVersion', render: (r) => r.judgementCampaign ? translate('resources.rule-versions.viaCampaign', { version: r.judgementRuleSetVersion ?? '—', name: r.judgementCampaign.name ?? r.judgementCampaign.id }) : r.judgementRuleSetVersion ?? '—' },
          { key: 'penalty', label: 'resources.customers.fields.penaltyRuleSetVersions', render: (r) => r.penaltyRuleSetVersions.join(', ') || '—' },
          { key: 'createdAt', label: 'resources.cases.fields.createdAt', render: (r) => formatDateTime(r.createdAt) },
        ]}
      />
    </div>
  );
}
