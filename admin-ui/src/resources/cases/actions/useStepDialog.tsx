import type { FormEvent } from 'react';
import { Button, DialogActions, useMediaQuery, type ButtonProps, type Theme } from '@mui/material';
import { useNotify, useTranslate } from 'react-admin';
import { fieldErrorsOf } from '../../content/useRecordAction';
import type { ActionRequest } from './caseActionModel';
import { useCaseAction } from './useCaseAction';

export interface StepDialogOptions {
  caseId: string;
  /** The step's name in the user's words, for the notice after it was taken. */
  action: string;
  onClose: () => void;
  /** Clears the dialog's form: on close and after the step was taken. */
  onReset?: () => void;
}

export type StepDialog = ReturnType<typeof useStepDialog>;

/**
 * What every case-step dialog does around its form: sends the step (a workflow Update), keeps the dialog open with
 * the refusal when the workflow refuses, ignores closing while the step is on its way, and on success says so,
 * clears the form and the refusal, and closes.
 */
export function useStepDialog({ caseId, action, onClose, onReset }: StepDialogOptions) {
  const notify = useNotify();
  const fullScreen = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const mutation = useCaseAction(caseId);
  const pending = mutation.isPending;
  const error: unknown = mutation.isError ? mutation.error : null;

  const finish = () => {
    onReset?.();
    mutation.reset();
    onClose();
  };
  const close = () => {
    if (!pending) finish();
  };
  /** The form's submit handler sending `request`; null while the form is not ready to send. */
  const submit = (request: ActionRequest | null) => (event: FormEvent) => {
    event.preventDefault();
    if (!request || pending) return;
    mutation.mutate(request, {
      onSuccess: () => {
        notify('resources.cases.actionDialog.done', { type: 'success', messageArgs: { action } });
        finish();
      },
    });
  };

  return { fullScreen, pending, error, fieldErrors: error ? fieldErrorsOf(error) : {}, close, submit };
}

/** Cancel (off while sending) and the step's submit button (off while sending or until the form is ready). */
export function StepDialogActions({ step, submitLabel, canSubmit, color, testId }: {
  step: StepDialog;
  submitLabel: string;
  canSubmit: boolean;
  color?: ButtonProps['color'];
  testId?: string;
}) {
  const translate = useTranslate();
  return (
    <DialogActions>
      <Button onClick={step.close} disabled={step.pending}>
        {translate('ra.action.cancel')}
      </Button>
      <Button type="submit" variant="contained" color={color} disabled={!canSubmit || step.pending} data-testid={testId}>
        {submitLabel}
      </Button>
    </DialogActions>
  );
}
