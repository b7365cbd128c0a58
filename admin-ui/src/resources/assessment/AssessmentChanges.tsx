import { Typography } from '@mui/material';
import { useGetList, useTranslate } from 'react-admin';
import { formatShare } from '../../format/percent';
import { ChangesTable, type ChangeRow } from '../../ui/ChangesTable';
import { ErrorState, LoadingState } from '../../ui/LoadStates';
import { assessmentChanges, itemSummary, signedPoints, type AssessmentChange, type AssessmentRuleSetRecord } from './assessmentModel';

const R = 'resources.assessment-rule-sets';
type Doc = Parameters<typeof assessmentChanges>[0];

/** The version in force (none before the first publication). */
export function useAssessmentInForce() {
  const all = useGetList<AssessmentRuleSetRecord>('assessment-rule-sets', { pagination: { page: 1, perPage: 100 } });
  return { inForce: all.data?.find((r) => r.inForce), error: all.error, isPending: all.isPending, refetch: all.refetch };
}

/** A draft against the version in force, item by item, values as the screens show them (points signed, weight in %). */
export function AssessmentChanges({ inForce, draft }: { inForce: (Doc & { version: string }) | undefined; draft: Doc }) {
  const translate = useTranslate();
  if (!inForce) return <Typography variant="body2" color="text.secondary">{translate(`${R}.changes.noneInForce`)}</Typography>;
  const changes = assessmentChanges(inForce, draft);
  if (!changes.length) return <Typography variant="body2" color="text.secondary">{translate(`${R}.changes.none`)}</Typography>;
  const label = (c: AssessmentChange) => {
    if (!('item' in c)) return translate(`${R}.fields.${c.field}`);
    const item = translate(`${R}.items.${c.item}`);
    return c.kind === 'changed' ? `${item} · ${translate(`${R}.fields.${c.field}`)}` : item;
  };
  const value = (c: AssessmentChange, v: unknown): string => {
    if (v === undefined) return '—';
    if (!('item' in c)) return c.field === 'auditWeight' ? formatShare(v as number) : String(v);
    if (c.kind !== 'changed') return itemSummary(v as Parameters<typeof itemSummary>[0], translate);
    if (c.field === 'party') return translate(`${R}.parties.${String(v)}`);
    if (c.field === 'cap') return v === null ? translate(`${R}.noCap`) : String(v);
    return signedPoints(v as number);
  };
  const rows: ChangeRow[] = changes.map((c) => ({ key: c.key, label: label(c), kind: c.kind, from: value(c, c.from), to: value(c, c.to) }));
  return (
    <ChangesTable
      ariaLabel={translate(`${R}.changes.title`)}
      fromTitle={inForce.version}
      toTitle={translate(`${R}.status.draft`)}
      rows={rows}
    />
  );
}

/** The section body on a draft's page: loads the version in force, then the table. */
export function AssessmentChangesSection({ draft }: { draft: Doc }) {
  const { inForce, error, isPending, refetch } = useAssessmentInForce();
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (isPending) return <LoadingState />;
  return <AssessmentChanges inForce={inForce} draft={draft} />;
}
