import { BooleanInput, DateTimeInput, FormDataConsumer, maxLength, minLength, required, SimpleForm, TextInput, useRecordContext } from 'react-admin';
import { OrgUnitInput } from '../../ui/orgUnits/OrgUnitInput';

const validateTitle = [required(), minLength(2), maxLength(200)];
const validateBody = [required(), minLength(2), maxLength(10_000)];

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
            <OrgUnitInput source="orgUnitId" helperText="resources.announcements.helpers.orgUnitId" />
          )
        }
      </FormDataConsumer>
      <BooleanInput source="pinned" />
      <DateTimeInput source="publishedAt" helperText="resources.announcements.helpers.publishedAt" />
      <DateTimeInput source="expiresAt" helperText="resources.announcements.helpers.expiresAt" />
    </SimpleForm>
  );
}
