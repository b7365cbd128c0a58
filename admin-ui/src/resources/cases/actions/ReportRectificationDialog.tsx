import { useState, type FormEvent } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography, useMediaQuery, type Theme } from '@mui/material';
import { useNotify, useTranslate } from 'react-admin';
import { formatYuan } from '../../../format/money';
import type { CaseLive } from '../show/useCaseQueries';
import { fieldErrorsOf } from './CaseActionDialog';
import { computedTotalOf, initialReportForm, toReportBody, type ReportForm } from './rectificationModel';
import { StepRefusal } from './StepRefusal';
import { useCaseAction } from './useCaseAction';

/** 整改反馈: what was done, when the tariff changed, what was collected of the computed total and its receipt. */
export function ReportRectificationDialog({ caseId, live, open, onClose }: { caseId: string; live: CaseLive; open: boolean; onClose: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const fullScreen = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const rect = live.rectification!;
  const computed = computedTotalOf(rect);
  const reclassified = rect.actions.some((a) => a.kind === 'tariff_reclassification');
  const [form, setForm] = useState<ReportForm>(() => initialReportForm(computed));
  const mutation = useCaseAction(caseId);
  const { body, invalid } = toReportBody(form, { computedTotalYuan: computed, reclassified });
  const fieldErrors = mutation.isError ? fieldErrorsOf(mutation.error) : {};
  const t = (k: string, o?: object) => translate(`caseSteps.report.${k}`, o);
  const set = (k: keyof ReportForm, v: string) => setForm((f) => ({ ...f, [k]: v }));
  const shownFields: Array<keyof ReportForm> = ['summary', ...(reclassified ? (['tariffChangedOn'] as const) : []), ...(computed !== null ? (['collectedYuan', 'receiptNo'] as const) : [])];

  const close = () => {
    if (mutation.isPending) return;
    mutation.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body || mutation.isPending) return;
    mutation.mutate(
      { action: 'rectification-report', body },
      {
        onSuccess: () => {
          notify('resources.cases.actionDialog.done', { type: 'success', messageArgs: { action: t('title') } });
          mutation.reset();
          onClose();
        },
      },
    );
  };

  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" fullScreen={fullScreen} aria-labelledby="case-action-rectification-report">
      <form onSubmit={submit} noValidate data-testid="case-action-form-rectification-report">
        <DialogTitle id="case-action-rectification-report">{t('title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {mutation.isError && <StepRefusal error={mutation.error} title={translate('resources.cases.actionDialog.refused')} />}
            {computed !== null && (
              <Typography variant="h6" data-testid="report-computed-total">
                {t('computedTotal', { total: formatYuan(computed) })}
              </Typography>
            )}
            {shownFields.map((name, i) => (
              <TextField
                key={name}
                name={name}
                type={name === 'tariffChangedOn' ? 'date' : 'text'}
                label={t(`fields.${name}`)}
                required={name !== 'receiptNo'}
                autoFocus={i === 0}
                multiline={name === 'summary'}
                minRows={name === 'summary' ? 3 : undefined}
                value={form[name]}
                onChange={(e) => set(name, e.target.value)}
                error={!!fieldErrors[name] || (invalid.includes(name) && form[name] !== '' && name !== 'summary')}
                helperText={fieldErrors[name] ?? t(`helpers.${name}`, { _: '' })}
                slotProps={{
                  inputLabel: name === 'tariffChangedOn' ? { shrink: true } : undefined,
                  htmlInput: { 'data-testid': `report-${name}`, maxLength: name === 'summary' ? 2000 : 64, ...(name === 'collectedYuan' ? { inputMode: 'decimal' } : {}) },
                }}
              />
            ))}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close} disabled={mutation.isPending}>
            {translate('ra.action.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={!body || mutation.isPending} data-testid="report-submit">
            {t('submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
