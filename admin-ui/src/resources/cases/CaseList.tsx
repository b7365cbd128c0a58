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
import { DEFAULT_CASE_FILTER, handlerText } from './caseListModel';
import { CaseBulkAssignButton } from './CaseBulkAssignButton';
import { CaseListEmpty, CaseListError, CaseTotal, CaseViewTabs, EscalationCell, HandlerCell, ProblemTypeCell } from './CaseListParts';

const Col = DataTable.Col<CaseRecord>;
const NO_WRAP = { whiteSpace: 'nowrap' } as const;
/** Headers and short values on one line; the table scrolls sideways inside its own box, never the page. */
const TABLE_SX = {
  '& .RaDataTable-tableWrapper': { overflowX: 'auto', maxWidth: '100%' },
  '& .MuiTableCell-head': { whiteSpace: 'nowrap' },
  '& .MuiTableCell-body': { whiteSpace: 'nowrap' },
  '& td.column-customerName': { whiteSpace: 'normal', minWidth: '8em' },
  '& td.column-handler': { whiteSpace: 'nowrap' },
} as const;

/** The API answers at most 500 rows per request; the export asks for one such page. */
export const EXPORT_MAX_ROWS = 500;

function CaseListActions() {
  return (
    <TopToolbar sx={{ flexWrap: 'wrap', justifyContent: 'flex-end', minWidth: 0 }}>
      <CaseTotal />
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

/** The list's body: a table on a desktop or a landscape tablet (fewer columns), cards on a phone. */
function CaseListBody() {
  // ≥ lg: every column; md–lg (a tablet in landscape, a station lead's): the columns of the day's work;
  // below sm (a phone, 390 px): two-line cards.
  const wide = useMediaQuery((theme: Theme) => theme.breakpoints.up('lg'));
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const translate = useTranslate();
  if (phone) {
    return (
      <SimpleList<CaseRecord>
        linkType="show"
        empty={<CaseListEmpty />}
        primaryText={(r) => `${r.caseNo} · ${r.customerName ?? r.customerAccountNo}`}
        secondaryText={(r) =>
          [
            translate(enumLabel('stage', r.stage)),
            r.imported ? translate('resources.cases.imported.chip') : null,
            handlerText(r, translate),
            deadlineText(deadlineLabel(r as CaseRecord & CaseDeadlineFacts), translate),
            r.escalationTier ? translate(enumLabel('escalationTier', r.escalationTier)) : null,
            r.problemType ? translate(enumLabel('problemType', r.problemType)) : null,
          ].filter(Boolean).join(' · ')
        }
        tertiaryText={(r) => formatDateTime(r.createdAt)}
        sx={{ '& .MuiListItemText-root': { overflowWrap: 'anywhere' } }}
      />
    );
  }
  return (
    <DataTable
      rowClick="show"
      bulkActionButtons={<CaseBulkAssignButton />}
      empty={<CaseListEmpty />}
      size={wide ? 'medium' : 'small'}
      sx={TABLE_SX}
    >
      <Col source="caseNo">
        <TextField source="caseNo" sx={NO_WRAP} />
        <ImportedCaseChip />
      </Col>
      {wide && (
        <Col source="customerAccountNo">
          <TextField source="customerAccountNo" sx={NO_WRAP} />
        </Col>
      )}
      <Col source="customerName">
        <TextField source="customerName" emptyText="—" />
      </Col>
      <Col source="stage">
        <SelectField source="stage" choices={stageChoices} />
      </Col>
      <Col source="handler" label="cockpit.columns.handler" disableSort>
        <HandlerCell />
      </Col>
      <Col source="workingDaysLeft" label="cockpit.columns.workingDaysLeft" disableSort>
        <WorkingDaysCell />
      </Col>
      <Col source="escalationTier" label="cockpit.columns.escalationTier" disableSort>
        <EscalationCell />
      </Col>
      {wide && (
        <Col source="problemType" label="cockpit.columns.problemType" disableSort>
          <ProblemTypeCell />
        </Col>
      )}
      {wide && (
        <Col source="origin" label="cockpit.columns.origin">
          <SelectField source="origin" choices={originChoices} />
        </Col>
      )}
      {wide && (
        <Col source="priority">
          <SelectField source="priority" choices={priorityChoices} />
        </Col>
      )}
      {wide && (
        <Col source="orgUnitName" disableSort>
          <TextField source="orgUnitName" emptyText="—" />
        </Col>
      )}
      <Col source="createdAt">
        <CaseDateTimeField source="createdAt" sx={NO_WRAP} />
      </Col>
    </DataTable>
  );
}

/** A failed load shows the error panel alone: react-admin's toast (an English sentence) is left out. */
const QUIET_ERRORS = { onError: () => undefined };

export function CaseList() {
  const exporter = useCaseExporter();
  return (
    <List
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      filters={caseFilters}
      filterDefaultValues={DEFAULT_CASE_FILTER}
      exporter={exporter}
      actions={<CaseListActions />}
      error={<CaseListError />}
      queryOptions={QUIET_ERRORS}
      empty={false}
      sx={{ minWidth: 0, maxWidth: '100%', '& .RaList-main': { minWidth: 0 }, '& .RaList-content': { minWidth: 0 } }}
    >
      <CaseViewTabs />
      <CaseListBody />
    </List>
  );
}
