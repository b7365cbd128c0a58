import { Alert, AlertTitle, Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { CaseRecord } from './caseEnums';

/** 历史导入: a closed case of the previous system (no workflow); shown beside the case number. */
export function ImportedCaseChip({ record }: { record?: Pick<CaseRecord, 'imported'> }) {
  const context = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  if (!(record ?? context)?.imported) return null;
  return <Chip size="small" color="secondary" variant="outlined" label={translate('resources.cases.imported.chip')} data-testid="imported-chip" sx={{ ml: 1 }} />;
}

/** Where a workflow case shows its live state and steps, an imported one says why it has none. */
export function ImportedCaseNotice() {
  const translate = useTranslate();
  return (
    <Alert severity="info" data-testid="imported-notice">
      <AlertTitle>{translate('resources.cases.imported.title')}</AlertTitle>
      {translate('resources.cases.imported.notice')}
    </Alert>
  );
}
