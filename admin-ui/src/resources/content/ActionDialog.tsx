import type { FormEvent, ReactNode } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, useMediaQuery, type Theme } from '@mui/material';
import { useTranslate } from 'react-admin';
import { errorMessage } from './useRecordAction';

export interface ActionDialogProps {
  /** Translated title (also names the dialog for screen readers). */
  title: string;
  /** data-testid of the form; its error alert gets `${testId}-error`. */
  testId: string;
  /** The request's failure, shown verbatim above the fields (the server's `detail`). */
  error: unknown;
  /** Translation key of the heading of the failure. */
  refusedLabel: string;
  submitLabel: string;
  pending: boolean;
  canSubmit: boolean;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}

/**
 * The frame of the content pages' small forms (a reply, an answer, a binding): full screen on a
 * phone, the server's refusal on top, cancel and submit below. Closing is ignored while sending.
 */
export function ActionDialog({ title, testId, error, refusedLabel, submitLabel, pending, canSubmit, onSubmit, onClose, children }: ActionDialogProps) {
  const translate = useTranslate();
  const fullScreen = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const close = () => !pending && onClose();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (canSubmit && !pending) onSubmit();
  };
  return (
    <Dialog open onClose={close} fullWidth maxWidth="sm" fullScreen={fullScreen} aria-labelledby={`${testId}-title`}>
      <form onSubmit={submit} noValidate data-testid={testId}>
        <DialogTitle id={`${testId}-title`}>{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {error ? (
              <Alert severity="error" data-testid={`${testId}-error`}>
                <strong>{translate(refusedLabel)}</strong>
                <div>{errorMessage(error)}</div>
              </Alert>
            ) : null}
            {children}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close} disabled={pending}>
            {translate('ra.action.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={!canSubmit || pending}>
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
