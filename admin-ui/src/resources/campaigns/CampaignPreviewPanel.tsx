import { Alert, Box, Chip, LinearProgress, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { ok } from '../../data/api';
import { previewFieldProblems, useDebounced } from '../../ui/livePreview';
import type { JichaDataProvider } from '../../data/dataProvider';
import { previewable, toDefinition, type CampaignFormValues } from './campaignDefinition';

const DEBOUNCE_MS = 600;



/** The live count: how many customers the definition selects now (POST /api/campaigns/preview, nothing stored). */
export function CampaignPreviewPanel() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<JichaDataProvider>();
  const values = useWatch() as CampaignFormValues;
  const definition = useDebounced(JSON.stringify(toDefinition(values)), DEBOUNCE_MS);
  const parsed = JSON.parse(definition) as ReturnType<typeof toDefinition>;
  const ready = previewable(parsed);
  const q = useQuery({
    queryKey: ['campaigns', 'preview', definition],
    queryFn: async () => ok(await dataProvider.callApi('post', '/api/campaigns/preview', { body: parsed })),
    enabled: ready,
    retry: false,
    staleTime: 30_000,
  });
  return (
    <Box
      data-testid="campaign-preview"
      aria-live="polite"
      sx={{ p: 2, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'background.default', width: '100%' }}
    >
      <Typography variant="subtitle2" gutterBottom>
        {translate('resources.campaigns.preview.title')}
      </Typography>
      {!ready ? (
        <Typography variant="body2" color="text.secondary">
          {translate('resources.campaigns.preview.incomplete')}
        </Typography>
      ) : q.error ? (
        <Alert severity="warning">
          {q.error.message}
          {previewFieldProblems(q.error).map((m) => (
            <div key={m}>{m}</div>
          ))}
        </Alert>
      ) : !q.data ? (
        <LinearProgress />
      ) : (
        <Stack spacing={1}>
          {q.isFetching && <LinearProgress />}
          <Typography variant="h5" data-testid="preview-count">
            {translate('resources.campaigns.preview.matched', { smart_count: q.data.matched })}
          </Typography>
          <Typography variant="body2">
            {translate('resources.campaigns.preview.wouldCreate', { count: q.data.wouldCreate })}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {translate('resources.campaigns.preview.basis', { version: q.data.ruleSetVersion, month: q.data.asOfMonth, score: q.data.minScore })}
          </Typography>
          <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
            {Object.entries(q.data.byRule).map(([code, n]) => (
              <Chip key={code} size="small" variant="outlined" label={`${code}: ${n}`} />
            ))}
          </Stack>
        </Stack>
      )}
    </Box>
  );
}
