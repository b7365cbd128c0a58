import { Box, Chip, LinearProgress, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { progressOf } from './campaignProgressModel';
import type { CampaignRecord } from './campaignProgressModel';

/** The run of a campaign: a bar of cases started out of customers selected, with the counts. */
export function CampaignProgressBar({ record, compact = false }: { record: Pick<CampaignRecord, 'status' | 'selected' | 'created' | 'failed' | 'progress'>; compact?: boolean }) {
  const translate = useTranslate();
  const p = progressOf(record);
  return (
    <Box data-testid="campaign-progress" sx={{ minWidth: compact ? 120 : undefined }}>
      <Stack direction="row" spacing={1} alignItems="center">
        <Box sx={{ flexGrow: 1 }}>
          <LinearProgress
            variant={p.percent === null ? 'indeterminate' : 'determinate'}
            value={p.percent ?? undefined}
            color={p.failed > 0 ? 'warning' : p.phase === 'completed' ? 'success' : 'primary'}
            sx={{ height: compact ? 6 : 10, borderRadius: 5 }}
            aria-label={translate('resources.campaigns.progress.label')}
          />
        </Box>
        <Typography variant="body2" sx={{ minWidth: '3.5em', textAlign: 'right' }} data-testid="campaign-percent">
          {p.percent === null ? '…' : `${p.percent}%`}
        </Typography>
      </Stack>
      {!compact && (
        <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap sx={{ mt: 1 }} alignItems="center">
          <Chip size="small" label={translate(`resources.campaigns.progress.phase.${p.phase}`)} color={p.phase === 'completed' ? 'success' : 'default'} />
          {p.paused && <Chip size="small" color="warning" label={translate('resources.campaigns.progress.paused')} data-testid="campaign-paused" />}
          <Typography variant="body2" data-testid="campaign-counts">
            {p.selected === null
              ? translate('resources.campaigns.progress.selecting')
              : translate('resources.campaigns.progress.counts', { created: p.created, failed: p.failed, pending: p.pending ?? 0, selected: p.selected })}
          </Typography>
        </Stack>
      )}
    </Box>
  );
}
