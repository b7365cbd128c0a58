import { Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';

/** One item of a draft against the version in force, its values already as the user reads them. */
export interface ChangeRow {
  key: string;
  label: string;
  kind: 'added' | 'removed' | 'changed';
  from: string;
  to: string;
}

/**
 * A draft's differences from the version in force, item by item: what it was, what the draft makes it. Items only one
 * side has are marked 新增 / 删除.
 */
export function ChangesTable({ rows, fromTitle, toTitle, ariaLabel }: { rows: readonly ChangeRow[]; fromTitle: string; toTitle: string; ariaLabel: string }) {
  const translate = useTranslate();
  return (
    <Table size="small" aria-label={ariaLabel}>
      <TableHead>
        <TableRow>
          <TableCell />
          <TableCell>{fromTitle}</TableCell>
          <TableCell>{toTitle}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((c) => (
          <TableRow key={c.key} data-testid={`change-${c.key}`} data-kind={c.kind}>
            <TableCell component="th" scope="row">
              {c.label}
              {c.kind !== 'changed' && (
                <Chip size="small" variant="outlined" color={c.kind === 'added' ? 'success' : 'warning'} sx={{ ml: 1 }} label={translate(`app.changes.${c.kind}`)} />
              )}
            </TableCell>
            <TableCell>{c.from}</TableCell>
            <TableCell sx={{ fontWeight: 600 }}>{c.to}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
