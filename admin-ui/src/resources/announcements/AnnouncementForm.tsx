import { BooleanInput, DateTimeInput, FormDataConsumer, maxLength, minLength, required, SimpleForm, TextInput, useRecordContext } from 'react-admin';

const validateTitle = [required(), minLength(2), maxLength(200)];
const validateBody = [required(), minLength(2), maxLength(10_000)];
const validateUnit = (v: unknown) =>
  typeof v === 'string' && v.trim() && !/^[A-Z0-9]{1,8}(\.[A-Z0-9]{1,8}){0,4}$/.test(v.trim()) ? 'resources.announcements.validation.orgUnitId' : undefined;

/** Create and edit: addressee (a unit, the caller's by default, or everyone), text, pin, schedule. */
export function AnnouncementForm() {
  const record = useRecordContext();
  return (
    <SimpleForm defaultValues={{ pinned: false, toEveryone: record ? record.orgUnitId === null : false }}>
      <TextInput source="title" validate={validateTitle} fullWidth />
      <TextInput source="body" validate={validateBody} multiline minRows={4} fullWidth />
      <BooleanInput source="toEveryone" helperText="resources.announcements.helpers.toEveryone" />
      <FormDataConsumer>
        {({ formData }) =>
          formData.toEveryone ? null : (
            <TextInput source="orgUnitId" validate={validateUnit} helperText="resources.announcements.helpers.orgUnitId" slotProps={{ htmlInput: { autoCapitalize: 'characters', autoComplete: 'off' } }} />
          )
        }
      </FormDataConsumer>
      <BooleanInput source="pinned" />
      <DateTimeInput source="publishedAt" helperText="resources.announcements.helpers.publishedAt" />
      <DateTimeInput source="expiresAt" helperText="resources.announcements.helpers.expiresAt" />
    </SimpleForm>
  );
}
