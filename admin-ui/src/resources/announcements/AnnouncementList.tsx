import { useMediaQuery, type Theme } from '@mui/material';
import { BooleanField, CreateButton, DataTable, List, SearchInput, SelectInput, SimpleList, TextField, TopToolbar, useTranslate } from 'react-admin';
import { ANNOUNCEMENT_STATES, contentChoices, contentLabel } from '../content/contentEnums';
import { ContentDateTime } from '../content/ContentDateTime';
import { StatusChip } from '../content/StatusChip';
import { AddresseeText } from './AddresseeText';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="state" source="state" choices={contentChoices('announcements', 'state', ANNOUNCEMENT_STATES)} alwaysOn />,
];

/** 信息公告: what reaches the caller's unit and what it sent below; pinned first on the terminal. */
export function AnnouncementList() {
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const translate = useTranslate();
  return (
    <List sort={{ field: 'publishedAt', order: 'DESC' }} filters={filters} actions={<TopToolbar><CreateButton /></TopToolbar>}>
      {narrow ? (
        <SimpleList
          linkType="show"
          primaryText={(r) => r.title}
          secondaryText={(r) => `${r.orgUnitName ?? translate('resources.announcements.everyone')} · ${translate(contentLabel('announcements', 'state', r.state))}`}
          tertiaryText={(r) => (r.pinned ? translate('resources.announcements.fields.pinned') : '')}
        />
      ) : (
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="title">
            <TextField source="title" />
          </DataTable.Col>
          <DataTable.Col source="orgUnitId">
            <AddresseeText />
          </DataTable.Col>
          <DataTable.Col source="pinned">
            <BooleanField source="pinned" />
          </DataTable.Col>
          <DataTable.Col source="state" disableSort>
            <StatusChip resource="announcements" source="state" />
          </DataTable.Col>
          <DataTable.Col source="publishedAt">
            <ContentDateTime source="publishedAt" />
          </DataTable.Col>
          <DataTable.Col source="expiresAt">
            <ContentDateTime source="expiresAt" />
          </DataTable.Col>
        </DataTable>
      )}
    </List>
  );
}
