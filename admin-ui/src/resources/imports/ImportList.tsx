import { useMediaQuery, type Theme } from '@mui/material';
import { CreateButton, DataTable, List, SimpleList, TopToolbar, useTranslate } from 'react-admin';
import { formatDateTime } from '../../format/dateTime';
import type { ImportSummary } from './importKinds';
import { useOrgUnitNames } from '../../ui/orgUnits/useOrgUnits';

const Col = DataTable.Col<ImportSummary>;

/** Import batches inside the caller's org unit, newest first (GET /api/imports takes a range only). */
export function ImportList() {
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const translate = useTranslate();
  const unitName = useOrgUnitNames();
  const kind = (k: string) => translate(`resources.imports.enums.kind.${k}`, { _: k });
  return (
    <List perPage={25} exporter={false} actions={<TopToolbar><CreateButton label="resources.imports.upload.title" /></TopToolbar>}>
      {narrow ? (
        <SimpleList<ImportSummary>
          linkType="show"
          primaryText={(r) => kind(r.kind)}
          secondaryText={(r) => translate('resources.imports.listLine', { rows: r.rows, accepted: r.accepted, rejected: r.rejected })}
          tertiaryText={(r) => `${formatDateTime(r.createdAt)} · ${unitName(r.orgUnitId)}`}
        />
      ) : (
        <DataTable rowClick="show" bulkActionButtons={false} sx={{ '& .MuiTableCell-body': { whiteSpace: 'nowrap' } }}>
          <Col source="createdAt" disableSort render={(r) => formatDateTime(r.createdAt)} />
          <Col source="kind" disableSort render={(r) => kind(r.kind)} />
          <Col source="rows" disableSort />
          <Col source="accepted" disableSort />
          <Col source="rejected" disableSort />
          <Col source="importedBy" disableSort />
          <Col source="orgUnitId" disableSort render={(r) => unitName(r.orgUnitId)} />
        </DataTable>
      )}
    </List>
  );
}
