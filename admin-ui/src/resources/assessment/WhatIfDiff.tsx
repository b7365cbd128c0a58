import { Box, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import { useTranslate } from 'react-admin';
import { moveOf, movementSummary, PARTY_KINDS, signedPoints, type Move, type WhatIfResult } from './assessmentModel';

const W = 'resources.assessment-rule-sets.whatIf';

function MoveChip({ move }: { move: Move }) {
  const translate = useTranslate();
  if (move.kind === 'up') return <Chip size="small" color="success" icon={<ArrowUpwardIcon />} label={translate(`${W}.up`, { n: move.n })} data-testid="move" />;
  if (move.kind === 'down') return <Chip size="small" color="error" icon={<ArrowDownwardIcon />} label={translate(`${W}.down`, { n: move.n })} data-testid="move" />;
  if (move.kind === 'same') return <Chip size="small" variant="outlined" label={translate(`${W}.same`)} data-testid="move" />;
  return <Chip size="small" color="warning" variant="outlined" label={translate(`${W}.${move.kind}`)} data-testid="move" />;
}

/** Both rankings of a month side by side, per party kind, with each party's movement under the evaluated version. */
export function WhatIfDiff({ result }: { result: WhatIfResult }) {
  const translate = useTranslate();
  const s = movementSummary(result.rows);
  return (
    <Box data-testid="what-if-diff">
      <Typography variant="body2" color="text.secondary" data-testid="what-if-baseline">
        {translate(`${W}.${result.current}`, { period: result.period, version: result.currentRuleSetVersion })}
      </Typography>
      <Typography variant="subtitle2" sx={{ mt: 1 }} data-testid="what-if-summary">
        {translate(`${W}.summary`, s)}
      </Typography>
      {result.rows.length === 0 && <Typography sx={{ mt: 2 }}>{translate(`${W}.empty`)}</Typography>}
      {PARTY_KINDS.map((kind) => {
        const rows = result.rows.filter((r) => r.partyKind === kind);
        if (!rows.length) return null;
        return (
          <Box key={kind} sx={{ mt: 2 }}>
            <Typography variant="subtitle2">{translate(`resources.assessment-rule-sets.parties.${kind}`)}</Typography>
            <Table size="small" data-testid={`what-if-${kind}`}>
              <TableHead>
                <TableRow>
                  <TableCell>{translate('resources.assessment-rankings.fields.name')}</TableCell>
                  <TableCell align="right">{translate(`${W}.current`)} · {translate(`${W}.rank`)}</TableCell>
                  <TableCell align="right">{translate(`${W}.current`)} · {translate(`${W}.total`)}</TableCell>
                  <TableCell align="right">{translate(`${W}.draft`)} · {translate(`${W}.rank`)}</TableCell>
                  <TableCell align="right">{translate(`${W}.draft`)} · {translate(`${W}.total`)}</TableCell>
                  <TableCell>{translate(`${W}.movement`)}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={r.id} data-testid="what-if-row" data-party={r.partyId}>
                    <TableCell>
                      {r.name}
                      {r.name !== r.partyId && (
                        <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                          {r.partyId}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell align="right">{r.currentRank ?? '—'}</TableCell>
                    <TableCell align="right">{signedPoints(r.currentTotal)}</TableCell>
                    <TableCell align="right">{r.draftRank ?? '—'}</TableCell>
                    <TableCell align="right">{signedPoints(r.draftTotal)}</TableCell>
                    <TableCell>
                      <MoveChip move={moveOf(r)} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        );
      })}
    </Box>
  );
}
