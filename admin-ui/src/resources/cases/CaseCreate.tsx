import { Create, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { originChoices } from './caseEnums';
import { DEFAULT_ORIGIN, NOTE_MAX_LENGTH, toCaseCreateInput } from './caseCreateInput';
import { validateCustomerAccountNo, validateNote, validateOrigin } from './caseValidation';

/** POST /api/cases; server field errors (problem+json `errors`) show under the inputs. */
export function CaseCreate() {
  return (
    <Create redirect="show" transform={toCaseCreateInput}>
      <SimpleForm defaultValues={{ origin: DEFAULT_ORIGIN }}>
        <TextInput
          source="customerAccountNo"
          validate={validateCustomerAccountNo}
          helperText="resources.cases.helpers.customerAccountNo"
          slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 10, autoComplete: 'off' } }}
        />
        <SelectInput source="origin" choices={originChoices} validate={validateOrigin} />
        <TextInput
          source="note"
          multiline
          minRows={3}
          fullWidth
          validate={validateNote}
          helperText="resources.cases.helpers.note"
          slotProps={{ htmlInput: { maxLength: NOTE_MAX_LENGTH } }}
        />
      </SimpleForm>
    </Create>
  );
}
