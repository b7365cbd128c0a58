import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import PublishIcon from '@mui/icons-material/Publish';
import { useQueryClient } from '@tanstack/react-query';
import { useCanAccess, useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { JichaDataProvider } from '../../data/dataProvider';
import { CHINA_TIME_ZONE } from '../../format/dateTime';
import type { RuleSetKind } from './ruleTypes';

/** Today on the China calendar, YYYY-MM-DD (what the API compares effective dates with). */
export const chinaToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: CHINA_TIME_ZONE }).format(new Date());

const RESOURCE: Record<RuleSetKind, string> = { judgement: 'judgement-rule-sets', penalty: 'penalty-rule-sets' };

/** Publishes a draft from a chosen date (today or later, China calendar); published versions never change. */
export function PublishRuleSetButton({ kind, version, proposedDate }: { kind: RuleSetKind; version: string; proposedDate?: string }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<JichaDataProvider>();
  const { canAccess } = useCanAccess({ resource: RESOURCE[kind], action: 'publish' });
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState('');
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  if (!canAccess) return null;
  const today = chinaToday();
  const start = () => {
    setDate(proposedDate && proposedDate >= today ? proposedDate : today);
    setError(null);
    setOpen(true);
  };
  const publish = async () => {
    setBusy(true);
    try {
      await dataProvider.request(`/${RESOURCE[kind]}/${encodeURIComponent(version)}/publish`, {
        method: 'POST',
        body: { effectiveFrom: date },
      });
      setOpen(false);
      notify('resources.judgement-rule-sets.publish.done', { type: 'success', messageArgs: { version } });
      await queryClient.invalidateQueries({ queryKey: [RESOURCE[kind]] });
      refresh();
    } catch (e) {
      const fields = (e as { body?: { problemErrors?: { path?: string; message?: string }[] } }).body?.problemErrors ?? [];
      setError({ message: e instanceof Error ? e.message : String(e), field: fields.find((f) => f.path === 'effectiveFrom')?.message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="contained" startIcon={<PublishIcon />} onClick={start} data-testid="publish-rule-set" sx={{ minHeight: 40 }}>
        {translate('resources.judgement-rule-sets.publish.button')}
      </Button>
      <Dialog open={open} onClose={() => !busy && setOpen(false)} fullWidth maxWidth="xs">
        <DialogTitle>{translate('resources.judgement-rule-sets.publish.title', { version })}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            {translate(kind === 'penalty' ? 'resources.penalty-rule-sets.publishHint' : 'resources.judgement-rule-sets.publish.hint')}
          </DialogContentText>
          {(
            <TextField
              type="date"
              label={translate('resources.penalty-rule-sets.fields.effectiveFrom')}
              value={date}
              onChange={(e) => setDate(e.target.value)}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: today } }}
              error={!!error?.field}
              helperText={error?.field ?? translate('resources.penalty-rule-sets.effectiveHelp', { today })}
              fullWidth
              data-testid="publish-effective-from"
            />
          )}
          {error && !error.field && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {error.message}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={busy}>
            {translate('ra.action.cancel')}
          </Button>
          <Button variant="contained" onClick={() => void publish()} disabled={busy || !date}>
            {translate('resources.judgement-rule-sets.publish.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
