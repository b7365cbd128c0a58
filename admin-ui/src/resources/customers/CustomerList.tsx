import { useMediaQuery, type Theme } from '@mui/material';
import {
  BooleanField,
  DataTable,
  List,
  NullableBooleanInput,
  SearchInput,
  SelectArrayInput,
  SelectField,
  SimpleList,
  TextField,
  TextInput,
  useTranslate,
} from 'react-admin';
import { useOrgUnitNames } from '../../ui/orgUnits/useOrgUnits';
import { CUSTOMER_STATUSES, customerChoices, customerEnum, TARIFF_CATEGORIES, type CustomerListRecord } from './customerModel';

const Col = DataTable.Col<CustomerListRecord>;
const TABLE_SX = {
  '& .MuiTableCell-head': { whiteSpace: 'nowrap' },
  '& .MuiTableCell-body': { whiteSpace: 'nowrap' },
  '& td.column-address': { whiteSpace: 'normal', minWidth: '12em' },
} as const;

/** Filters GET /api/customers accepts (it refuses others with 400). */
const customerFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectArrayInput key="tariffCategory" source="tariffCategory" choices={customerChoices('tariffCategory', TARIFF_CATEGORIES)} />,
  <SelectArrayInput key="status" source="status" choices={customerChoices('status', CUSTOMER_STATUSES)} />,
  <NullableBooleanInput key="whitelist" source="whitelist" />,
  <TextInput key="stationId" source="stationId" />,
];

/** 客户查询: account number, name or address; the 360 view opens on click. */
export function CustomerList() {
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const wide = useMediaQuery((theme: Theme) => theme.breakpoints.up('lg'));
  const translate = useTranslate();
  const unitName = useOrgUnitNames();
  return (
    <List sort={{ field: 'accountNo', order: 'ASC' }} perPage={25} filters={customerFilters} exporter={false}>
      {narrow ? (
        <SimpleList<CustomerListRecord>
          linkType="show"
          primaryText={(r) => `${r.accountNo} · ${r.name}`}
          secondaryText={(r) => `${translate(customerEnum('tariffCategory', r.tariffCategory))} · ${translate(customerEnum('status', r.status))}`}
          tertiaryText={(r) => unitName(r.stationId)}
        />
      ) : (
        <DataTable rowClick="show" bulkActionButtons={false} sx={TABLE_SX}>
          <Col source="accountNo" />
          <Col source="name" />
          <Col source="address" disableSort>
            <TextField source="address" />
          </Col>
          <Col source="tariffCategory">
            <SelectField source="tariffCategory" choices={customerChoices('tariffCategory', TARIFF_CATEGORIES)} />
          </Col>
          <Col source="status">
            <SelectField source="status" choices={customerChoices('status', CUSTOMER_STATUSES)} />
          </Col>
          {wide && (
            <Col source="whitelist" disableSort>
              <BooleanField source="whitelist" />
            </Col>
          )}
          <Col source="stationId" render={(r) => unitName(r.stationId)} />
        </DataTable>
      )}
    </List>
  );
}
