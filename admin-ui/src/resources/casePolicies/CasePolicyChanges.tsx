import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { policyChanges, type CasePolicyRecord } from './casePolicyModel';

type Rules = Pick<CasePolicyRecord, 'deadlines' | 'escalation' | 'evidence'>;

/** A draft against the version in force, item by item: what it was, what the draft makes it. */
export function CasePolicyChanges({ inForce, draft }: { inForce: (Rules & { version: string }) | undefined; draft: Rules }) {
  const translate = useTranslate();
  if (!inForce) return <Typography variant="body2" color="text.secondary">{translate('resources.case-policies.noneInForce')}</Typography>;
  const changes = policyChanges(inForce, draft);
  if (!changes.length) return <Typography variant="body2" color="text.secondary">{translate('resources.case-policies.noChanges')}</Typography>;
  const label = (c: (typeof changes)[number]) =>
    translate(c.label, Object.fromEntries(Object.entries(c.labelArgs ?? {}).map(([k, v]) => [k, translate(v)])));
  const withUnit = (n: number | undefined, unit: string) => (n === undefined ? '—' : `${n} ${translate(unit)}`.replace(' %', '%'));
  return (
    <Table size="small" aria-label={translate('resources.case-policies.sections.changes', { version: inForce.version })}>
      <TableHead>
        <TableRow>
          <TableCell />
          <TableCell>{inForce.version}</TableCell>
          <TableCell>{translate('resources.case-policies.standing.draft')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {changes.map((c) => (
          <TableRow key={c.key} data-testid={`change-${c.key}`}>
            <TableCell component="th" scope="row">{label(c)}</TableCell>
            <TableCell>{withUnit(c.from, c.unit)}</TableCell>
            <TableCell sx={{ fontWeight: 600 }}>{withUnit(c.to, c.unit)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
