import { Button } from '@mui/material';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { useRecordContext, useTranslate } from 'react-admin';
import { usePublicConfig } from '../../boot/PublicConfigContext';
import type { CaseRecord } from './caseEnums';
import { temporalWorkflowUrl } from './temporalLink';

/** Link to the case's workflow in the Temporal Web UI (hidden when there is none). */
export function OpenInTemporalButton() {
  const record = useRecordContext<CaseRecord>();
  const { temporalUiUrl } = usePublicConfig();
  const translate = useTranslate();
  // an imported case (历史导入) has no workflow
  const href = record?.imported ? null : temporalWorkflowUrl(temporalUiUrl, record?.workflowId);
  if (!href) return null;
  return (
    <Button
      component="a"
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      size="small"
      startIcon={<OpenInNewIcon />}
    >
      {translate('resources.cases.actions.openInTemporal')}
    </Button>
  );
}
