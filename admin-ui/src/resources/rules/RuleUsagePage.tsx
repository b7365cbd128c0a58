import { useState } from 'react';
import { Chip, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Title, useDataProvider, useTranslate } from 'react-admin';
import { ok, type ApiItem } from '../../data/api';
import type { JichaDataProvider } from '../../data/dataProvider';
import { ErrorState, LoadingState } from '../../ui/LoadStates';
import { SectionCard } from '../../ui/SectionCard';
import { RowsTable } from '../customers/RowsTable';
import { RuleVersionCases } from './RuleVersionCases';
import { DETAIL_PAGE_SX } from '../customers/pageSx';

type Usage = ApiItem<'/api/rule-versions/usage'>;

/** The campaigns based on a judgement version: their cases are counted in the version's, listed here as detail. */
function CampaignsUnder({ usage }: { usage: Usage }) {
  const translate = useTranslate();
  if (!usage.campaigns.length) return null;
  return (
    <Stack component="ul" sx={{ m: 0, pl: 2 }} data-testid={`campaigns-under-${usage.version}`}>
      {usage.campaigns.map((c) => (
        <Typography key={c.id} component="li" variant="caption" color="text.secondary">
          {translate('resources.rule-versions.campaignCases', { name: c.name ?? c.id, cases: c.cases })}
        </Typography>
      ))}
    </Stack>
  );
}

/** 规则版本使用情况: how many cases each judgement and penalty version decided, and which. */
export function RuleUsagePage() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<JichaDataProvider>();
  const [selected, setSelected] = useState<Usage | null>(null);
  const q = useQuery({
    queryKey: ['rule-versions', 'usage'],
    queryFn: async () => {
      return ok(await dataProvider.callApi('get', '/api/rule-versions/usage'));
    },
  });
  return (
    <Stack spacing={2} sx={DETAIL_PAGE_SX}>
      <Title title={translate('resources.rule-versions.name', { smart_count: 2 })} />
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <LoadingState />
      ) : (
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} alignItems="stretch">
          {(['judgement', 'penalty'] as const).map((kind) => (
            <SectionCard key={kind} title={`resources.rule-versions.kinds.${kind}`} data-testid={`rule-usage-${kind}`}>
              <RowsTable
                rows={q.data.filter((u) => u.kind === kind)}
                rowKey={(u) => u.id}
                empty="resources.rule-versions.noUsage"
                onRowClick={setSelected}
                columns={[
                  {
                    key: 'version',
                    label: 'resources.rule-versions.fields.version',
                    render: (u) => (
                      <>
                        {selected?.id === u.id ? <Chip size="small" color="primary" label={u.version} /> : u.version}
                        <CampaignsUnder usage={u} />
                      </>
                    ),
                  },
                  { key: 'cases', label: 'resources.rule-versions.fields.cases', render: (u) => u.cases, align: 'right' },
                ]}
              />
            </SectionCard>
          ))}
        </Stack>
      )}
      {selected && (
        <SectionCard title={translate('resources.rule-versions.casesOf', { version: selected.version })}>
          <RuleVersionCases kind={selected.kind} version={selected.version} />
        </SectionCard>
      )}
    </Stack>
  );
}
