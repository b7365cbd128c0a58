import { useMediaQuery, type Theme } from '@mui/material';
import { CreateButton, DataTable, FilterButton, List, SelectArrayInput, SelectField, SimpleList, TopToolbar, useTranslate } from 'react-admin';
import { formatDateTime } from '../../format/dateTime';
import { CampaignProgressBar } from './CampaignProgressBar';
import { campaignStatusChoices, type CampaignRecord } from './campaignProgressModel';
import { useOrgUnitNames } from '../../ui/orgUnits/useOrgUnits';

const Col = DataTable.Col<CampaignRecord>;
/** GET /api/campaigns filters on status only, newest first (no sort). */
const campaignFilters = [<SelectArrayInput key="status" source="status" choices={campaignStatusChoices} alwaysOn />];

/** 专项稽查 campaigns inside the caller's org unit. */
export function CampaignList() {
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const translate = useTranslate();
  const unitName = useOrgUnitNames();
  return (
    <List
      perPage={25}
      filters={campaignFilters}
      exporter={false}
      actions={
        <TopToolbar>
          <FilterButton />
          <CreateButton />
        </TopToolbar>
      }
    >
      {narrow ? (
        <SimpleList<CampaignRecord>
          linkType="show"
          primaryText={(r) => r.name}
          secondaryText={(r) => `${translate(`resources.campaigns.enums.status.${r.status}`)} · ${r.created}/${r.selected ?? '—'}`}
          tertiaryText={(r) => formatDateTime(r.createdAt)}
        />
      ) : (
        <DataTable rowClick="show" bulkActionButtons={false} sx={{ '& .MuiTableCell-body': { whiteSpace: 'nowrap' } }}>
          <Col source="name" disableSort />
          <Col source="status" disableSort>
            <SelectField source="status" choices={campaignStatusChoices} />
          </Col>
          <Col source="scope" disableSort render={(r) => r.scope.map(unitName).join('、')} />
          <Col source="ruleSetVersion" disableSort />
          <Col source="progress" disableSort render={(r) => <CampaignProgressBar record={r} compact />} />
          <Col source="createdAt" disableSort render={(r) => formatDateTime(r.createdAt)} />
        </DataTable>
      )}
    </List>
  );
}
