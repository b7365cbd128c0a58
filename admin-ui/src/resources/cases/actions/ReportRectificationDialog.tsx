import { useState } from 'react';
import { Dialog, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatYuan } from '../../../format/money';
import type { CaseLive } from '../show/useCaseQueries';
import { computedTotalOf, initialReportForm, toReportBody, type ReportForm } from './rectificationModel';
import { StepRefusal } from './StepRefusal';
import { StepDialogActions, useStepDialog } from './useStepDialog';

/** 整改反馈: what was done, when the tariff changed, what was collected of the computed total and its receipt. */
export function ReportRectificationDialog({ caseId, live, open, onClose }: { caseId: string; live: CaseLive; open: boolean; onClose: () => void }) {
  const translate = useTranslate();
  const rect = live.rectification!;
  const computed = computedTotalOf(rect);
  const reclassified = rect.actions.some((a) => a.kind === 'tariff_reclassification');
  const [form, setForm] = useState<ReportForm>(() => initialReportForm(computed));
  const { body, invalid } = toReportBody(form, { computedTotalYuan: computed, reclassified });
  const t = (k: string, o?: object) => translate(`caseSteps.report.${k}`, o);
  const step = useStepDialog({ caseId, action: t('title'), onClose });
  const { fieldErrors } = step;
  const set = (k: keyof ReportForm, v: string) => setForm((f) => ({ ...f, [k]: v }));
  const shownFields: Array<keyof ReportForm> = ['summary', ...(reclassified ? (['tariffChangedOn'] as const) : []), ...(computed !== null ? (['collectedYuan', 'receiptNo'] as const) : [])];

  return (
    <Dialog open={open} onClose={step.close} fullWidth maxWidth="sm" fullScreen={step.fullScreen} aria-labelledby="case-action-rectification-report">
      <form onSubmit={step.submit(body && { action: 'rectification-report', body })} noValidate data-testid="case-action-form-rectification-report">
        <DialogTitle id="case-action-rectification-report">{t('title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {step.error ? <StepRefusal error={step.error} title={translate('resources.cases.actionDialog.refused')} /> : null}
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
        <StepDialogActions step={step} submitLabel={t('submit')} canSubmit={!!body} testId="report-submit" />
      </form>
    </Dialog>
  );
}
