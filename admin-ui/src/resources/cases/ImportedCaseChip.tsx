import { Alert, AlertTitle, Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { CaseRecord } from './caseEnums';
import type { CaseEvent } from './show/useCaseQueries';

/** 历史导入: a closed case of the previous system (no workflow); shown beside the case number. */
export function ImportedCaseChip({ record }: { record?: Pick<CaseRecord, 'imported'> }) {
  const context = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  if (!(record ?? context)?.imported) return null;
  return <Chip size="small" color="secondary" variant="outlined" label={translate('resources.cases.imported.chip')} data-testid="imported-chip" sx={{ ml: 1 }} />;
}

/** The source system's case number, from the imported case's opening event. */
export function sourceCaseNo(events: readonly CaseEvent[] | undefined): string | null {
  const imported = events?.find((e) => e.type === 'opened')?.payload?.imported as { sourceCaseNo?: unknown } | undefined;
  return typeof imported?.sourceCaseNo === 'string' ? imported.sourceCaseNo : null;
}

/** Where a workflow case shows its live state and steps, an imported one says why it has none, and its source number. */
export function ImportedCaseNotice({ events }: { events?: readonly CaseEvent[] }) {
  const translate = useTranslate();
  const source = sourceCaseNo(events);
  return (
    <Alert severity="info" data-testid="imported-notice">
      <AlertTitle>{translate('resources.cases.imported.title')}</AlertTitle>
      {translate('resources.cases.imported.notice')}
      {source && <div data-testid="imported-source">{translate('resources.cases.imported.sourceCaseNo', { no: source })}</div>}
    </Alert>
  );
}
