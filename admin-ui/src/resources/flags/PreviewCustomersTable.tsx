import { Alert, Box, Button, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { useTranslate } from 'react-admin';
import { ErrorState, LoadingState } from '../../ui/LoadStates';
import { FlagReasons } from './FlagReasons';
import { formatRate } from './flagModel';
import { usePreviewCustomers } from './useStoredFlags';

/** A draft campaign's selection listed: customers best score first, with 预计查实率 and reasons, a keyset page at a time. */
export function PreviewCustomersTable({ campaignId, ruleName }: { campaignId: string; ruleName?: (code: string) => string | undefined }) {
  const translate = useTranslate();
  const q = usePreviewCustomers(campaignId);
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const first = q.data?.pages[0];
  if (!q.data || !first) return <LoadingState />;
  const rows = q.data.pages.flatMap((p) => p.rows);
  const C = 'flags.preview.columns';
  return (
    <Box data-testid="campaign-preview-customers">
      <Typography variant="subtitle1">{translate('flags.preview.title')}</Typography>
      <Typography variant="caption" color="text.secondary" data-testid="preview-source">
        {translate(`flags.preview.source.${first.source}`, { month: first.asOfMonth })}
      </Typography>
      {rows.length === 0 ? (
        <Alert severity="info" sx={{ mt: 1 }}>{translate('flags.preview.empty')}</Alert>
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small">
            <TableHead>
              <TableRow>
                {['accountNo', 'name', 'score', 'expectedRate', 'reasons'].map((c) => <TableCell key={c}>{translate(`${C}.${c}`)}</TableCell>)}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.accountNo} data-testid="preview-customer-row">
                  <TableCell>
                    <RouterLink to={`/customers/${r.accountNo}/show`}>{r.accountNo}</RouterLink>
                  </TableCell>
                  <TableCell>
                    {r.customerName}
                    {r.openCaseId && <Chip size="small" sx={{ ml: 1 }} label={translate('flags.preview.openCase')} />}
                  </TableCell>
                  <TableCell>{r.score}</TableCell>
                  <TableCell>{formatRate(r.expectedRate)}</TableCell>
                  <TableCell sx={{ minWidth: 240 }}>
                    <FlagReasons reasons={r.reasons} ruleName={ruleName} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
      {q.hasNextPage && (
        <Button size="small" sx={{ mt: 1 }} onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage} data-testid="preview-more">
          {translate('flags.preview.more')}
        </Button>
      )}
    </Box>
  );
}
