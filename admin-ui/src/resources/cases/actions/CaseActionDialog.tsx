import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
  useMediaQuery,
  type Theme,
} from '@mui/material';
import { useNotify, useTranslate } from 'react-admin';
import { refusalText } from '../../../data/refusal';
import { PersonPicker } from '../../../ui/people/PersonPicker';
import { DIALOG_FIELDS, reassignRole, toActionRequest, type ActionFormValues, type FormDialog } from './caseActionModel';
import { useCaseAction } from './useCaseAction';

/** Field errors of a 400 (problem+json `errors`), as mapped by problemDetails.ts. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const body = (error as { body?: { errors?: Record<string, unknown> } } | null)?.body;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body?.errors ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}

export interface CaseActionDialogProps {
  caseId: string;
  dialog: FormDialog;
  open: boolean;
  onClose: () => void;
  /** Where the case stands: whom the person fields offer (the customer's station; the stage's holder role). */
  live?: { stage: string; customer: { stationId: string } | null };
}

/**
 * One step as a small form. Sent as a workflow Update; when the workflow refuses, the refusal's code in the user's
 * words and its validator's reason (the problem's `detail`) verbatim are shown here, and the dialog stays open.
 */
export function CaseActionDialog({ caseId, dialog, open, onClose, live }: CaseActionDialogProps) {
  const translate = useTranslate();
  const notify = useNotify();
  const fullScreen = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const [values, setValues] = useState<ActionFormValues>({});
  const mutation = useCaseAction(caseId);
  const fields = DIALOG_FIELDS[dialog];
  const missing = fields.some((f) => f.required && !(values[f.name] ?? '').trim());
  const fieldErrors = mutation.isError ? fieldErrorsOf(mutation.error) : {};
  const refusal = mutation.isError ? refusalText(mutation.error, translate) : null;
  const t = (k: string, o?: object) => translate(`resources.cases.actionDialog.${k}`, o);

  const close = () => {
    if (mutation.isPending) return;
    setValues({});
    mutation.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (missing || mutation.isPending) return;
    mutation.mutate(toActionRequest(dialog, values), {
      onSuccess: () => {
        notify('resources.cases.actionDialog.done', {
          type: 'success',
          messageArgs: { action: translate(`resources.cases.actionDialog.titles.${dialog}`) },
        });
        setValues({});
        mutation.reset();
        onClose();
      },
    });
  };

  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" fullScreen={fullScreen} aria-labelledby={`case-action-${dialog}`}>
      <form onSubmit={submit} noValidate data-testid={`case-action-form-${dialog}`}>
        <DialogTitle id={`case-action-${dialog}`}>{t(`titles.${dialog}`)}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {mutation.isError && (
              <Alert severity="error" data-testid="case-action-error">
                <strong>{t('refused')}</strong>
                {refusal?.reason && <div data-testid="case-action-reason">{refusal.reason}</div>}
                <div>{refusal?.detail}</div>
              </Alert>
            )}
            {fields.map((f, i) => f.person ? (
              <PersonPicker
                key={f.name}
                name={f.name}
                data-testid={`person-picker-${f.name}`}
                label={t(`fields.${f.name}`)}
                helperText={fieldErrors[f.name] ?? t(`helpers.${dialog}.${f.name}`, { _: '' })}
                error={!!fieldErrors[f.name]}
                required={f.required}
                autoFocus={i === 0}
                filter={{
                  role: f.person === 'inspector' ? 'inspector' : reassignRole(live?.stage ?? ''),
                  ...(live?.customer ? { station: live.customer.stationId } : {}),
                }}
                value={values[f.name] || null}
                onChange={(u) => setValues((v) => ({ ...v, [f.name]: u ?? '' }))}
              />
            ) : (
              <TextField
                key={f.name}
                name={f.name}
                label={t(`fields.${f.name}`)}
                helperText={fieldErrors[f.name] ?? t(`helpers.${dialog}.${f.name}`, { _: '' })}
                error={!!fieldErrors[f.name]}
                required={f.required}
                autoFocus={i === 0}
                multiline={f.multiline}
                minRows={f.multiline ? 3 : undefined}
                fullWidth
                value={values[f.name] ?? ''}
                onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
                slotProps={{
                  htmlInput: f.numeric
                    ? { inputMode: 'numeric', pattern: '[0-9]*', maxLength: 2 }
                    : { maxLength: f.multiline ? 2000 : 100 },
                }}
              />
            ))}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close} disabled={mutation.isPending}>
            {translate('ra.action.cancel')}
          </Button>
          <Button
            type="submit"
            variant="contained"
            color={dialog === 'verify-reject' || dialog === 'dismiss' || dialog === 'cancel' ? 'error' : 'primary'}
            disabled={missing || mutation.isPending}
          >
            {t('submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
