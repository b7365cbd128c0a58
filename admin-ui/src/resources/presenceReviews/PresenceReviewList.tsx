import { Stack, Typography, useMediaQuery, type Theme } from '@mui/material';
import {
  DataTable,
  FunctionField,
  List,
  SearchInput,
  SelectArrayInput,
  SimpleList,
  TextField,
  TopToolbar,
  FilterButton,
  useTranslate,
} from 'react-admin';
import { formatDateTime } from '../../format/dateTime';
import { EmptyState } from '../../ui/LoadStates';
import { formatConfidence, reasonChoices, reasonLabel, type PresenceReviewRecord } from './presenceModel';
import { ConfidenceChip, ReasonChips } from './ReasonViews';

const Col = DataTable.Col<PresenceReviewRecord>;
const NO_WRAP = { whiteSpace: 'nowrap' } as const;

/** Sent as ?filter={"q":…,"reason":[…]} (the API refuses keys it does not know). */
const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectArrayInput key="reason" source="reason" choices={reasonChoices} label="resources.presence-reviews.fields.reason" />,
];

function Actions() {
  return (
    <TopToolbar>
      <FilterButton />
    </TopToolbar>
  );
}

/**
 * 疑似虚假工单: open cases whose field visit waits for a supervisor's review, newest first. A row opens the review; on a
 * phone each row is two lines (case and customer; the strongest reasons and the confidence).
 */
export function PresenceReviewList() {
  const translate = useTranslate();
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  return (
    <List
      sort={{ field: 'since', order: 'DESC' }}
      perPage={25}
      filters={filters}
      actions={<Actions />}
      empty={false}
      exporter={false}
    >
      {narrow ? (
        <SimpleList<PresenceReviewRecord>
          linkType="show"
          primaryText={(r) => `${r.caseNo} · ${r.customerName}`}
          secondaryText={(r) => `${formatConfidence(r.confidence)} · ${r.reasonCodes.slice(0, 3).map((c) => reasonLabel(c, translate)).join('、')}`}
          tertiaryText={(r) => formatDateTime(r.since)}
          empty={<EmptyState message="resources.presence-reviews.empty" />}
        />
      ) : (
        <DataTable rowClick="show" bulkActionButtons={false} empty={<EmptyState message="resources.presence-reviews.empty" />}>
          <Col source="caseNo">
            <TextField source="caseNo" sx={NO_WRAP} />
          </Col>
          <Col source="customerName" disableSort>
            <FunctionField<PresenceReviewRecord>
              render={(r) => (
                <Stack>
                  <Typography variant="body2">{r.customerName}</Typography>
                  <Typography variant="caption" color="text.secondary">
                    {r.customerAccountNo}
                  </Typography>
                </Stack>
              )}
            />
          </Col>
          <Col source="orgUnitName" disableSort>
            <TextField source="orgUnitName" />
          </Col>
          <Col source="inspector" disableSort>
            <TextField source="inspector" emptyText="—" />
          </Col>
          <Col source="since">
            <FunctionField<PresenceReviewRecord> render={(r) => formatDateTime(r.since)} sx={NO_WRAP} />
          </Col>
          <Col source="confidence">
            <FunctionField<PresenceReviewRecord> render={(r) => <ConfidenceChip confidence={r.confidence} />} />
          </Col>
          <Col source="reasonCodes" disableSort>
            <FunctionField<PresenceReviewRecord> render={(r) => <ReasonChips codes={r.reasonCodes} />} />
          </Col>
        </DataTable>
      )}
    </List>
  );
}
