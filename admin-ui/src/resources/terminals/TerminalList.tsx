import { useMediaQuery, type Theme } from '@mui/material';
import { CreateButton, DataTable, List, NullableBooleanInput, SearchInput, SelectInput, SimpleList, TextField, TopToolbar, useTranslate } from 'react-admin';
import { contentChoices, contentLabel, TERMINAL_PLATFORMS } from '../content/contentEnums';
import { ContentDateTime } from '../content/ContentDateTime';
import { EnumText } from '../content/StatusChip';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <NullableBooleanInput key="bound" source="bound" alwaysOn />,
  <SelectInput key="platform" source="platform" choices={contentChoices('terminals', 'platform', TERMINAL_PLATFORMS)} />,
];

/** 终端人员维护: terminals bound inside the admin's unit, and unbound ones; newest registration first (fixed order). */
export function TerminalList() {
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const translate = useTranslate();
  return (
    <List filters={filters} actions={<TopToolbar><CreateButton /></TopToolbar>}>
      {narrow ? (
        <SimpleList
          linkType="show"
          primaryText={(r) => `${r.label}（${r.id}）`}
          secondaryText={(r) => `${translate(contentLabel('terminals', 'platform', r.platform))} · ${r.boundUser ?? translate('resources.terminals.unbound')}`}
        />
      ) : (
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="id" disableSort>
            <TextField source="id" />
          </DataTable.Col>
          <DataTable.Col source="label" disableSort>
            <TextField source="label" />
          </DataTable.Col>
          <DataTable.Col source="platform" disableSort>
            <EnumText resource="terminals" source="platform" />
          </DataTable.Col>
          <DataTable.Col source="boundUser" disableSort render={(r) => r.boundUser ?? translate('resources.terminals.unbound')} />
          <DataTable.Col source="boundAt" disableSort>
            <ContentDateTime source="boundAt" />
          </DataTable.Col>
          <DataTable.Col source="lastSeenAt" disableSort>
            <ContentDateTime source="lastSeenAt" />
          </DataTable.Col>
        </DataTable>
      )}
    </List>
  );
}
