import { useState } from 'react';
import { Alert, Button, LinearProgress, Stack, Typography } from '@mui/material';
import PlayIcon from '@mui/icons-material/PlayArrow';
import PauseIcon from '@mui/icons-material/Pause';
import { Confirm, useCanAccess, useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { useQueryClient } from '@tanstack/react-query';
import { ok } from '../../data/api';
import type { JichaDataProvider } from '../../data/dataProvider';
import { progressOf, type CampaignRecord } from './campaignProgressModel';
import { draftPreviewKey, launchConfirmation, useDraftPreview } from './draftPreview';

type Control = 'run' | 'pause' | 'resume';

/** Which control a campaign offers now: run a draft, pause a run, resume a paused one; none once completed. */
export function availableControl(c: CampaignRecord): Control | null {
  const p = progressOf(c);
  if (c.status === 'draft') return 'run';
  if (p.phase === 'completed') return null;
  return p.paused ? 'resume' : 'pause';
}

/**
 * Run / pause / resume for managers; the workflow's refusal (e.g. already completed) is shown as it comes. 启动 asks
 * first, with the draft's fresh preview: how many cases open now, how many selected customers are skipped.
 */
export function CampaignActions({ record }: { record: CampaignRecord }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<JichaDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'campaigns', action: 'run' });
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const control = availableControl(record);
  const preview = useDraftPreview(record.id, confirming);
  if (!canAccess || !control) return null;
  const send = async () => {
    setBusy(true);
    setConfirming(false);
    try {
      const id = { params: { path: { id: record.id } } };
      ok(
        control === 'run'
          ? await dataProvider.callApi('post', '/api/campaigns/{id}/run', id)
          : control === 'pause'
            ? await dataProvider.callApi('post', '/api/campaigns/{id}/pause', id)
            : await dataProvider.callApi('post', '/api/campaigns/{id}/resume', id),
      );
      notify(`resources.campaigns.actions.${control}Done`, { type: 'success' });
      queryClient.removeQueries({ queryKey: draftPreviewKey(record.id) });
      await queryClient.invalidateQueries({ queryKey: ['campaigns'] });
      refresh();
    } catch (e) {
      notify(e instanceof Error ? e.message : String(e), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack direction="row" spacing={1}>
      <Button
        variant="contained"
        color={control === 'pause' ? 'warning' : 'primary'}
        startIcon={control === 'pause' ? <PauseIcon /> : <PlayIcon />}
        disabled={busy}
        onClick={() => (control === 'run' ? setConfirming(true) : void send())}
        data-testid={`campaign-${control}`}
        sx={{ minHeight: 40 }}
      >
        {translate(`resources.campaigns.actions.${control}`)}
      </Button>
      <Confirm
        isOpen={confirming}
        title="resources.campaigns.launch.title"
        translateOptions={{ name: record.name }}
        content={
          <div data-testid="campaign-launch-confirmation">
            {preview.isPending ? (
              <LinearProgress />
            ) : (
              <>
                {preview.error && <Alert severity="warning" sx={{ mb: 1 }}>{preview.error.message}</Alert>}
                {launchConfirmation(preview.data, translate).map((line) => (
                  <Typography key={line} variant="body2" sx={{ mb: 0.5 }}>
                    {line}
                  </Typography>
                ))}
              </>
            )}
          </div>
        }
        confirm="resources.campaigns.launch.confirm"
        loading={busy || preview.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={() => void send()}
      />
    </Stack>
  );
}
