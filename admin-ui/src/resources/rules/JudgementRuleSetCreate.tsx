import { useCallback } from 'react';
import { Box, FormControlLabel, Switch, Typography } from '@mui/material';
import {
  ArrayInput,
  Create,
  Edit,
  NumberInput,
  maxValue,
  minValue,
  required,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  SaveButton,
  Toolbar,
  TextInput,
  usePermissions,
  useSaveContext,
  useTranslate,
} from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';
import { useLocation } from 'react-router-dom';
import { ErrorState, LoadingState } from '../../ui/LoadStates';
import { useActiveRuleSet } from '../campaigns/useActiveRuleSet';
import { fromEditorValues, fromParamsJson, judgementEditorFields, nextVersion, toEditorValues, toParamsJson, validParamsJson, type EditorRule, type JudgementEditorValues } from './judgementEditorModel';
import { ANOMALY_TYPES, RULE_KINDS, type JudgementRuleSetDocument, type JudgementRuleSetRecord } from './judgementEditorModel';
import { mapServerErrors, type SubmissionErrors } from './serverErrorMapping';
import { RuleParamsFields, useSourceText } from './RuleParamsFields';
import { JudgementPreviewPanel } from './JudgementPreviewPanel';

const kindChoices = RULE_KINDS.map((id) => ({ id, name: `resources.judgement-rule-sets.enums.kind.${id}` }));
const anomalyChoices = ANOMALY_TYPES.map((id) => ({ id, name: `resources.judgement-rule-sets.enums.anomalyType.${id}` }));
/** Scores and weights: whole numbers 1–100 (the schema's bounds), said by react-admin in the user's language. */
const SCORE = [required(), minValue(1), maxValue(100)];
const GRID3 = { display: 'grid', gap: 1, gridTemplateColumns: { xs: '1fr', sm: 'repeat(3, 1fr)' }, width: '100%' } as const;

/**
 * Admins may edit the parameters as JSON (expert mode); switching converts every rule's parameters between the
 * forms and the JSON boxes, so nothing typed is lost.
 */
function ExpertToggle() {
  const translate = useTranslate();
  const { permissions } = usePermissions<string[]>();
  const { getValues, setValue } = useFormContext<JudgementEditorValues>();
  const expert = useWatch<JudgementEditorValues, 'expert'>({ name: 'expert' }) ?? false;
  if (!(Array.isArray(permissions) && permissions.includes('admin'))) return null;
  const toggle = (on: boolean) => {
    const rules = (getValues('rules') ?? []).map((r: EditorRule) => (on ? { ...r, paramsJson: toParamsJson(r) } : { ...r, params: fromParamsJson(r) }));
    setValue('rules', rules, { shouldDirty: true });
    setValue('expert', on);
  };
  return (
    <FormControlLabel
      control={<Switch checked={expert} onChange={(e) => toggle(e.target.checked)} />}
      label={translate('resources.judgement-rule-sets.expertMode')}
    />
  );
}

/** The source input; the built-in set's English note is named in the user's words below it. */
function SourceInput() {
  const source = useWatch<JudgementEditorValues, 'source'>({ name: 'source' }) ?? '';
  const named = useSourceText()(source);
  return <TextInput source="source" validate={required()} fullWidth helperText={named !== source ? named : false} />;
}

/** A rule's parameters: its kind's form, or the JSON box in expert mode. */
function RuleParams() {
  const expert = useWatch<JudgementEditorValues, 'expert'>({ name: 'expert' }) ?? false;
  return expert ? (
    <TextInput source="paramsJson" label="resources.judgement-rule-sets.fields.paramsJson" multiline minRows={3} fullWidth validate={validParamsJson} sx={{ '& textarea': { fontFamily: 'monospace', fontSize: 13 } }} />
  ) : (
    <RuleParamsFields />
  );
}

/** Saves through the page's controller; the server's field errors land on the inputs of the mode shown. */
function useJudgementSubmit() {
  const { save } = useSaveContext();
  return useCallback(
    async (values: Record<string, unknown>) => {
      const v = values as JudgementEditorValues;
      const errors = (await save?.(fromEditorValues(v) as never)) as SubmissionErrors | undefined | void;
      return mapServerErrors(errors || undefined, judgementEditorFields(Boolean(v.expert)));
    },
    [save],
  );
}

