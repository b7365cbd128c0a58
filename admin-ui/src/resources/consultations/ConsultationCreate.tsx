import { Create, maxLength, minLength, regex, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { CONSULTATION_TOPICS, contentChoices } from '../content/contentEnums';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The form's values as POST /api/consultations takes them (the API refuses unknown fields). */
export function toConsultationInput(v: Record<string, unknown>) {
  const text = (k: string) => (typeof v[k] === 'string' ? (v[k] as string).trim() : '');
  return { topic: text('topic'), subject: text('subject'), question: text('question'), ...(text('caseId') ? { caseId: text('caseId') } : {}) };
}

/** Ask a question (咨询) in the caller's own unit. */
export function ConsultationCreate() {
  return (
    <Create redirect="show" transform={toConsultationInput}>
      <SimpleForm defaultValues={{ topic: 'tariff' }}>
        <SelectInput source="topic" choices={contentChoices('consultations', 'topic', CONSULTATION_TOPICS)} validate={required()} />
        <TextInput source="subject" validate={[required(), minLength(2), maxLength(200)]} fullWidth />
        <TextInput source="question" validate={[required(), minLength(5), maxLength(4000)]} multiline minRows={5} fullWidth />
        <TextInput source="caseId" validate={regex(UUID, 'resources.consultations.validation.caseId')} helperText="resources.consultations.helpers.caseId" />
      </SimpleForm>
    </Create>
  );
}
