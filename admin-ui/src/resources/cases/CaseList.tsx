import { DataTable, List, SelectField, TextField } from 'react-admin';
import { originChoices, priorityChoices, stageChoices } from './caseEnums';
import { caseFilters } from './caseFilters';
import { CaseDateTimeField } from './CaseDateTimeField';
import type { CaseRecord } from './caseRecord';

const Col = DataTable.Col<CaseRecord>;
const NO_WRAP = { whiteSpace: 'nowrap' } as const;

export function CaseList() {
  return (
    <List
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      filters={caseFilters}
      exporter={false}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <Col source="caseNo">
          <TextField source="caseNo" sx={NO_WRAP} />
        </Col>
        <Col source="customerAccountNo">
          <TextField source="customerAccountNo" sx={NO_WRAP} />
        </Col>
        <Col source="customerName" disableSort>
          <TextField source="customerName" emptyText="—" />
        </Col>
        <Col source="origin">
          <SelectField source="origin" choices={originChoices} />
        </Col>
        <Col source="stage">
          <SelectField source="stage" choices={stageChoices} />
        </Col>
        <Col source="priority">
          <SelectField source="priority" choices={priorityChoices} />
        </Col>
        <Col source="orgUnitName" disableSort>
          <TextField source="orgUnitName" emptyText="—" />
        </Col>
        <Col source="createdAt">
          <CaseDateTimeField source="createdAt" sx={NO_WRAP} />
        </Col>
      </DataTable>
    </List>
  );
}
