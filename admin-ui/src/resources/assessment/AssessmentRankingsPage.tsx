import { useState } from 'react';
import { Button, Chip } from '@mui/material';
import LockIcon from '@mui/icons-material/LockOutlined';
import {
  DataTable, List, SelectInput, TextInput, TopToolbar, useCanAccess, useDataProvider, useListContext, useNotify, useRefresh, useTranslate,
} from 'react-admin';
import { ok } from '../../data/api';
import type { JichaDataProvider } from '../../data/dataProvider';
import { lastMonth, PARTY_KINDS, signedPoints, type RankingRow } from './assessmentModel';
import { PartyBreakdownPanel } from './PartyBreakdownPanel';

const K = 'resources.assessment-rankings';
const Col = DataTable.Col<RankingRow>;
const partyChoices = PARTY_KINDS.map((k) => ({ id: k, name: `resources.assessment-rule-sets.parties.${k}` }));

const filters = [
  <TextInput key="period" source="period" label={`${K}.fields.period`} type="month" alwaysOn slotProps={{ inputLabel: { shrink: true } }} />,
  <SelectInput key="partyKind" source="partyKind" label={`${K}.fields.partyKind`} choices={partyChoices} alwaysOn />,
];

/** Closes the month on screen (the same workflow the monthly schedule runs); a second close changes nothing. */
function ClosePeriodButton() {
  const { filterValues, data } = useListContext<RankingRow>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<JichaDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'assessment-rankings', action: 'close' });
  const [busy, setBusy] = useState(false);
  const period = filterValues.period as string | undefined;
  const closed = data?.[0]?.closed;
  if (!canAccess || !period || period > lastMonth()) return null;
  const close = async () => {
    setBusy(true);
    try {
      const result = ok(await dataProvider.callApi('post', '/api/assessment-periods/{period}/close', { params: { path: { period } } }));
      notify(result.closedNow ? `${K}.closeDone` : `${K}.closeAgain`, { type: result.closedNow ? 'success' : 'info', messageArgs: { period, caseCount: result.caseCount } });
      refresh();
    } catch (e) {
      notify(e instanceof Error ? e.message : String(e), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button startIcon={<LockIcon />} onClick={() => void close()} disabled={busy || closed === true} data-testid="close-period">
      {translate(`${K}.closePeriod`)}
    </Button>
  );
}

function PeriodState() {
  const { data } = useListContext<RankingRow>();
  const translate = useTranslate();
  const first = data?.[0];
  if (!first) return null;
  return <Chip size="small" color={first.closed ? 'success' : 'warning'} variant="outlined" label={translate(first.closed ? `${K}.closed` : `${K}.provisional`)} data-testid="period-state" />;
}

/** 考核排名: a month's ranking per party kind (frozen once the month is closed); a row expands to its cases. */
export function AssessmentRankingsPage() {
  return (
    <List
      filters={filters}
      filterDefaultValues={{ period: lastMonth(), partyKind: 'station' }}
      sort={{ field: 'rank', order: 'ASC' }}
      perPage={50}
      exporter={false}
      actions={<TopToolbar><PeriodState /><ClosePeriodButton /></TopToolbar>}
      storeKey="assessment-rankings"
    >
      <DataTable expand={<PartyBreakdownPanel />} bulkActionButtons={false} rowClick="expand">
        <Col source="rank" />
        <Col source="name" />
        <Col source="partyId" disableSort />
        <Col source="total" render={(r) => signedPoints(r.total)} />
        <Col source="weighted" disableSort render={(r) => (r.weighted === null ? '' : signedPoints(r.weighted))} />
        <Col source="caseCount" />
      </DataTable>
    </List>
  );
}
