import { useQuery } from '@tanstack/react-query';
import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useDataProvider, usePermissions, useTranslate } from 'react-admin';
import { ok } from '../../data/api';
import type { JichaDataProvider } from '../../data/dataProvider';
import { EmptyState, ErrorState, LoadingState } from '../../ui/LoadStates';
import { SectionCard } from '../../ui/SectionCard';
import { formatRate } from './flagModel';

const READERS = ['supervisor', 'manager'];

/** The dashboard's check of 预计查实率: per family, what the flags expected against what the visits found in the period. */
export function ExpectedVsActualCard({ from, to }: { from: string; to: string }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<JichaDataProvider>();
  const { permissions } = usePermissions<string[]>();
  const allowed = Array.isArray(permissions) && permissions.some((r) => READERS.includes(r));
  const q = useQuery({
    queryKey: ['dashboard', 'calibration', from, to],
    queryFn: async () => ok(await dataProvider.callApi('get', '/api/judgement-calibration', { params: { query: { from, to } } })),
    enabled: allowed && from <= to,
    retry: false,
  });
  if (!allowed) return null;
  const C = 'flags.calibration';
  return (
    <SectionCard title={`${C}.title`} data-testid="expected-vs-actual">
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <LoadingState />
      ) : q.data.families.length === 0 ? (
        <EmptyState message={`${C}.empty`} />
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              {['family', 'checked', 'confirmed', 'expected', 'actual'].map((c) => <TableCell key={c}>{translate(`${C}.columns.${c}`)}</TableCell>)}
            </TableRow>
          </TableHead>
          <TableBody>
            {q.data.families.map((f) => (
              <TableRow key={f.family} data-testid="calibration-row">
                <TableCell>{translate(`flags.family.${f.family}`, { _: f.family })}</TableCell>
                <TableCell>{f.checked}</TableCell>
                <TableCell>{f.confirmed}</TableCell>
                <TableCell>{f.expectedRate === null ? '—' : `${formatRate(f.expectedRate)}${f.withExpected < f.checked ? ` (${f.withExpected})` : ''}`}</TableCell>
                <TableCell>{formatRate(f.actualRate)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </SectionCard>
  );
}
