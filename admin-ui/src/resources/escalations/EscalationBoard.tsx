import { useState } from 'react';
import { Alert, Box, Card, Paper, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { RefreshButton, Title, useGetList, useTranslate } from 'react-admin';
import { useNow } from '../../hooks/useNow';
import { EmptyState, ErrorState, LoadingState } from '../../ui/LoadStates';
import { EscalationTierChip } from '../cases/show/EscalationTierChip';
import { EscalationCard } from './EscalationCard';
import type { ApiItem } from '../../data/api';
import { isEscalationTier, type EscalationTier } from '../cases/caseEnums';

/** One row of the board (GET /api/escalations). */
export type EscalationRecord = ApiItem<'/api/escalations'>;

/** The endpoint's page limit; the board asks for one full page. */
export const BOARD_MAX_ROWS = 500;
/** Highest tier first: the oldest, most serious delays lead. */
const COLUMNS: readonly EscalationTier[] = [3, 2, 1];

/** Escalations grouped by tier, oldest first in each column (the API's order). */
export function groupByTier(rows: readonly EscalationRecord[]): Record<EscalationTier, EscalationRecord[]> {
  const groups: Record<EscalationTier, EscalationRecord[]> = { 1: [], 2: [], 3: [] };
  // The document types `tier` as a number (1–3 in its schema): a row outside the three columns is left out.
  for (const row of rows) if (isEscalationTier(row.tier)) groups[row.tier].push(row);
  for (const tier of COLUMNS) groups[tier].sort((a, b) => Date.parse(a.raisedAt) - Date.parse(b.raisedAt));
  return groups;
}

/** 升级督办看板 for station leads, supervisors and managers. */
export function EscalationBoard() {
  const translate = useTranslate();
  const now = useNow();
  const [open, setOpen] = useState(true);
  const { data, total, isPending, error, refetch } = useGetList<EscalationRecord>(
    'escalations',
    { pagination: { page: 1, perPage: BOARD_MAX_ROWS }, filter: { open } },
    { refetchInterval: 60_000 },
  );
  const groups = groupByTier(data ?? []);
  return (
    <Box sx={{ mt: 1, mb: 4 }} data-testid="escalation-board">
      <Title title={translate('resources.escalations.name', { smart_count: 2 })} />
      <Card sx={{ p: 1.5, mb: 2 }}>
        <Stack direction="row" flexWrap="wrap" useFlexGap spacing={2} alignItems="center" justifyContent="space-between">
          <ToggleButtonGroup
            exclusive
            size="small"
            value={open ? 'open' : 'resolved'}
            onChange={(_, v: string | null) => v && setOpen(v === 'open')}
            aria-label={translate('resources.escalations.filter.label')}
          >
            <ToggleButton value="open">{translate('resources.escalations.filter.open')}</ToggleButton>
            <ToggleButton value="resolved">{translate('resources.escalations.filter.resolved')}</ToggleButton>
          </ToggleButtonGroup>
          <Stack direction="row" spacing={1} alignItems="center">
            {total !== undefined && (
              <Typography variant="body2" color="text.secondary">
                {translate('resources.escalations.total', { smart_count: total })}
              </Typography>
            )}
            <RefreshButton />
          </Stack>
        </Stack>
      </Card>
      {total !== undefined && total > BOARD_MAX_ROWS && (
        <Alert severity="info" sx={{ mb: 2 }}>
          {translate('resources.escalations.truncated', { shown: BOARD_MAX_ROWS, total })}
        </Alert>
      )}
      {isPending ? (
        <LoadingState />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: 'repeat(3, 1fr)' }, alignItems: 'start' }}>
          {COLUMNS.map((tier) => (
            <Paper key={tier} variant="outlined" sx={{ p: 1.5, bgcolor: 'background.default' }} data-testid={`escalation-column-${tier}`}>
              <Stack direction="row" justifyContent="space-between" alignItems="center" sx={{ mb: 1 }}>
                <EscalationTierChip tier={tier} />
                <Typography variant="body2" color="text.secondary">
                  {groups[tier].length}
                </Typography>
              </Stack>
              <Stack spacing={1}>
                {groups[tier].length === 0 ? (
                  <EmptyState message={open ? 'resources.escalations.emptyOpen' : 'resources.escalations.emptyResolved'} />
                ) : (
                  groups[tier].map((e) => <EscalationCard key={e.id} escalation={e} now={now} />)
                )}
              </Stack>
            </Paper>
          ))}
        </Box>
      )}
    </Box>
  );
}
