import { Create, Edit, maxLength, regex, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { contentChoices, TERMINAL_PLATFORMS } from '../content/contentEnums';

const platformChoices = contentChoices('terminals', 'platform', TERMINAL_PLATFORMS);
const validateId = [required(), regex(/^[A-Za-z0-9._:-]{4,100}$/, 'resources.terminals.validation.id')];

/** The form's values as POST/PUT /api/terminals takes them; the id (the device's identity) only on create. */
export function toTerminalInput(v: Record<string, unknown>, { withId }: { withId: boolean }) {
  const text = (k: string) => (typeof v[k] === 'string' ? (v[k] as string).trim() : '');
  return { ...(withId ? { id: text('id') } : {}), label: text('label'), platform: text('platform'), model: text('model') || null };
}

function Fields() {
  return (
    <>
      <TextInput source="label" validate={[required(), maxLength(100)]} />
      <SelectInput source="platform" choices={platformChoices} validate={required()} />
      <TextInput source="model" validate={maxLength(100)} />
    </>
  );
}

export function TerminalCreate() {
  return (
    <Create redirect="show" transform={(v: Record<string, unknown>) => toTerminalInput(v, { withId: true })}>
      <SimpleForm defaultValues={{ platform: 'android' }}>
        <TextInput source="id" validate={validateId} helperText="resources.terminals.helpers.id" slotProps={{ htmlInput: { autoComplete: 'off' } }} />
        <Fields />
      </SimpleForm>
    </Create>
  );
}

export function TerminalEdit() {
  return (
    <Edit redirect="show" mutationMode="pessimistic" transform={(v: Record<string, unknown>) => toTerminalInput(v, { withId: false })}>
      <SimpleForm>
        <TextInput source="id" disabled />
        <Fields />
      </SimpleForm>
    </Edit>
  );
}
