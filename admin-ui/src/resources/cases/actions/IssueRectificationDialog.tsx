import { useEffect, useState } from 'react';
import {
  Alert,
  Box,
  Checkbox,
  Dialog,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useLocaleState, useTranslate } from 'react-admin';
import { bilingualPart } from '../../../format/bilingual';
import { ok } from '../../../data/api';
import type { JichaDataProvider } from '../../../data/dataProvider';
import { formatDateTime } from '../../../format/dateTime';
import { formatYuan } from '../../../format/money';
import { PersonPicker } from '../../../ui/people/PersonPicker';
import { PenaltyComputations } from '../show/RectificationPanel';
import type { CaseLive } from '../show/useCaseQueries';
import { hasMoney, initialIssueForm, ORDER_PROBLEMS, PROBLEM_FIELDS, toIssueBody, type IssueBody, type IssueForm } from './rectificationModel';
import { StepRefusal } from './StepRefusal';
import { StepDialogActions, useStepDialog } from './useStepDialog';

/** Typing settles before the calculator is asked again. */
const PREVIEW_DELAY_MS = 400;

function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/** The amounts the order would come to (POST /api/cases/:id/rectification-preview), for exactly this body. */
function usePreview(caseId: string, body: IssueBody | null) {
  const dataProvider = useDataProvider<JichaDataProvider>();
  const key = body && hasMoney(body) ? JSON.stringify(body.actions) : null;
  const settled = useSettled(key, PREVIEW_DELAY_MS);
  const query = useQuery({
    queryKey: ['cases', 'rectification-preview', caseId, settled],
    queryFn: async () =>
      ok(await dataProvider.callApi('post', '/api/cases/{id}/rectification-preview', { params: { path: { id: caseId } }, body: { actions: JSON.parse(settled!) } })),
    enabled: settled !== null,
    retry: false,
    staleTime: 60_000,
  });
  return { ...query, current: key !== null && key === settled };
}

/** The catalogue's categories of the customer's province with their prices on the detection day. */
function useTariffs(province: string | undefined, on: string) {
  const dataProvider = useDataProvider<JichaDataProvider>();
  const day = /^\d{4}-\d{2}-\d{2}$/.test(on) ? on : undefined;
  return useQuery({
    queryKey: ['tariffs', province, day],
    queryFn: async () => {
      const rows = ok(await dataProvider.callApi('get', '/api/tariffs', { params: { query: { ...(province ? { province } : {}), ...(day ? { on: day } : {}) } } }));
      return Array.isArray(rows) ? rows : [];
    },
    staleTime: 10 * 60_000,
  });
}

/**
 * 下发整改通知: the order's actions with the inputs the rule set needs, the owner by name, and the amounts as the
 * workflow will compute them — shown before the order can be issued. A refusal (here or by the workflow) stays in
 * the dialog in the user's words.
 */
