import { Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { ChangesTable } from '../../ui/ChangesTable';
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
    <ChangesTable
      ariaLabel={translate('resources.case-policies.sections.changes', { version: inForce.version })}
      fromTitle={inForce.version}
      toTitle={translate('resources.case-policies.standing.draft')}
      rows={changes.map((c) => ({ key: c.key, label: label(c), kind: 'changed', from: withUnit(c.from, c.unit), to: withUnit(c.to, c.unit) }))}
    />
  );
}
