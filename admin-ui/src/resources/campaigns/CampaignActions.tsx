import { useState } from 'react';
import { Button, Stack } from '@mui/material';
import PlayIcon from '@mui/icons-material/PlayArrow';
import PauseIcon from '@mui/icons-material/Pause';
import { useCanAccess, useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { useQueryClient } from '@tanstack/react-query';
import { ok } from '../../data/api';
import type { JichaDataProvider } from '../../data/dataProvider';
import { progressOf, type CampaignRecord } from './campaignProgressModel';

type Control = 'run' | 'pause' | 'resume';

/** Which control a campaign offers now: run a draft, pause a run, resume a paused one; none once completed. */
export function availableControl(c: CampaignRecord): Control | null {
  const p = progressOf(c);
  if (c.status === 'draft') return 'run';
  if (p.phase === 'completed') return null;
  return p.paused ? 'resume' : 'pause';
}

/** Run / pause / resume for managers; the workflow's refusal (e.g. already completed) is shown as it comes. */
export function CampaignActions({ record }: { record: CampaignRecord }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<JichaDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'campaigns', action: 'run' });
  const [busy, setBusy] = useState(false);
  const control = availableControl(record);
  if (!canAccess || !control) return null;
  const send = async () => {
    setBusy(true);
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
        onClick={() => void send()}
        data-testid={`campaign-${control}`}
        sx={{ minHeight: 40 }}
      >
        {translate(`resources.campaigns.actions.${control}`)}
      </Button>
    </Stack>
  );
}
