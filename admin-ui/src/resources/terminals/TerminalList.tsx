import { useState, type MouseEvent } from 'react';
import { Alert, Button, Tab, Tabs, useMediaQuery, type Theme } from '@mui/material';
import LinkIcon from '@mui/icons-material/LinkOutlined';
import { CreateButton, DataTable, List, NullableBooleanInput, SearchInput, SelectInput, SimpleList, TextField, TopToolbar, useListContext, useTranslate, type RaRecord } from 'react-admin';
import { contentChoices, contentLabel, TERMINAL_PLATFORMS } from '../content/contentEnums';
import { ContentDateTime } from '../content/ContentDateTime';
import { EnumText } from '../content/StatusChip';
import { formatDateTime } from '../../format/dateTime';
import { TerminalBindDialog } from './TerminalBindDialog';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <NullableBooleanInput key="bound" source="bound" alwaysOn />,
  <SelectInput key="platform" source="platform" choices={contentChoices('terminals', 'platform', TERMINAL_PLATFORMS)} />,
];

/** 全部终端 / 等待绑定: the second is the `bound: false` filter, so it also shows in the URL and the filter form. */
function WaitingTabs() {
  const translate = useTranslate();
  const { filterValues, displayedFilters, setFilters } = useListContext();
  const waiting = filterValues.bound === false;
  const choose = (tab: 'all' | 'waiting') => {
    const { bound: _bound, ...rest } = filterValues;
    setFilters(tab === 'waiting' ? { ...rest, bound: false } : rest, displayedFilters);
  };
  return (
    <>
      <Tabs value={waiting ? 'waiting' : 'all'} onChange={(_, v: 'all' | 'waiting') => choose(v)} variant="scrollable" allowScrollButtonsMobile>
        <Tab value="all" label={translate('resources.terminals.tabs.all')} sx={{ minHeight: 48 }} data-testid="terminals-tab-all" />
        <Tab value="waiting" label={translate('resources.terminals.tabs.waiting')} sx={{ minHeight: 48 }} data-testid="terminals-tab-waiting" />
      </Tabs>
      {waiting && <Alert severity="info" sx={{ mx: 2, my: 1 }}>{translate('resources.terminals.waitingHint')}</Alert>}
    </>
  );
}

/** Bind straight from the list, the terminal's registrant preselected; shown on unbound rows only. */
function BindFromList({ record }: { record: RaRecord }) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  if (record.boundUser) return null;
  // The row opens the terminal's page on click; the button and its dialog must not.
  const stop = (e: MouseEvent) => e.stopPropagation();
  return (
    <span onClick={stop}>
      <Button size="small" variant="outlined" startIcon={<LinkIcon />} onClick={() => setOpen(true)} sx={{ minHeight: 40, whiteSpace: 'nowrap' }} data-testid={`terminal-bind-${record.id}`}>
        {translate('resources.terminals.bind.button')}
      </Button>
      <TerminalBindDialog terminalId={String(record.id)} boundUser={null} suggestedUser={record.registeredBy ?? null} open={open} onClose={() => setOpen(false)} />
    </span>
  );
}

/** 终端人员维护: terminals bound inside the admin's unit, and unbound ones; newest registration first (fixed order). */
export function TerminalList() {
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const translate = useTranslate();
  const holder = (r: RaRecord) => r.boundUser ?? `${translate('resources.terminals.unbound')} · ${translate('resources.terminals.registeredByAt', { user: r.registeredBy, time: formatDateTime(r.registeredAt) })}`;
  return (
    <List filters={filters} actions={<TopToolbar><CreateButton /></TopToolbar>}>
      <WaitingTabs />
      {narrow ? (
        <SimpleList
          linkType="show"
          primaryText={(r) => `${r.label}（${r.id}）`}
          secondaryText={(r) => `${translate(contentLabel('terminals', 'platform', r.platform))} · ${holder(r)}`}
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
          <DataTable.Col source="registeredBy" disableSort>
            <TextField source="registeredBy" />
          </DataTable.Col>
          <DataTable.Col source="registeredAt" disableSort>
            <ContentDateTime source="registeredAt" />
          </DataTable.Col>
          <DataTable.Col source="lastSeenAt" disableSort>
            <ContentDateTime source="lastSeenAt" />
          </DataTable.Col>
          <DataTable.Col label="" disableSort render={(r) => <BindFromList record={r as RaRecord} />} />
        </DataTable>
      )}
    </List>
  );
}
