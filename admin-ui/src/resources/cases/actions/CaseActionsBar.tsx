import { useState, type ReactNode } from 'react';
import { Button, Stack } from '@mui/material';
import AssignIcon from '@mui/icons-material/PersonAddAlt';
import ReassignIcon from '@mui/icons-material/SwapHoriz';
import PassIcon from '@mui/icons-material/TaskAlt';
import RejectIcon from '@mui/icons-material/Undo';
import DismissIcon from '@mui/icons-material/Block';
import CancelIcon from '@mui/icons-material/CancelOutlined';
import NoteIcon from '@mui/icons-material/NoteAddOutlined';
import IssueIcon from '@mui/icons-material/AssignmentLateOutlined';
import ReportIcon from '@mui/icons-material/AssignmentTurnedInOutlined';
import { usePermissions, useTranslate } from 'react-admin';
import type { CaseLive } from '../show/useCaseQueries';
import { availableActionDialogs, isFormDialog, type ActionDialog } from './caseActionModel';
import { CaseActionDialog } from './CaseActionDialog';
import { IssueRectificationDialog } from './IssueRectificationDialog';
import { ReportRectificationDialog } from './ReportRectificationDialog';

const ICONS: Record<ActionDialog, typeof AssignIcon> = {
  assign: AssignIcon,
  reassign: ReassignIcon,
  rectification: IssueIcon,
  'rectification-report': ReportIcon,
  'verify-pass': PassIcon,
  'verify-reject': RejectIcon,
  dismiss: DismissIcon,
  cancel: CancelIcon,
  note: NoteIcon,
};

/** The steps this user may take on the case now, each opening its dialog. */
export function CaseActionsBar({
  caseId,
  live,
  divider,
}: {
  caseId: string;
  live: CaseLive | null | undefined;
  /** Shown above the buttons, only when there are any. */
  divider?: ReactNode;
}) {
  const translate = useTranslate();
  const { permissions } = usePermissions<string[]>();
  const [open, setOpen] = useState<ActionDialog | null>(null);
  const dialogs = availableActionDialogs(Array.isArray(permissions) ? permissions : [], live);
  if (dialogs.length === 0) return null;
  return (
    <>
      {divider}
      <Stack direction="row" flexWrap="wrap" useFlexGap spacing={1} data-testid="case-actions">
        {dialogs.map((d) => {
          const Icon = ICONS[d];
          const danger = d === 'verify-reject' || d === 'dismiss' || d === 'cancel';
          return (
            <Button
              key={d}
              variant={d === 'verify-pass' || d === 'rectification' || d === 'rectification-report' ? 'contained' : 'outlined'}
              color={danger ? 'error' : 'primary'}
              startIcon={<Icon />}
              onClick={() => setOpen(d)}
              data-action={d}
              sx={{ minHeight: 40 }}
            >
              {translate(`resources.cases.actionDialog.buttons.${d}`)}
            </Button>
          );
        })}
      </Stack>
      {open && live && isFormDialog(open) && <CaseActionDialog caseId={caseId} dialog={open} live={live} open onClose={() => setOpen(null)} />}
      {open === 'rectification' && live && <IssueRectificationDialog caseId={caseId} live={live} open onClose={() => setOpen(null)} />}
      {open === 'rectification-report' && live?.rectification && (
        <ReportRectificationDialog caseId={caseId} live={live} open onClose={() => setOpen(null)} />
      )}
    </>
  );
}
