import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import PublishIcon from '@mui/icons-material/Publish';
import { useQueryClient } from '@tanstack/react-query';
import { useCanAccess, useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { JichaDataProvider } from '../../data/dataProvider';
import { CHINA_TIME_ZONE } from '../../format/dateTime';

const R = 'resources.assessment-rule-sets';

/** Tomorrow on the China calendar, YYYY-MM-DD: the earliest effective date the API accepts. */
export function chinaTomorrow(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: CHINA_TIME_ZONE }).format(new Date(now.getTime() + 24 * 3600_000));
}

/** Publishes a draft from an effective date on (tomorrow or later); the version is frozen from then. */
export function PublishAssessmentButton({ version }: { version: string }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<JichaDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'assessment-rule-sets', action: 'publish' });
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState('');
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  if (!canAccess) return null;
  const tomorrow = chinaTomorrow();
  const publish = async () => {
    setBusy(true);
    try {
      await dataProvider.request(`/assessment-rule-sets/${encodeURIComponent(version)}/publish`, { method: 'POST', body: { effectiveFrom: date } });
      setOpen(false);
      notify(`${R}.publish.done`, { type: 'success', messageArgs: { version } });
      await queryClient.invalidateQueries({ queryKey: ['assessment-rule-sets'] });
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
      <Button variant="contained" startIcon={<PublishIcon />} onClick={() => { setDate(tomorrow); setError(null); setOpen(true); }} data-testid="publish-assessment" sx={{ minHeight: 40 }}>
        {translate(`${R}.publish.button`)}
      </Button>
      <Dialog open={open} onClose={() => !busy && setOpen(false)} fullWidth maxWidth="xs">
        <DialogTitle>{translate(`${R}.publish.title`, { version })}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate(`${R}.publish.hint`)}</DialogContentText>
          <TextField
            type="date"
            label={translate(`${R}.fields.effectiveFrom`)}
            value={date}
            onChange={(e) => setDate(e.target.value)}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: tomorrow } }}
            error={!!error?.field}
            helperText={error?.field ?? translate(`${R}.publish.effectiveHelp`, { tomorrow })}
            fullWidth
          />
          {error && !error.field && <Alert severity="error" sx={{ mt: 2 }}>{error.message}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={busy}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" onClick={() => void publish()} disabled={busy || !date}>{translate(`${R}.publish.confirm`)}</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
