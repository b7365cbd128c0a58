import { Box, Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { CaseLive } from './useCaseQueries';
import { formatDateTime } from '../../../format/dateTime';
import { EmptyState } from '../../../ui/LoadStates';
import { SectionCard } from '../../../ui/SectionCard';
import { enumLabel } from '../caseEnums';
import { usePersonNames } from '../../../ui/people/CasePeopleContext';

/** 复核: one row per round, pass or reject with the reason. */
export function VerificationRoundsPanel({ rounds }: { rounds: readonly CaseLive['verifications'][number][] }) {
  const translate = useTranslate();
  const names = usePersonNames();
  const t = (k: string) => translate(`resources.cases.verification.${k}`);
  return (
    <SectionCard title="resources.cases.verification.title" data-testid="case-verifications">
      {rounds.length === 0 ? (
        <EmptyState message="resources.cases.verification.none" />
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t('round')}</TableCell>
                <TableCell>{t('outcome')}</TableCell>
                <TableCell>{t('reason')}</TableCell>
                <TableCell>{t('by')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rounds.map((r) => (
                <TableRow key={r.round}>
                  <TableCell>{r.round}</TableCell>
                  <TableCell>
                    <Chip
                      size="small"
                      color={r.outcome === 'pass' ? 'success' : 'error'}
                      label={translate(enumLabel('verifyOutcome', r.outcome))}
                    />
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{r.reason ?? '—'}</TableCell>
                  <TableCell>
                    {names.short(r.by)} · {formatDateTime(r.at)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </SectionCard>
  );
}
