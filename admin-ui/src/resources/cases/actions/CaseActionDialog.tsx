import { useState } from 'react';
import { Alert, Dialog, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { refusalText } from '../../../data/refusal';
import { PersonPicker } from '../../../ui/people/PersonPicker';
import { DIALOG_FIELDS, reassignRole, toActionRequest, type ActionFormValues, type FormDialog } from './caseActionModel';
import { StepDialogActions, useStepDialog } from './useStepDialog';

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
  const [values, setValues] = useState<ActionFormValues>({});
  const t = (k: string, o?: object) => translate(`resources.cases.actionDialog.${k}`, o);
  const step = useStepDialog({ caseId, action: t(`titles.${dialog}`), onClose, onReset: () => setValues({}) });
  const fields = DIALOG_FIELDS[dialog];
  const missing = fields.some((f) => f.required && !(values[f.name] ?? '').trim());
  const { fieldErrors } = step;
  const refusal = step.error ? refusalText(step.error, translate) : null;

  return (
    <Dialog open={open} onClose={step.close} fullWidth maxWidth="sm" fullScreen={step.fullScreen} aria-labelledby={`case-action-${dialog}`}>
      <form onSubmit={step.submit(missing ? null : toActionRequest(dialog, values))} noValidate data-testid={`case-action-form-${dialog}`}>
        <DialogTitle id={`case-action-${dialog}`}>{t(`titles.${dialog}`)}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {refusal && (
              <Alert severity="error" data-testid="case-action-error">
                <strong>{t('refused')}</strong>
                {refusal.reason && <div data-testid="case-action-reason">{refusal.reason}</div>}
                <div>{refusal.detail}</div>
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
        <StepDialogActions
          step={step}
          submitLabel={t('submit')}
          canSubmit={!missing}
          color={dialog === 'verify-reject' || dialog === 'dismiss' || dialog === 'cancel' ? 'error' : 'primary'}
        />
      </form>
    </Dialog>
  );
}
