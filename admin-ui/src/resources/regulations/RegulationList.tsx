import { useMediaQuery, type Theme } from '@mui/material';
import { CreateButton, DataTable, List, SearchInput, SelectInput, SimpleList, TextField, TopToolbar, useTranslate } from 'react-admin';
import { contentChoices, contentLabel, REGULATION_KINDS } from '../content/contentEnums';
import { ContentDateTime } from '../content/ContentDateTime';
import { EnumText } from '../content/StatusChip';
import { formatDate } from '../../format/dateTime';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={contentChoices('regulations', 'kind', REGULATION_KINDS)} alwaysOn />,
];

/** 法规制度 / 通知 that field workers look up on the terminal. */
export function RegulationList() {
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const translate = useTranslate();
  return (
    <List sort={{ field: 'effectiveOn', order: 'DESC' }} filters={filters} actions={<TopToolbar><CreateButton /></TopToolbar>}>
      {narrow ? (
        <SimpleList
          linkType="show"
          primaryText={(r) => r.title}
          secondaryText={(r) => `${translate(contentLabel('regulations', 'kind', r.kind))} · ${r.issuer}`}
          tertiaryText={(r) => (r.effectiveOn ? formatDate(r.effectiveOn) : '')}
        />
      ) : (
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="kind">
            <EnumText resource="regulations" source="kind" />
          </DataTable.Col>
          <DataTable.Col source="title">
            <TextField source="title" />
          </DataTable.Col>
          <DataTable.Col source="docNo" disableSort>
            <TextField source="docNo" emptyText="—" />
          </DataTable.Col>
          <DataTable.Col source="issuer">
            <TextField source="issuer" />
          </DataTable.Col>
          <DataTable.Col source="effectiveOn" render={(r) => (r.effectiveOn ? formatDate(r.effectiveOn) : '—')} />
          <DataTable.Col source="updatedAt">
            <ContentDateTime source="updatedAt" />
          </DataTable.Col>
        </DataTable>
      )}
    </List>
  );
}