/** The draft editor: every field of the rule set; each rule's parameters as its kind's form; the live preview. */
export function JudgementRuleSetForm({ mode = 'create' }: { mode?: 'create' | 'edit' }) {
  const translate = useTranslate();
  const onSubmit = useJudgementSubmit();
  return (
    // Prefilled from a base version: savable before any change (the version name is already new).
    <SimpleForm
      onSubmit={onSubmit}
      sx={{ maxWidth: 1100 }}
      toolbar={
        <Toolbar>
          <SaveButton alwaysEnable />
        </Toolbar>
      }
    >
      <Typography variant="body2" color="text.secondary">
        {translate('resources.judgement-rule-sets.editorHint')}
      </Typography>
      <ExpertToggle />
      <Box sx={GRID3}>
        {/* A draft keeps its version; another name means a new version (create from it). */}
        <TextInput source="version" validate={required()} disabled={mode === 'edit'} />
        <Box sx={{ gridColumn: { sm: 'span 2' } }}>
          <SourceInput />
        </Box>
      </Box>
      <Box sx={{ ...GRID3, gridTemplateColumns: { xs: '1fr 1fr', sm: 'repeat(4, 1fr)' } }}>
        <NumberInput source="priorityThresholds.urgent" label="resources.judgement-rule-sets.fields.urgent" validate={SCORE} />
        <NumberInput source="priorityThresholds.high" label="resources.judgement-rule-sets.fields.high" validate={SCORE} />
        <NumberInput source="priorityThresholds.normal" label="resources.judgement-rule-sets.fields.normal" validate={SCORE} />
        <NumberInput source="campaignMinScore" validate={SCORE} />
      </Box>
      <ArrayInput source="rules" label="resources.judgement-rule-sets.fields.rules">
        <SimpleFormIterator disableReordering fullWidth sx={{ '& .RaSimpleFormIterator-line': { borderBottom: 1, borderColor: 'divider', pb: 2 } }}>
          <Box sx={GRID3}>
            <TextInput source="code" label="resources.judgement-rule-sets.fields.code" validate={required()} />
            <SelectInput source="kind" label="resources.judgement-rule-sets.fields.kind" choices={kindChoices} validate={required()} />
            <SelectInput source="anomalyType" label="resources.judgement-rule-sets.fields.anomalyType" choices={anomalyChoices} validate={required()} />
          </Box>
          <Box sx={GRID3}>
            <NumberInput source="weight" label="resources.judgement-rule-sets.fields.weight" validate={SCORE} />
            <TextInput source="textZh" label="resources.judgement-rule-sets.fields.textZh" validate={required()} />
            <TextInput source="textEn" label="resources.judgement-rule-sets.fields.textEn" validate={required()} />
          </Box>
          <RuleParams />
          <ArrayInput source="checkItems" label="resources.judgement-rule-sets.fields.checkItems">
            <SimpleFormIterator inline disableReordering>
              <TextInput source="code" label="resources.judgement-rule-sets.fields.checkCode" validate={required()} />
              <TextInput source="textZh" label="resources.judgement-rule-sets.fields.checkTextZh" validate={required()} />
              <TextInput source="textEn" label="resources.judgement-rule-sets.fields.checkTextEn" validate={required()} />
            </SimpleFormIterator>
          </ArrayInput>
        </SimpleFormIterator>
      </ArrayInput>
      <JudgementPreviewPanel />
    </SimpleForm>
  );
}

/** A draft edited in place (the API refuses edits once it is published). */
export function JudgementRuleSetEdit({ id }: { id?: string }) {
  return (
    <Edit
      id={id}
      mutationMode="pessimistic"
      redirect="show"
      queryOptions={{ select: (r: JudgementRuleSetRecord) => ({ ...toEditorValues(r.document), id: r.id }) as never }}
    >
      <JudgementRuleSetForm mode="edit" />
    </Edit>
  );
}

/** A new version: from the one the manager came from (state.record), else from the rule set in force. */
export function JudgementRuleSetCreate() {
  const location = useLocation();
  const fromState = (location.state as { record?: JudgementEditorValues } | null)?.record;
  const active = useActiveRuleSet();
  if (!fromState && active.error) return <ErrorState error={active.error} />;
  if (!fromState && active.isPending) return <LoadingState />;
  const doc: JudgementRuleSetDocument | undefined = active.active?.document as JudgementRuleSetDocument | undefined;
  const record = fromState ?? (doc ? toEditorValues(doc, { newVersion: nextVersion(doc.version) }) : undefined);
  return (
    <Create redirect="show" record={record}>
      <JudgementRuleSetForm />
    </Create>
  );
}
