import {
  CheckboxGroupInput,
  Create,
  maxValue,
  minLength,
  minValue,
  NumberInput,
  required,
  SimpleForm,
  TextInput,
  useLocaleState,
  useTranslate,
} from 'react-admin';
import { Box, Grid } from '@mui/material';
import { useJichaIdentity } from '../../auth/useJichaIdentity';
import { ErrorState } from '../../ui/LoadStates';
import { toDefinition, type CampaignFormValues } from './campaignDefinition';
import { CampaignPreviewPanel } from './CampaignPreviewPanel';
import { useActiveRuleSet } from './useActiveRuleSet';
import { ruleLabel } from './ruleLabel';
import { OrgUnitInput } from '../../ui/orgUnits/OrgUnitInput';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const month = (v: unknown) => (v && !MONTH.test(String(v)) ? 'resources.campaigns.validation.month' : undefined);

/** Define a special audit: scope, rules of the active rule set, thresholds — with the live count beside it. */
export function CampaignCreate() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const identity = useJichaIdentity();
  const rules = useActiveRuleSet();
  const choices = (rules.active?.document.rules ?? []).map((r) => ({ id: r.code, name: ruleLabel(r, locale) }));
  return (
    <Create redirect="show" transform={(v: CampaignFormValues) => toDefinition(v)}>
      <SimpleForm
        defaultValues={{ scope: identity?.orgUnit ? [identity.orgUnit] : [], caseCap: 100, batchSize: 50 }}
        sx={{ maxWidth: 1100 }}
      >
        <Grid container spacing={2} sx={{ width: '100%' }}>
          <Grid size={{ xs: 12, md: 7 }}>
            <TextInput source="name" validate={[required(), minLength(2)]} fullWidth />
            <TextInput source="theme" fullWidth />
            <OrgUnitInput source="scope" multiple validate={required()} helperText="resources.campaigns.help.scope" />
            {rules.error ? (
              <ErrorState error={rules.error} />
            ) : (
              <CheckboxGroupInput source="ruleCodes" choices={choices} row={false} helperText={translate('resources.campaigns.help.rules', { version: rules.active?.version ?? '—' })} />
            )}
            <Box sx={{ display: 'grid', gap: 1, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr 1fr' } }}>
              <NumberInput source="minScore" min={1} max={100} validate={[minValue(1), maxValue(100)]} helperText={translate('resources.campaigns.help.minScore', { score: rules.active?.document.campaignMinScore ?? '—' })} />
              <NumberInput source="minExpectedRatePercent" min={0} max={100} validate={[minValue(0), maxValue(100)]} helperText={translate('resources.campaigns.help.minExpectedRatePercent')} />
              <NumberInput source="caseCap" min={1} validate={[required(), minValue(1)]} />
              <NumberInput source="batchSize" min={1} max={500} validate={[minValue(1), maxValue(500)]} />
            </Box>
            <Box sx={{ display: 'grid', gap: 1, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr 1fr' } }}>
              <TextInput source="asOfMonth" validate={month} helperText="resources.campaigns.help.asOfMonth" />
              <TextInput source="fieldDeadline" type="date" slotProps={{ inputLabel: { shrink: true } }} />
              <TextInput source="endsOn" type="date" slotProps={{ inputLabel: { shrink: true } }} />
            </Box>
          </Grid>
          {/* Above the form on a portrait tablet, beside it on a wide screen: the count stays in view while editing. */}
          <Grid size={{ xs: 12, md: 5 }} sx={{ order: { xs: -1, md: 0 } }}>
            <Box sx={{ position: { md: 'sticky' }, top: 80 }}>
              <CampaignPreviewPanel />
            </Box>
          </Grid>
        </Grid>
      </SimpleForm>
    </Create>
  );
}
