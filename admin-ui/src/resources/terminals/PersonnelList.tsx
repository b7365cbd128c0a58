import { Chip, Stack, useMediaQuery, type Theme } from '@mui/material';
import { BooleanField, DataTable, Link, List, NullableBooleanInput, SearchInput, SelectInput, SimpleList, TextField, useCreatePath, useRecordContext, useTranslate } from 'react-admin';
import { ROLES } from '../../auth/permissions';
import { OrgUnitInput } from '../../ui/orgUnits/OrgUnitInput';

const roleChoices = ROLES.map((id) => ({ id, name: `app.roles.${id}` }));
const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={roleChoices} alwaysOn />,
  <OrgUnitInput key="unit" source="unit" size="small" helperText={false} alwaysOn />,
  <NullableBooleanInput key="hasDevice" source="hasDevice" />,
];

/** The terminals bound to the person, each a link to its page. */
function DeviceChips() {
  const r = useRecordContext();
  const createPath = useCreatePath();
  const translate = useTranslate();
  const devices = (r?.devices ?? []) as string[];
  if (!devices.length) return <>{translate('resources.personnel.noDevice')}</>;
  return (
    <Stack direction="row" spacing={0.5} flexWrap="wrap" useFlexGap>
      {devices.map((d) => (
        <Chip key={d} size="small" clickable component={Link} to={createPath({ resource: 'terminals', id: d, type: 'show' })} label={d} />
      ))}
    </Stack>
  );
}

/** 终端人员: the people of the admin's unit and the terminals bound to them. */
export function PersonnelList() {
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const translate = useTranslate();
  return (
    <List sort={{ field: 'orgUnitId', order: 'ASC' }} filters={filters} exporter={false}>
      {narrow ? (
        <SimpleList
          linkType={false}
          primaryText={(r) => `${r.displayName}（${r.id}）`}
          secondaryText={(r) => `${translate(`app.roles.${r.role}`, { _: r.role })} · ${r.orgUnitName ?? r.orgUnitId}`}
          tertiaryText={(r) => (r.devices as string[]).join(', ')}
        />
      ) : (
        <DataTable rowClick={false} bulkActionButtons={false}>
          <DataTable.Col source="id">
            <TextField source="id" />
          </DataTable.Col>
          <DataTable.Col source="displayName">
            <TextField source="displayName" />
          </DataTable.Col>
          <DataTable.Col source="role" render={(r) => translate(`app.roles.${r.role}`, { _: r.role })} />
          <DataTable.Col source="orgUnitId" render={(r) => r.orgUnitName ?? r.orgUnitId} />
          <DataTable.Col source="active" disableSort>
            <BooleanField source="active" />
          </DataTable.Col>
          <DataTable.Col source="devices" disableSort>
            <DeviceChips />
          </DataTable.Col>
        </DataTable>
      )}
    </List>
  );
}
