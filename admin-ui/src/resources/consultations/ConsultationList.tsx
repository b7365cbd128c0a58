import { useMediaQuery, type Theme } from '@mui/material';
import { BooleanInput, CreateButton, DataTable, List, SearchInput, SelectArrayInput, SelectInput, SimpleList, TextField, TopToolbar, useTranslate } from 'react-admin';
import { CONSULTATION_STATUSES, CONSULTATION_TOPICS, contentChoices, contentLabel } from '../content/contentEnums';
import { ContentDateTime } from '../content/ContentDateTime';
import { EnumText, StatusChip } from '../content/StatusChip';
import { formatDateTime } from '../../format/dateTime';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectArrayInput key="status" source="status" choices={contentChoices('consultations', 'status', CONSULTATION_STATUSES)} alwaysOn sx={{ minWidth: 160 }} />,
  <SelectInput key="topic" source="topic" choices={contentChoices('consultations', 'topic', CONSULTATION_TOPICS)} />,
  <BooleanInput key="mine" source="mine" />,
];

/** 咨询管理: the unit's questions and answers; open ones first to hand for supervisors. */
export function ConsultationList() {
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const translate = useTranslate();
  return (
    <List sort={{ field: 'createdAt', order: 'DESC' }} filters={filters} actions={<TopToolbar><CreateButton label="resources.consultations.ask" /></TopToolbar>}>
      {narrow ? (
        <SimpleList
          linkType="show"
          primaryText={(r) => r.subject}
          secondaryText={(r) => `${translate(contentLabel('consultations', 'status', r.status))} · ${translate(contentLabel('consultations', 'topic', r.topic))} · ${r.askedByName ?? r.askedBy}`}
          tertiaryText={(r) => formatDateTime(r.createdAt)}
        />
      ) : (
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="createdAt">
            <ContentDateTime source="createdAt" />
          </DataTable.Col>
          <DataTable.Col source="topic">
            <EnumText resource="consultations" source="topic" />
          </DataTable.Col>
          <DataTable.Col source="subject">
            <TextField source="subject" />
          </DataTable.Col>
          <DataTable.Col source="askedBy" disableSort render={(r) => r.askedByName ? `${r.askedByName}（${r.askedBy}）` : r.askedBy} />
          <DataTable.Col source="orgUnitId" render={(r) => r.orgUnitName ?? r.orgUnitId} />
          <DataTable.Col source="status">
            <StatusChip resource="consultations" source="status" />
          </DataTable.Col>
          <DataTable.Col source="answeredAt">
            <ContentDateTime source="answeredAt" />
          </DataTable.Col>
        </DataTable>
      )}
    </List>
  );
}
