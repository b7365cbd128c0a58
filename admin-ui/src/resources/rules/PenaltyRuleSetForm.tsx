import { Box, Typography } from '@mui/material';
import { FormDataConsumer, NumberInput, required, SelectInput, SimpleForm, TextInput, Toolbar, SaveButton, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { PENALTY_EDITOR_FIELDS, toCreateBody, toEditBody, type PenaltyEditorValues } from './penaltyEditorModel';
import { useMappedSubmit } from './useMappedSubmit';

const P = 'resources.penalty-rule-sets.fields';
const GRID = { display: 'grid', gap: 1, gridTemplateColumns: { xs: '1fr', sm: 'repeat(3, 1fr)' }, width: '100%' } as const;
const capacityModes = [
  { id: 'basic_fee_multiple', name: 'resources.penalty-rule-sets.enums.capacityMode.basic_fee_multiple' },
  { id: 'per_kva', name: 'resources.penalty-rule-sets.enums.capacityMode.per_kva' },
  { id: 'by_tariff_structure', name: 'resources.penalty-rule-sets.enums.capacityMode.by_tariff_structure' },
];

/**
 * One figure of a rule: a fixed number (rule sets before 2024), or — when the rule states a ceiling (2024) — its
 * ceiling and the default charged; the article the figure rests on is kept as it is.
 */
function FigureInputs({ source, label, step }: { source: string; label: string; step?: number }) {
  const value = useWatch({ name: source }) as unknown;
  if (value !== null && typeof value === 'object') {
    return (
      <>
        <NumberInput source={`${source}.ceiling`} label={`${P}.ceiling`} validate={required()} step={step} helperText={label} />
        <NumberInput source={`${source}.default`} label={`${P}.default`} validate={required()} step={step} helperText={label} />
      </>
    );
  }
  return <NumberInput source={source} label={label} validate={required()} step={step} />;
}

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
        <FigureInputs source="rules.wrongTariff.penaltyMultiplier" label={`${P}.penaltyMultiplier`} step={0.5} />
        <NumberInput source="rules.wrongTariff.defaultPeriodMonths" label={`${P}.defaultPeriodMonths`} validate={required()} />
      </Box>
      <Section title="resources.penalty-rule-sets.sections.theft" />
      <Box sx={GRID}>
        <FigureInputs source="rules.theft.penaltyMultiplier" label={`${P}.penaltyMultiplier`} step={0.5} />
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
              <FigureInputs source="rules.capacity.penaltyYuanPerKva" label={`${P}.penaltyYuanPerKva`} />
            ) : formData.rules?.capacity?.mode === 'by_tariff_structure' ? (
              <>
                <FigureInputs source="rules.capacity.twoPart.penaltyMultiplier" label={`${P}.twoPartMultiplier`} step={0.5} />
                <FigureInputs source="rules.capacity.single.penaltyYuanPerKw" label={`${P}.singlePerKw`} />
              </>
            ) : (
              <FigureInputs source="rules.capacity.penaltyMultiplier" label={`${P}.penaltyMultiplier`} step={0.5} />
            )
          }
        </FormDataConsumer>
        <NumberInput source="rules.capacity.defaultMonths" label={`${P}.defaultMonths`} validate={required()} />
      </Box>
    </SimpleForm>
  );
}
