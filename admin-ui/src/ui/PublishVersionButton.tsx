import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import PublishIcon from '@mui/icons-material/Publish';
import { useQueryClient } from '@tanstack/react-query';
import { useCanAccess, useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { ok } from '../data/api';
import type { JichaDataProvider } from '../data/dataProvider';
import { CHINA_TIME_ZONE } from '../format/dateTime';

/** A China-calendar date, YYYY-MM-DD, `days` after today (what the API compares effective dates with). */
export function chinaDateIn(days: number, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: CHINA_TIME_ZONE }).format(new Date(now.getTime() + days * 24 * 3600_000));
}

/** The earliest effective date the API accepts for every kind of rule set: today, China calendar (services/ruleSets/effectiveDate.ts). */
export const earliestEffectiveDate = (now = new Date()) => chinaDateIn(0, now);

/** Translation keys of one kind of versioned rule set's publish dialog. */
export interface PublishTexts {
  button: string;
  title: string;
  hint: string;
  dateLabel: string;
  /** Gets `{ earliest }`. */
  dateHelp: string;
  confirm: string;
  done: string;
}

/** The versioned rule sets: POST /api/<resource>/<version>/publish { effectiveFrom }. */
export type PublishableResource = 'judgement-rule-sets' | 'penalty-rule-sets' | 'assessment-rule-sets' | 'case-policies';

function sendPublish(dataProvider: JichaDataProvider, resource: PublishableResource, version: string, effectiveFrom: string) {
  const init = { params: { path: { version } }, body: { effectiveFrom } };
  switch (resource) {
    case 'judgement-rule-sets':
      return dataProvider.callApi('post', '/api/judgement-rule-sets/{version}/publish', init);
    case 'penalty-rule-sets':
      return dataProvider.callApi('post', '/api/penalty-rule-sets/{version}/publish', init);
    case 'assessment-rule-sets':
      return dataProvider.callApi('post', '/api/assessment-rule-sets/{version}/publish', init);
    case 'case-policies':
      return dataProvider.callApi('post', '/api/case-policies/{version}/publish', init);
  }
}

export interface PublishVersionButtonProps {
  resource: PublishableResource;
  version: string;
  /** The earliest effective date offered; default: the API's, today. */
  earliest?: string;
  proposedDate?: string;
  texts: PublishTexts;
}

/**
 * Publishes a draft of a versioned rule set from a chosen effective date; the version is frozen from then. The
 * server's refusal of the date shows under the date input, any other refusal above the buttons.
 */
export function PublishVersionButton({ resource, version, earliest = earliestEffectiveDate(), proposedDate, texts }: PublishVersionButtonProps) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<JichaDataProvider>();
  const { canAccess } = useCanAccess({ resource, action: 'publish' });
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState('');
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  if (!canAccess) return null;
  const start = () => {
    setDate(proposedDate && proposedDate >= earliest ? proposedDate : earliest);
    setError(null);
    setOpen(true);
  };
  const publish = async () => {
    setBusy(true);
    try {
      ok(await sendPublish(dataProvider, resource, version, date));
      setOpen(false);
      notify(texts.done, { type: 'success', messageArgs: { version } });
      await queryClient.invalidateQueries({ queryKey: [resource] });
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
      <Button variant="contained" startIcon={<PublishIcon />} onClick={start} data-testid="publish-version" sx={{ minHeight: 40 }}>
        {translate(texts.button)}
      </Button>
      <Dialog open={open} onClose={() => !busy && setOpen(false)} fullWidth maxWidth="xs">
        <DialogTitle>{translate(texts.title, { version })}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate(texts.hint)}</DialogContentText>
          <TextField
            type="date"
            label={translate(texts.dateLabel)}
            value={date}
            onChange={(e) => setDate(e.target.value)}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: earliest } }}
            error={!!error?.field}
            helperText={error?.field ?? translate(texts.dateHelp, { earliest })}
            fullWidth
            data-testid="publish-effective-from"
          />
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
            {translate(texts.confirm)}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
