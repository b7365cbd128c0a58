import { Box, Typography } from '@mui/material';
import { useWatch } from 'react-hook-form';
import { NumberInput, required, SaveButton, SelectInput, SimpleForm, TextInput, Toolbar, useTranslate } from 'react-admin';
import { percentToShare, shareToPercent } from '../../format/percent';
import { SectionCard } from '../../ui/SectionCard';
import { AssessmentChangesSection } from './AssessmentChanges';
import { ITEM_CODES, ITEM_FIELDS, PARTY_KINDS, type ItemCode } from './assessmentModel';

const R = 'resources.assessment-rule-sets';
const F = `${R}.fields`;
const ROW = { display: 'grid', gap: 1, alignItems: 'start', gridTemplateColumns: { xs: '1fr', md: '2fr 1.2fr repeat(4, 1fr)' }, width: '100%' } as const;
const partyChoices = PARTY_KINDS.map((k) => ({ id: k, name: `${R}.parties.${k}` }));
/** Empty cap input → null (no cap), which the API expects rather than an absent field. */
const toNullable = (v: unknown) => (v === '' || v === undefined ? null : v);

/**
 * The audit weight is entered as a percentage (20) and kept as the API's share (0.2): the form's value stays the
 * share, so what is saved is exactly what was loaded unless the manager changes it.
 */
export const weightToInput = (share: unknown) => (typeof share === 'number' ? shareToPercent(share) : '');
export const inputToWeight = (input: unknown) => {
  if (input === '' || input === null || input === undefined) return null;
  const n = typeof input === 'number' ? input : Number(input);
  return Number.isNaN(n) ? null : percentToShare(n);
};
/** The API takes a share of at most two decimals between 0 and 1: a whole percentage from 0 to 100. */
export const validateWeightShare = (share: unknown) =>
  typeof share !== 'number' || !Number.isInteger(Math.round(share * 1e8) / 1e6) || share < 0 || share > 1 ? `${R}.validation.auditWeight` : undefined;

/** What the draft changes against the version in force, as the manager edits it. */
function LiveChanges() {
  const [name, auditWeight, items] = useWatch({ name: ['name', 'auditWeight', 'items'] }) as [string, number, Record<string, never>];
  return (
    <SectionCard title={`${R}.changes.title`}>
      <AssessmentChangesSection draft={{ name, auditWeight, items: items ?? {} }} />
    </SectionCard>
  );
}

function ItemRow({ code }: { code: ItemCode }) {
  const translate = useTranslate();
  const extra = ITEM_FIELDS[code];
  const s = `items.${code}`;
  return (
    <Box sx={ROW} data-testid={`item-${code}`}>
      <Typography variant="body2" sx={{ pt: 2 }}>
        {translate(`${R}.items.${code}`)}
      </Typography>
      <SelectInput source={`${s}.party`} label={`${F}.party`} choices={partyChoices} validate={required()} readOnly={code === 'feedbackParticipation'} />
      {extra.includes('tierPoints') ? (
        <>
          <NumberInput source={`${s}.tierPoints.0`} label={`${F}.tier1`} step={0.01} validate={required()} />
          <NumberInput source={`${s}.tierPoints.1`} label={`${F}.tier2`} step={0.01} validate={required()} />
          <NumberInput source={`${s}.tierPoints.2`} label={`${F}.tier3`} step={0.01} validate={required()} />
        </>
      ) : (
        <NumberInput source={`${s}.points`} label={`${F}.points`} step={0.01} validate={required()} />
      )}
      {extra.includes('incompletePoints') && <NumberInput source={`${s}.incompletePoints`} label={`${F}.incompletePoints`} step={0.01} validate={required()} />}
      {extra.includes('latePointsPerDay') && <NumberInput source={`${s}.latePointsPerDay`} label={`${F}.latePointsPerDay`} step={0.01} validate={required()} />}
      {extra.includes('cap') && <NumberInput source={`${s}.cap`} label={`${F}.cap`} step={0.01} parse={toNullable} helperText={`${R}.capHelp`} />}
    </Box>
  );
}

/**
 * The assessment rule-set editor: a new draft (`mode="create"`, version editable) or an existing draft. The API
 * names refused fields by the same paths as these inputs (items.fieldLateDays.points…), so they land on them.
 */
export function AssessmentRuleSetForm({ mode }: { mode: 'create' | 'edit' }) {
  const translate = useTranslate();
  return (
    <SimpleForm sx={{ maxWidth: 1100 }} toolbar={<Toolbar><SaveButton label={`${R}.saveDraft`} alwaysEnable={mode === 'create'} /></Toolbar>}>
      <Typography variant="subtitle2">{translate(`${R}.sections.general`)}</Typography>
      <Box sx={{ display: 'grid', gap: 1, gridTemplateColumns: { xs: '1fr', sm: '1fr 2fr 1fr' }, width: '100%' }}>
        <TextInput source="version" label={`${F}.version`} validate={required()} disabled={mode === 'edit'} />
        <TextInput source="name" label={`${F}.name`} validate={required()} />
        <NumberInput
          source="auditWeight"
          label={`${F}.auditWeightPercent`}
          // not 1: the browser's own step check would silently block the next submit; validateWeightShare says why in Chinese
          step="any"
          format={weightToInput}
          parse={inputToWeight}
          validate={[required(), validateWeightShare]}
          helperText={`${R}.weightHelp`}
        />
      </Box>
      <Typography variant="subtitle2" sx={{ mt: 2 }}>{translate(`${R}.sections.items`)}</Typography>
      {ITEM_CODES.map((code) => (
        <ItemRow key={code} code={code} />
      ))}
      <Box sx={{ mt: 2, width: '100%' }}>
        <LiveChanges />
      </Box>
    </SimpleForm>
  );
}

/** The fields the API takes for a rule set (the record's metadata stays behind). */
export function toDocument(values: Record<string, unknown>) {
  const { version, name, auditWeight, items } = values;
  return { version, name, auditWeight, items };
}
