import { useState } from 'react';
import { Button, Stack, TextField } from '@mui/material';
import { useCanAccess, useNotify, useTranslate } from 'react-admin';
import { FEEDBACK_ACTIONS, type FeedbackAction } from '../content/contentEnums';
import { errorMessage, fieldErrorsOf, useRecordAction } from '../content/useRecordAction';
import { ActionDialog } from '../content/ActionDialog';

/** Which actions take a reply: answer needs one, close may carry one (why), start and reopen take none. */
export const REPLY: Record<FeedbackAction, 'required' | 'optional' | 'none'> = { start: 'none', answer: 'required', close: 'optional', reopen: 'none' };
const REPLY_MIN = 2;

export interface FeedbackStatusActionsProps {
  record: { id: string; actions?: readonly string[] };
}

/**
 * The feedback's legal status changes (the API's `actions`) as buttons. Start and reopen are sent at
 * once; answer and close open a dialog for the reply. A refusal (409: someone else moved it first)
 * shows the server's reason.
 */
export function FeedbackStatusActions({ record }: FeedbackStatusActionsProps) {
  const translate = useTranslate();
  const notify = useNotify();
  const { canAccess, isPending: checking } = useCanAccess({ resource: 'feedback', action: 'handle' });
  const mutation = useRecordAction('feedback');
  const [dialog, setDialog] = useState<FeedbackAction | null>(null);
  if (checking || !canAccess) return null;
  const legal = FEEDBACK_ACTIONS.filter((a) => record.actions?.includes(a));
  if (!legal.length) return null;
  const t = (k: string) => translate(`resources.feedback.${k}`);

  const sendNow = (action: FeedbackAction) =>
    mutation.mutate(
      { id: record.id, action },
      {
        onSuccess: () => notify('resources.feedback.done', { type: 'success', messageArgs: { action: t(`enums.action.${action}`) } }),
        onError: (e) => notify(errorMessage(e), { type: 'error' }),
      },
    );

  return (
    <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap data-testid="feedback-status-actions">
      {legal.map((a) => (
        <Button
          key={a}
          variant={a === 'answer' ? 'contained' : 'outlined'}
          disabled={mutation.isPending}
          onClick={() => (REPLY[a] === 'none' ? sendNow(a) : setDialog(a))}
          sx={{ minHeight: 44 }}
        >
          {t(`enums.action.${a}`)}
        </Button>
      ))}
      {dialog && <ReplyDialog id={record.id} action={dialog} onClose={() => setDialog(null)} />}
    </Stack>
  );
}

function ReplyDialog({ id, action, onClose }: { id: string; action: FeedbackAction; onClose: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const mutation = useRecordAction('feedback');
  const [reply, setReply] = useState('');
  const required = REPLY[action] === 'required';
  const text = reply.trim();
  const tooShort = (required || text !== '') && text.length < REPLY_MIN;
  const serverField = mutation.isError ? fieldErrorsOf(mutation.error).reply : undefined;
  const t = (k: string, o?: object) => translate(`resources.feedback.${k}`, o);
  const send = () =>
    mutation.mutate(
      { id, action, body: text ? { reply: text } : {} },
      {
        onSuccess: () => {
          notify('resources.feedback.done', { type: 'success', messageArgs: { action: t(`enums.action.${action}`) } });
          onClose();
        },
      },
    );
  return (
    <ActionDialog
      title={t(`enums.action.${action}`)}
      testId={`feedback-reply-form-${action}`}
      error={mutation.isError ? mutation.error : null}
      refusedLabel="resources.feedback.refused"
      submitLabel={t('submit')}
      pending={mutation.isPending}
      canSubmit={!tooShort}
      onSubmit={send}
      onClose={onClose}
    >
      <TextField
        label={t(required ? 'fields.reply' : 'fields.closeReason')}
        value={reply}
        onChange={(e) => setReply(e.target.value)}
        required={required}
        multiline
        minRows={4}
        fullWidth
        autoFocus
        error={!!serverField}
        helperText={serverField ?? t(required ? 'helpers.reply' : 'helpers.closeReason')}
        slotProps={{ htmlInput: { maxLength: 4000 } }}
      />
    </ActionDialog>
  );
}
