import { Box, Typography } from '@mui/material';
import { FormDataConsumer, NumberInput, required, SelectInput, SimpleForm, TextInput, Toolbar, SaveButton, useTranslate } from 'react-admin';
import { PENALTY_EDITOR_FIELDS, toCreateBody, toEditBody, type PenaltyEditorValues } from './penaltyEditorModel';
import { useMappedSubmit } from './useMappedSubmit';

const P = 'resources.penalty-rule-sets.fields';
const GRID = { display: 'grid', gap: 1, gridTemplateColumns: { xs: '1fr', sm: 'repeat(3, 1fr)' }, width: '100%' } as const;
const capacityModes = [
  { id: 'basic_fee_multiple', name: 'resources.penalty-rule-sets.enums.capacityMode.basic_fee_multiple' },
  { id: 'per_kva', name: 'resources.penalty-rule-sets.enums.capacityMode.per_kva' },
];

function Section({ title }: { title: string }) {
  const translate = useTranslate();
  return (
    <Typography variant="subtitle2" sx={{ mt: 2 }}>
      {translate(title)}
    </Typography>
  );
}

/**
 * The penalty rule-set editor (追补电费 / 违约使用电费): a new draft (`mode="create"`, version editable) or an existing
 * draft (`mode="edit"`). The server's refusals land on the inputs they concern.
 */
export function PenaltyRuleSetForm({ mode }: { mode: 'create' | 'edit' }) {
  const onSubmit = useMappedSubmit<PenaltyEditorValues>(PENALTY_EDITOR_FIELDS, mode === 'create' ? toCreateBody : toEditBody);
  return (
    <SimpleForm
      onSubmit={onSubmit}
      sx={{ maxWidth: 900 }}
      toolbar={
        <Toolbar>
          <SaveButton label="resources.penalty-rule-sets.saveDraft" alwaysEnable={mode === 'create'} />
        </Toolbar>
      }
    >
      <Box sx={GRID}>
        <TextInput source="version" label={`${P}.version`} validate={required()} disabled={mode === 'edit'} />
        <TextInput source="effectiveFrom" label={`${P}.effectiveFrom`} type="date" validate={required()} slotProps={{ inputLabel: { shrink: true } }} helperText="resources.penalty-rule-sets.proposedDate" />
      </Box>
      <TextInput source="source" label={`${P}.source`} validate={required()} fullWidth multiline />
      <Section title="resources.penalty-rule-sets.sections.wrongTariff" />
      <Box sx={GRID}>
        <NumberInput source="rules.wrongTariff.penaltyMultiplier" label={`${P}.penaltyMultiplier`} validate={required()} step={0.5} />
        <NumberInput source="rules.wrongTariff.defaultPeriodMonths" label={`${P}.defaultPeriodMonths`} validate={required()} />
      </Box>
      <Section title="resources.penalty-rule-sets.sections.theft" />
      <Box sx={GRID}>
        <NumberInput source="rules.theft.penaltyMultiplier" label={`${P}.penaltyMultiplier`} validate={required()} step={0.5} />
        <NumberInput source="rules.theft.defaultDays" label={`${P}.defaultDays`} validate={required()} />
        <span />
        <NumberInput source="rules.theft.hoursPerDay.power" label={`${P}.hoursPower`} validate={required()} />
        <NumberInput source="rules.theft.hoursPerDay.lighting" label={`${P}.hoursLighting`} validate={required()} />
      </Box>
      <Section title="resources.penalty-rule-sets.sections.capacity" />
      <Box sx={GRID}>
        <SelectInput source="rules.capacity.mode" label={`${P}.capacityMode`} choices={capacityModes} validate={required()} />
        <FormDataConsumer<PenaltyEditorValues>>
          {({ formData }) =>
            formData.rules?.capacity?.mode === 'per_kva' ? (
              <NumberInput source="rules.capacity.penaltyYuanPerKva" label={`${P}.penaltyYuanPerKva`} validate={required()} />
            ) : (
              <NumberInput source="rules.capacity.penaltyMultiplier" label={`${P}.penaltyMultiplier`} validate={required()} step={0.5} />
            )
          }
        </FormDataConsumer>
        <NumberInput source="rules.capacity.defaultMonths" label={`${P}.defaultMonths`} validate={required()} />
      </Box>
    </SimpleForm>
  );
}
