import { Button } from '@mui/material';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { useRecordContext, useTranslate } from 'react-admin';
import { usePublicConfig } from '../../boot/PublicConfigContext';
import type { CaseRecord } from './caseEnums';
import { temporalWorkflowUrl } from './temporalLink';
import { useEngineDetails } from '../../auth/useEngineDetails';

/** Link to the case's workflow in the Temporal Web UI: for admins only (#16), and hidden when there is none. */
export function OpenInTemporalButton() {
  const record = useRecordContext<CaseRecord>();
  const { temporalUiUrl } = usePublicConfig();
  const translate = useTranslate();
  const engine = useEngineDetails();
  // an imported case (历史导入) has no workflow
  const href = record?.imported ? null : temporalWorkflowUrl(temporalUiUrl, record?.workflowId);
  if (!href || !engine) return null;
  return (
    <Button
      component="a"
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      size="small"
      startIcon={<OpenInNewIcon />}
      data-testid="open-in-temporal"
    >
      {translate('resources.cases.actions.openInTemporal')}
    </Button>
  );
}