export function IssueRectificationDialog({ caseId, live, open, onClose }: { caseId: string; live: CaseLive; open: boolean; onClose: () => void }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [form, setForm] = useState<IssueForm>(() => initialIssueForm(live));
  const { body, invalid } = toIssueBody(form);
  const preview = usePreview(caseId, body);
  const tariffs = useTariffs(live.customer?.stationId.split('.')[0], form.detectedOn);
  const t = (k: string, o?: object) => translate(`caseSteps.issue.${k}`, o);
  const step = useStepDialog({ caseId, action: t('title'), onClose });
  const set = <K extends keyof IssueForm>(k: K, v: IssueForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const money = hasMoney(body);
  const previewed = !money || (preview.current && preview.isSuccess);
  const canIssue = !!body && previewed;

  const fieldLabel = (name: keyof IssueForm) => t(`fields.${name}`);
  const problemFields = PROBLEM_FIELDS[form.problem];
  const computations = preview.current ? preview.data?.computations ?? [] : [];
  const ruleSet = computations[0];

  return (
    <Dialog open={open} onClose={step.close} fullWidth maxWidth="md" fullScreen={step.fullScreen} aria-labelledby="case-action-rectification">
      <form onSubmit={step.submit(canIssue && body ? { action: 'rectification', body } : null)} noValidate data-testid="case-action-form-rectification">
        <DialogTitle id="case-action-rectification">{t('title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {step.error ? <StepRefusal error={step.error} title={translate('resources.cases.actionDialog.refused')} /> : null}
            <TextField
              select
              label={fieldLabel('problem')}
              value={form.problem}
              onChange={(e) => set('problem', e.target.value as IssueForm['problem'])}
              slotProps={{ htmlInput: { 'data-testid': 'issue-problem' } }}
            >
              {ORDER_PROBLEMS.map((p) => (
                <MenuItem key={p} value={p}>
                  {t(`problems.${p}`)}
                </MenuItem>
              ))}
            </TextField>
            {problemFields.length > 0 && (
              <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
                {problemFields.map((f) =>
                  f.kind === 'tariff' ? (
                    <TextField
                      key={f.name}
                      select
                      required={f.required}
                      label={fieldLabel(f.name)}
                      value={form[f.name] as string}
                      onChange={(e) => set(f.name, e.target.value as never)}
                      helperText={tariffs.isError ? t('tariffsFailed') : undefined}
                      error={tariffs.isError}
                      slotProps={{ htmlInput: { 'data-testid': `issue-${f.name}` } }}
                    >
                      {(tariffs.data ?? []).map((c) => (
                        <MenuItem key={c.code} value={c.code} data-value={c.code}>
                          {locale === 'en' ? c.nameEn : c.nameZh}
                          {c.price ? ` · ${c.price.priceYuanPerKwh} ${t('perKwh')}` : ''}
                        </MenuItem>
                      ))}
                    </TextField>
                  ) : (
                    <TextField
                      key={f.name}
                      required={f.required}
                      type={f.kind === 'date' ? 'date' : 'text'}
                      label={fieldLabel(f.name)}
                      value={form[f.name] as string}
                      onChange={(e) => set(f.name, e.target.value as never)}
                      error={invalid.includes(f.name) && (form[f.name] as string) !== ''}
                      helperText={t(`helpers.${f.name}`, { _: '' })}
                      slotProps={{
                        inputLabel: f.kind === 'date' ? { shrink: true } : undefined,
                        htmlInput: { 'data-testid': `issue-${f.name}`, ...(f.kind === 'number' ? { inputMode: 'decimal' } : {}) },
                      }}
                    />
                  ),
                )}
                {form.problem === 'theft' && (
                  <FormControlLabel control={<Checkbox checked={form.lighting} onChange={(e) => set('lighting', e.target.checked)} />} label={fieldLabel('lighting')} />
                )}
                {form.problem === 'capacity_overuse' && (
                  <TextField select label={fieldLabel('tariffStructure')} value={form.tariffStructure} onChange={(e) => set('tariffStructure', e.target.value as IssueForm['tariffStructure'])}>
                    <MenuItem value="two_part">{t('structures.two_part')}</MenuItem>
                    <MenuItem value="single">{t('structures.single')}</MenuItem>
                  </TextField>
                )}
              </Box>
            )}
            {form.problem !== 'none' && (
              <TextField
                label={fieldLabel('justification')}
                value={form.justification}
                onChange={(e) => set('justification', e.target.value)}
                helperText={t('helpers.justification')}
                slotProps={{ htmlInput: { maxLength: 200 } }}
              />
            )}
            {form.problem === 'wrong_tariff' && (
              <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} alignItems={{ sm: 'center' }}>
                <FormControlLabel
                  control={<Checkbox checked={form.reclassify} onChange={(e) => set('reclassify', e.target.checked)} data-testid="issue-reclassify" />}
                  label={fieldLabel('reclassify')}
                />
                {form.reclassify && (
                  <TextField
                    type="date"
                    label={fieldLabel('effectiveDate')}
                    value={form.effectiveDate}
                    onChange={(e) => set('effectiveDate', e.target.value)}
                    slotProps={{ inputLabel: { shrink: true } }}
                  />
                )}
              </Stack>
            )}
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
              <FormControlLabel control={<Checkbox checked={form.meterReplacement} onChange={(e) => set('meterReplacement', e.target.checked)} />} label={fieldLabel('meterReplacement')} />
              <FormControlLabel control={<Checkbox checked={form.contractCorrection} onChange={(e) => set('contractCorrection', e.target.checked)} />} label={fieldLabel('contractCorrection')} />
            </Stack>
            <TextField
              label={fieldLabel('otherNote')}
              value={form.otherNote}
              onChange={(e) => set('otherNote', e.target.value)}
              multiline
              minRows={2}
              slotProps={{ htmlInput: { maxLength: 500 } }}
            />
            <PersonPicker
              name="owner"
              data-testid="person-picker-owner"
              label={fieldLabel('owner')}
              helperText={t('helpers.owner')}
              filter={{ role: 'station_lead', ...(live.customer ? { station: live.customer.stationId } : {}) }}
              value={form.owner}
              onChange={(u) => set('owner', u)}
            />
            <Typography variant="body2" color="text.secondary" data-testid="issue-deadline">
              {t('deadline', { deadline: live.deadlineAt ? formatDateTime(live.deadlineAt) : '—' })}
            </Typography>
            {money && (
              <Box data-testid="issue-preview">
                <Typography variant="subtitle2" gutterBottom>
                  {t('preview')}
                </Typography>
                {!body ? null : preview.isError && preview.current ? (
                  <StepRefusal error={preview.error} title={t('previewRefused')} testId="issue-preview-error" />
                ) : computations.length > 0 && preview.data ? (
                  <Stack spacing={1}>
                    {ruleSet && (
                      <Typography variant="body2" data-testid="issue-rule-set">
                        {t('ruleSet', { version: ruleSet.ruleSetVersion, source: bilingualPart(ruleSet.ruleSource, locale) })}
                      </Typography>
                    )}
                    <PenaltyComputations computations={computations} />
                    <Typography variant="h6" data-testid="issue-total">
                      {t('total', { total: formatYuan(preview.data.totalYuan) })}
                    </Typography>
                  </Stack>
                ) : (
                  <Typography variant="body2" color="text.secondary">
                    {t('computing')}
                  </Typography>
                )}
              </Box>
            )}
            {money && !body && <Alert severity="info">{t('fillToPreview')}</Alert>}
          </Stack>
        </DialogContent>
        <StepDialogActions step={step} submitLabel={t('submit')} canSubmit={canIssue} testId="issue-submit" />
      </form>
    </Dialog>
  );
}
