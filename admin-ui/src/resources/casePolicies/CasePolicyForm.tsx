import { Box, Typography } from '@mui/material';
import { NumberInput, SaveButton, SimpleForm, TextInput, Toolbar, useTranslate } from 'react-admin';
import {
  CASE_POLICY_FIELDS, DEADLINE_STAGES, PRIORITIES, toEditBody, validateClockTolerance, validateGeofence, validateMinPhotos, validateReminderPercent,
  validateWorkingDays, type CasePolicyEditorValues,
} from './casePolicyModel';
import { useMappedSubmit } from '../rules/useMappedSubmit';

const P = 'resources.case-policies';
const GRID3 = { display: 'grid', gap: 1, gridTemplateColumns: { xs: '1fr', sm: 'repeat(3, 1fr)' }, width: '100%' } as const;

function Section({ title, help }: { title: string; help?: string }) {
  const translate = useTranslate();
  return (
    <Box sx={{ mt: 2, mb: 1 }}>
      <Typography variant="subtitle2">{translate(title)}</Typography>
      {help && <Typography variant="caption" color="text.secondary">{translate(help)}</Typography>}
    </Box>
  );
}

/** A number input with its unit after it and its help under it. */
function Unit({ unit }: { unit: string }) {
  const translate = useTranslate();
  return <Typography component="span" variant="body2" color="text.secondary">{translate(`${P}.units.${unit}`)}</Typography>;
}

/**
 * (No `min`/`max` on the inputs: the browser's own range check would block the submit with its text in the browser's
 * language; the validators below say it in the user's.)
 *
 * The case-policy draft editor: the deadlines as a grid stage × priority in working days, the reminder share as a
 * percentage, the escalation delays, the evidence rules. The calendar is not edited here (its own data).
 */
export function CasePolicyForm({ record }: { record: CasePolicyEditorValues }) {
  const translate = useTranslate();
  const onSubmit = useMappedSubmit<CasePolicyEditorValues>(CASE_POLICY_FIELDS, toEditBody);
  return (
    <SimpleForm
      record={record}
      onSubmit={onSubmit}
      sx={{ maxWidth: 960 }}
      toolbar={<Toolbar><SaveButton label={`${P}.saveDraft`} /></Toolbar>}
    >
      <TextInput source="version" label={`${P}.fields.version`} disabled />
      <Section title={`${P}.sections.deadlines`} help={`${P}.help.deadlines`} />
      <Box role="table" aria-label={translate(`${P}.sections.deadlines`)} sx={{ display: 'grid', gap: 1, gridTemplateColumns: { xs: '1fr', md: '12em repeat(4, 1fr)' }, alignItems: 'center', width: '100%' }}>
        <Typography variant="caption" color="text.secondary">{translate(`${P}.fields.stage`)}</Typography>
        {PRIORITIES.map((p) => (
          <Typography key={p} variant="caption" color="text.secondary" sx={{ display: { xs: 'none', md: 'block' } }}>
            {translate(`resources.cases.enums.priority.${p}`)}
          </Typography>
        ))}
        {DEADLINE_STAGES.map((s) => [
          <Typography key={s} variant="body2" sx={{ fontWeight: 500 }}>{translate(`${P}.stages.${s}`)}</Typography>,
          ...PRIORITIES.map((p) => (
            <NumberInput
              key={`${s}.${p}`}
              source={`deadlines.${s}.${p}`}
              label={translate(`${P}.fields.deadlineCell`, { stage: translate(`${P}.stages.${s}`), priority: translate(`resources.cases.enums.priority.${p}`) })}
              validate={validateWorkingDays}
              step={1}
              slotProps={{ input: { endAdornment: <Unit unit="workingDays" /> } }}
            />
          )),
        ])}
      </Box>
      <Section title={`${P}.sections.escalation`} />
      <Box sx={GRID3}>
        <NumberInput source="escalation.reminderPercent" label={`${P}.fields.reminderPercent`} validate={validateReminderPercent} helperText={`${P}.help.reminderPercent`} slotProps={{ input: { endAdornment: <Unit unit="percent" /> } }} />
        <NumberInput source="escalation.tier2AfterDays" label={`${P}.fields.tier2AfterDays`} validate={validateWorkingDays} step={1} helperText={`${P}.help.tier2AfterDays`} slotProps={{ input: { endAdornment: <Unit unit="workingDays" /> } }} />
        <NumberInput source="escalation.tier3AfterDays" label={`${P}.fields.tier3AfterDays`} validate={validateWorkingDays} step={1} helperText={`${P}.help.tier3AfterDays`} slotProps={{ input: { endAdornment: <Unit unit="workingDays" /> } }} />
      </Box>
      <Section title={`${P}.sections.evidence`} />
      <Box sx={GRID3}>
        <NumberInput source="evidence.minVerifiedPhotos" label={`${P}.fields.minVerifiedPhotos`} validate={validateMinPhotos} step={1} helperText={`${P}.help.minVerifiedPhotos`} slotProps={{ input: { endAdornment: <Unit unit="photos" /> } }} />
        <NumberInput source="evidence.geofenceRadiusM" label={`${P}.fields.geofenceRadiusM`} validate={validateGeofence} step={10} helperText={`${P}.help.geofenceRadiusM`} slotProps={{ input: { endAdornment: <Unit unit="metres" /> } }} />
        <NumberInput source="evidence.clockToleranceS" label={`${P}.fields.clockToleranceS`} validate={validateClockTolerance} step={10} helperText={`${P}.help.clockToleranceS`} slotProps={{ input: { endAdornment: <Unit unit="seconds" /> } }} />
      </Box>
    </SimpleForm>
  );
}
