import { Alert, Box, Button, Chip, LinearProgress, Stack, Typography } from '@mui/material';
import RefreshIcon from '@mui/icons-material/Refresh';
import { useTranslate } from 'react-admin';
import { formatDateTime } from '../../format/dateTime';
import { useDraftPreview } from './draftPreview';

/** A saved draft's count, recomputed on opening: matches, cases 启动 would open, customers skipped for an open case. */
export function CampaignDraftPreview({ campaignId, ruleName }: { campaignId: string; ruleName: (code: string) => string }) {
  const translate = useTranslate();
  const q = useDraftPreview(campaignId);
  return (
    <Box data-testid="campaign-draft-preview" aria-live="polite" sx={{ p: 2, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'background.default' }}>
      <Stack direction="row" alignItems="center" justifyContent="space-between" sx={{ mb: 1 }}>
        <Typography variant="subtitle2">{translate('resources.campaigns.draft.title')}</Typography>
        <Button size="small" startIcon={<RefreshIcon />} onClick={() => void q.refetch()} disabled={q.isFetching}>
          {translate('resources.campaigns.draft.refresh')}
        </Button>
      </Stack>
      {q.error ? (
        <Alert severity="warning">{q.error.message}</Alert>
      ) : !q.data ? (
        <LinearProgress />
      ) : (
        <Stack spacing={1}>
          {q.isFetching && <LinearProgress />}
          <Typography variant="h5" data-testid="draft-preview-count">
            {translate('resources.campaigns.preview.matched', { smart_count: q.data.matched })}
          </Typography>
          <Typography variant="body2" data-testid="draft-preview-opens">
            {translate('resources.campaigns.draft.opens', { smart_count: q.data.wouldOpen, skipped: q.data.skipped })}
          </Typography>
          <Typography variant="caption" color="text.secondary" data-testid="draft-preview-basis">
            {translate('resources.campaigns.draft.basis', { version: q.data.ruleSetVersion, month: q.data.asOfMonth, score: q.data.minScore, time: formatDateTime(q.data.computedAt) })}
          </Typography>
          <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
            {Object.entries(q.data.byRule).map(([code, n]) => (
              <Chip key={code} size="small" variant="outlined" label={`${ruleName(code)}: ${n}`} />
            ))}
          </Stack>
        </Stack>
      )}
    </Box>
  );
}
