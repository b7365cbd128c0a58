import type { ReactNode } from 'react';
import { Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';
import { EmptyState } from '../../ui/LoadStates';

export interface RowsColumn<T> {
  key: string;
  /** Translation key of the header. */
  label: string;
  render: (row: T) => ReactNode;
  align?: 'left' | 'right';
  /** Let long text wrap (otherwise one line; the table scrolls sideways on a narrow tablet). */
  wrap?: boolean;
}

/** A read-only table of rows that are not a react-admin resource (parts of a detail record). */
export function RowsTable<T>({
  rows,
  columns,
  rowKey,
  empty,
  onRowClick,
  testId,
}: {
  rows: readonly T[];
  columns: RowsColumn<T>[];
  rowKey: (row: T, index: number) => string;
  /** Translation key shown when there are no rows. */
  empty: string;
  onRowClick?: (row: T) => void;
  testId?: string;
}) {
  const translate = useTranslate();
  if (rows.length === 0) return <EmptyState message={empty} />;
  return (
    <TableContainer sx={{ overflowX: 'auto' }} data-testid={testId}>
      <Table size="small">
        <TableHead>
          <TableRow>
            {columns.map((c) => (
              <TableCell key={c.key} align={c.align} sx={{ whiteSpace: 'nowrap', fontWeight: 600 }}>
                {translate(c.label, { _: c.label })}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row, i) => (
            <TableRow
              key={rowKey(row, i)}
              hover={!!onRowClick}
              onClick={onRowClick ? () => onRowClick(row) : undefined}
              sx={onRowClick ? { cursor: 'pointer' } : undefined}
            >
              {columns.map((c) => (
                <TableCell key={c.key} align={c.align} sx={c.wrap ? { minWidth: '10em' } : { whiteSpace: 'nowrap' }}>
                  {c.render(row)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
