import { Create, DateInput, Edit, maxLength, minLength, regex, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { contentChoices, REGULATION_KINDS } from '../content/contentEnums';
import { toRegulationInput } from './regulationInput';

const kindChoices = contentChoices('regulations', 'kind', REGULATION_KINDS);
const validateId = [minLength(3), maxLength(100), regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'resources.regulations.validation.id')];

function Fields() {
  return (
    <>
      <SelectInput source="kind" choices={kindChoices} validate={required()} />
      <TextInput source="title" validate={[required(), minLength(2), maxLength(200)]} fullWidth />
      <TextInput source="issuer" validate={[required(), minLength(2), maxLength(200)]} fullWidth />
      <TextInput source="docNo" validate={maxLength(100)} />
      <DateInput source="effectiveOn" />
      <TextInput source="summary" validate={[required(), minLength(2), maxLength(1000)]} multiline minRows={2} fullWidth />
      <TextInput source="body" validate={[required(), minLength(2)]} multiline minRows={8} fullWidth />
    </>
  );
}

export function RegulationCreate() {
  return (
    <Create redirect="show" transform={(v: Record<string, unknown>) => toRegulationInput(v, { withId: true })}>
      <SimpleForm defaultValues={{ kind: 'notice' }}>
        <TextInput source="id" validate={validateId} helperText="resources.regulations.helpers.id" slotProps={{ htmlInput: { autoComplete: 'off' } }} />
        <Fields />
      </SimpleForm>
    </Create>
  );
}

export function RegulationEdit() {
  return (
    <Edit redirect="show" mutationMode="pessimistic" transform={(v: Record<string, unknown>) => toRegulationInput(v, { withId: false })}>
      <SimpleForm>
        <TextInput source="id" disabled />
        <Fields />
      </SimpleForm>
    </Edit>
  );
}
