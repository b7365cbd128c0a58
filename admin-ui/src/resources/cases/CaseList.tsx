import { useMediaQuery, type Theme } from '@mui/material';
import {
  CreateButton,
  DataTable,
  ExportButton,
  FilterButton,
  List,
  SelectField,
  SimpleList,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { formatDateTime } from '../../format/dateTime';
import { enumLabel, originChoices, priorityChoices, stageChoices } from './caseEnums';
import { ImportedCaseChip } from './ImportedCaseChip';
import { caseFilters } from './caseFilters';
import { CaseDateTimeField } from './CaseDateTimeField';
import { useCaseExporter } from './caseExporter';
import type { CaseRecord } from './caseEnums';
import { WorkingDaysLeft } from './WorkingDaysLeft';
import { deadlineLabel, deadlineText, type CaseDeadlineFacts } from './workingDays';

const Col = DataTable.Col<CaseRecord>;
const NO_WRAP = { whiteSpace: 'nowrap' } as const;
/** Headers and short values on one line; the table scrolls sideways on a narrow tablet. */
const TABLE_SX = {
  '& .MuiTableCell-head': { whiteSpace: 'nowrap' },
  '& .MuiTableCell-body': { whiteSpace: 'nowrap' },
  '& td.column-customerName': { whiteSpace: 'normal', minWidth: '8em' },
} as const;

/** The API answers at most 500 rows per request; the export asks for one such page. */
export const EXPORT_MAX_ROWS = 500;

function CaseListActions() {
  return (
    <TopToolbar>
      <FilterButton />
      <CreateButton />
      <ExportButton maxResults={EXPORT_MAX_ROWS} />
    </TopToolbar>
  );
}

function WorkingDaysCell() {
  const record = useRecordContext<CaseRecord & CaseDeadlineFacts>();
  return record ? <WorkingDaysLeft facts={record} /> : null;
}

export function CaseList() {
  const exporter = useCaseExporter();
  // Below a wide screen (tablets, with the menu open) the two least-needed columns give way;
  // on a portrait tablet or a phone the table becomes a list of two-line rows.
  const wide = useMediaQuery((theme: Theme) => theme.breakpoints.up('lg'));
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const translate = useTranslate();
  return (
    <List
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      filters={caseFilters}
      exporter={exporter}
      actions={<CaseListActions />}
    >
      {narrow ? (
        <SimpleList<CaseRecord>
          linkType="show"
          primaryText={(r) => `${r.caseNo} · ${r.customerName ?? r.customerAccountNo}`}
          secondaryText={(r) =>
            [
              translate(enumLabel('stage', r.stage)),
              translate(enumLabel('priority', r.priority)),
              translate(enumLabel('origin', r.origin)),
              r.imported ? translate('resources.cases.imported.chip') : null,
              deadlineText(deadlineLabel(r as CaseRecord & CaseDeadlineFacts), translate),
            ].filter(Boolean).join(' · ')
          }
          tertiaryText={(r) => formatDateTime(r.createdAt)}
        />
      ) : (
        <DataTable rowClick="show" bulkActionButtons={false} sx={TABLE_SX}>
          <Col source="caseNo">
            <TextField source="caseNo" sx={NO_WRAP} />
            <ImportedCaseChip />
          </Col>
          <Col source="customerAccountNo">
            <TextField source="customerAccountNo" sx={NO_WRAP} />
          </Col>
          <Col source="customerName">
            <TextField source="customerName" emptyText="—" />
          </Col>
          {wide && (
            <Col source="origin">
              <SelectField source="origin" choices={originChoices} />
            </Col>
          )}
          <Col source="stage">
            <SelectField source="stage" choices={stageChoices} />
          </Col>
          <Col source="priority">
            <SelectField source="priority" choices={priorityChoices} />
          </Col>
          <Col source="workingDaysLeft" label="resources.calendar.deadline.column" disableSort>
            <WorkingDaysCell />
          </Col>
          {wide && (
            <Col source="orgUnitName" disableSort>
              <TextField source="orgUnitName" emptyText="—" />
            </Col>
          )}
          <Col source="createdAt">
            <CaseDateTimeField source="createdAt" sx={NO_WRAP} />
          </Col>
        </DataTable>
      )}
    </List>
  );
}
