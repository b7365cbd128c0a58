import type { CaseActionBody } from '../../../data/dataProvider';
import { canAccess } from '../../../auth/permissions';
import { isTerminalStage, type BackOfficeAction } from '../caseEnums';
import type { CaseLive } from '../show/useCaseQueries';

/** What the back office offers: verify comes as two buttons (pass / reject). */
export const ACTION_DIALOGS = ['assign', 'reassign', 'rectification', 'rectification-report', 'verify-pass', 'verify-reject', 'dismiss', 'cancel', 'note'] as const;
export type ActionDialog = (typeof ACTION_DIALOGS)[number];
/** The rectification order and its report have dialogs of their own (rectificationModel.ts); the others are small forms. */
export type FormDialog = Exclude<ActionDialog, 'rectification' | 'rectification-report'>;
export const isFormDialog = (d: ActionDialog): d is FormDialog => d !== 'rectification' && d !== 'rectification-report';

export const dialogAction = (dialog: ActionDialog): BackOfficeAction =>
  dialog === 'verify-pass' || dialog === 'verify-reject' ? 'verify' : dialog;

/** Stage rules mirrored from the workflow's validators, only to hide buttons that cannot work. */
type LiveFacts = Pick<CaseLive, 'stage' | 'assignment' | 'recorded'> & Partial<Pick<CaseLive, 'rectification' | 'review'>>;

function fitsStage(dialog: ActionDialog, live: LiveFacts): boolean {
  if (!live.recorded || isTerminalStage(live.stage)) return false;
  switch (dialog) {
    case 'assign':
      return live.stage === 'field_evidence' && live.assignment !== 'accepted';
    case 'reassign':
      return live.stage === 'field_evidence' || live.stage === 'rectification';
    case 'rectification':
      // one order per round; a visit on review (疑似虚假工单) waits for its decision first
      return live.stage === 'rectification' && !live.rectification && live.review?.status !== 'pending';
    case 'rectification-report':
      return live.stage === 'rectification' && !!live.rectification && !live.rectification.report;
    case 'verify-pass':
    case 'verify-reject':
      return live.stage === 'verification';
    default:
      return true;
  }
}

/** The steps this user may try on the case now: role policy × the case's stage. */
export function availableActionDialogs(
  roles: readonly string[],
  live: LiveFacts | null | undefined,
): ActionDialog[] {
  if (!live) return [];
  return ACTION_DIALOGS.filter((d) => canAccess(roles, 'cases', dialogAction(d)) && fitsStage(d, live));
}

/** Form values of the action dialogs (all optional strings, as typed). */
export interface ActionFormValues {
  inspector?: string;
  to?: string;
  reason?: string;
  text?: string;
  newDeadlineWorkingDays?: string;
  /** Passing a report whose collected amount differs from the order's computed total: that amount, confirmed. */
  confirmCollectedYuan?: string;
}

/** One step to send: the action and the body its own operation takes (POST /api/cases/:id/actions/<action>). */
export type ActionRequest = { [A in BackOfficeAction]: { action: A; body: CaseActionBody<A> } }[BackOfficeAction];

const trimmed = (v: string | undefined) => (v ?? '').trim();

/** Form values → the POST body of the step (trimmed; optional fields left out when blank). */
export function toActionRequest(dialog: FormDialog, values: ActionFormValues): ActionRequest {
  switch (dialog) {
    case 'assign':
      return { action: 'assign', body: { inspector: trimmed(values.inspector) } };
    case 'reassign':
      return { action: 'reassign', body: { to: trimmed(values.to) } };
    case 'dismiss':
      return { action: 'dismiss', body: { reason: trimmed(values.reason) } };
    case 'cancel':
      return { action: 'cancel', body: { reason: trimmed(values.reason) } };
    case 'note':
      return { action: 'note', body: { text: trimmed(values.text) } };
    case 'verify-pass': {
      const reason = trimmed(values.reason);
      const confirmed = trimmed(values.confirmCollectedYuan) === '' ? Number.NaN : Number(trimmed(values.confirmCollectedYuan));
      return { action: 'verify', body: { outcome: 'pass', ...(reason ? { reason } : {}), ...(Number.isFinite(confirmed) ? { confirmCollectedYuan: confirmed } : {}) } };
    }
    case 'verify-reject': {
      const reason = trimmed(values.reason);
      const days = Number.parseInt(trimmed(values.newDeadlineWorkingDays), 10);
      return {
        action: 'verify',
        body: {
          outcome: 'reject',
          ...(reason ? { reason } : {}),
          ...(Number.isInteger(days) && days > 0 ? { newDeadlineWorkingDays: days } : {}),
        },
      };
    }
  }
}

/** Whom a person field picks: an inspector; for reassign, whoever holds the stage (inspector, or the station lead at rectification). */
export type PersonField = 'inspector' | 'stageHolder';

/** The role a reassign goes to at the case's stage. */
export const reassignRole = (stage: string) => (stage === 'rectification' ? 'station_lead' : 'inspector');

/** The form fields each dialog shows, and which must be filled before sending. */
export const DIALOG_FIELDS: Record<ActionDialog, Array<{ name: keyof ActionFormValues; required: boolean; multiline?: boolean; numeric?: boolean; person?: PersonField }>> = {
  assign: [{ name: 'inspector', required: true, person: 'inspector' }],
  reassign: [{ name: 'to', required: true, person: 'stageHolder' }],
  // their own dialogs (IssueRectificationDialog, ReportRectificationDialog)
  rectification: [],
  'rectification-report': [],
  'verify-pass': [{ name: 'reason', required: false, multiline: true }, { name: 'confirmCollectedYuan', required: false, numeric: true }],
  'verify-reject': [
    { name: 'reason', required: true, multiline: true },
    { name: 'newDeadlineWorkingDays', required: false, numeric: true },
  ],
  dismiss: [{ name: 'reason', required: true, multiline: true }],
  cancel: [{ name: 'reason', required: true, multiline: true }],
  note: [{ name: 'text', required: true, multiline: true }],
};
