import {
  ListButton,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
} from 'react-admin';
import { originChoices, priorityChoices, stageChoices } from './caseEnums';
import { CaseDateTimeField } from './CaseDateTimeField';
import { OpenInTemporalButton } from './OpenInTemporalButton';

function CaseShowActions() {
  return (
    <TopToolbar>
      <OpenInTemporalButton />
      <ListButton />
    </TopToolbar>
  );
}

export function CaseShow() {
  return (
    <Show actions={<CaseShowActions />}>
      <SimpleShowLayout>
        <TextField source="caseNo" />
        <TextField source="customerAccountNo" />
        <TextField source="customerName" emptyText="—" />
        <SelectField source="origin" choices={originChoices} />
        <SelectField source="stage" choices={stageChoices} />
        <SelectField source="priority" choices={priorityChoices} />
        <TextField source="orgUnitName" emptyText="—" />
        <CaseDateTimeField source="createdAt" />
        <CaseDateTimeField source="updatedAt" emptyText="—" />
        <TextField source="note" emptyText="—" sx={{ whiteSpace: 'pre-wrap' }} />
        <TextField source="id" />
        <TextField source="workflowId" emptyText="—" />
      </SimpleShowLayout>
    </Show>
  );
}
