import { Box, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link, useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import { ok } from '../../data/api';
import type { JichaDataProvider } from '../../data/dataProvider';
import { formatDateTime } from '../../format/dateTime';
import { ErrorState, LoadingState } from '../../ui/LoadStates';
import { signedPoints, type BreakdownLine, type RankingRow } from './assessmentModel';

const B = 'resources.assessment-rankings.breakdown';

function LineChips({ lines }: { lines: BreakdownLine[] }) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap">
      {lines.map((l, i) => (
        <Chip key={i} size="small" variant="outlined" color={l.points < 0 ? 'error' : 'success'} title={`${l.reason} · ${l.ruleSetVersion}`}
          label={`${translate(`resources.assessment-rule-sets.items.${l.item}`, { _: l.item })} ${signedPoints(l.points)}`} />
      ))}
    </Stack>
  );
}

/** A ranked party's month down to its cases: every score line with the rule version it was given under. */
export function PartyBreakdownPanel() {
  const row = useRecordContext<RankingRow>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<JichaDataProvider>();
  const q = useQuery({
    queryKey: ['assessment-breakdown', row?.period, row?.partyKind, row?.partyId],
    enabled: !!row,
    queryFn: async () =>
      ok(await dataProvider.callApi('get', '/api/assessment-periods/{period}/parties/{kind}/{id}', { params: { path: { period: row!.period, kind: row!.partyKind, id: row!.partyId } } })),
  });
  if (!row) return null;
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <LoadingState />;
  const b = q.data;
  return (
    <Box sx={{ py: 1 }} data-testid="party-breakdown">
      <Typography variant="subtitle2">{translate(`${B}.title`, { name: b.name, period: b.period })}</Typography>
      {b.cases.length === 0 && b.monthly.length === 0 && <Typography variant="body2">{translate(`${B}.none`)}</Typography>}
      {b.cases.length > 0 && (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{translate(`${B}.case`)}</TableCell>
              <TableCell>{translate(`${B}.closedAt`)}</TableCell>
              <TableCell align="right">{translate('resources.assessment-rankings.fields.total')}</TableCell>
              <TableCell>{translate(`${B}.lines`)}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {b.cases.map((c) => (
              <TableRow key={c.caseId}>
                <TableCell><Link to={`/cases/${c.caseId}/show`}>{c.caseNo ?? c.caseId.slice(0, 8)}</Link></TableCell>
                <TableCell>{formatDateTime(c.closedAt)}</TableCell>
                <TableCell align="right">{signedPoints(c.total)}</TableCell>
                <TableCell><LineChips lines={c.lines} /></TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {b.monthly.length > 0 && (
        <Stack direction="row" spacing={1} alignItems="center" sx={{ mt: 1 }}>
          <Typography variant="body2">{translate(`${B}.monthly`)}</Typography>
          <LineChips lines={b.monthly} />
        </Stack>
      )}
    </Box>
  );
}
