import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  TextField,
  Typography,
  useMediaQuery,
  type Theme,
} from '@mui/material';
import ClearIcon from '@mui/icons-material/TaskAlt';
import ReturnIcon from '@mui/icons-material/Replay';
import { useNotify, usePermissions, useTranslate } from 'react-admin';
import { canAccess } from '../../auth/permissions';
import { refusalText } from '../../data/refusal';
import { useCaseAction } from '../cases/actions/useCaseAction';
import type { PresenceReview } from './presenceModel';

export type ReviewDecisionKind = 'clear' | 'return';
/** The workflow's own rule (domain ReviewDecisionInput): a note of at least 5 characters. */
export const MIN_NOTE_LENGTH = 5;

function noteErrorOf(error: unknown): string | null {
  const errors = (error as { body?: { errors?: Record<string, unknown> } } | null)?.body?.errors;
  return typeof errors?.note === 'string' ? errors.note : null;
}

/**
 * One decision as two steps: the note (at least 5 characters), then a confirmation naming the case and what follows.
 * Sent as the case step `review`; a refusal shows the workflow's reason in the user's words, the server's sentence
 * beside it, and the dialog stays open.
 */
export function ReviewDecisionDialog({
  review,
  decision,
  onClose,
}: {
  review: Pick<PresenceReview, 'id' | 'caseNo' | 'inspector'>;
  decision: ReviewDecisionKind;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const fullScreen = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const mutation = useCaseAction(review.id);
  const [note, setNote] = useState('');
  const [step, setStep] = useState<'note' | 'confirm'>('note');
  const [touched, setTouched] = useState(false);
  const t = (k: string, o?: object) => translate(`resources.presence-reviews.decide.${k}`, o);
  const trimmed = note.trim();
  const tooShort = trimmed.length < MIN_NOTE_LENGTH;
  const serverNoteError = mutation.isError ? noteErrorOf(mutation.error) : null;
  const refusal = mutation.isError && !serverNoteError ? refusalText(mutation.error, translate) : null;

  const close = () => {
    if (!mutation.isPending) onClose();
  };
  const next = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (tooShort) return;
    mutation.reset();
    setStep('confirm');
  };
  const confirm = () => {
    mutation.mutate(
      { action: 'review', body: { decision, note: trimmed } },
      {
        onSuccess: () => {
          notify('resources.presence-reviews.decide.done', { type: 'success', messageArgs: { action: t(decision) } });
          onClose();
        },
        onError: (error) => {
          if (noteErrorOf(error)) setStep('note');
        },
      },
    );
  };

  const title = t(decision === 'clear' ? 'clearTitle' : 'returnTitle');
  return (
    <Dialog open onClose={close} fullWidth maxWidth="sm" fullScreen={fullScreen} aria-labelledby="review-decision-title" data-testid={`review-decision-${decision}`}>
      <DialogTitle id="review-decision-title">{title}</DialogTitle>
      {step === 'note' ? (
        <form onSubmit={next} noValidate>
          <DialogContent>
            <Stack spacing={2}>
              <DialogContentText>{t(decision === 'clear' ? 'clearIntro' : 'returnIntro', { inspector: review.inspector ?? '—' })}</DialogContentText>
              <TextField
                name="note"
                label={t('note')}
                required
                autoFocus
                multiline
                minRows={3}
                fullWidth
                value={note}
                onChange={(e) => setNote(e.target.value)}
                onBlur={() => setTouched(true)}
                error={(touched && tooShort) || !!serverNoteError}
                helperText={serverNoteError ?? (touched && tooShort ? t('tooShort', { n: trimmed.length }) : t('noteHelper'))}
                slotProps={{ htmlInput: { maxLength: 1000 } }}
              />
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={close} sx={{ minHeight: 48 }}>
              {translate('ra.action.cancel')}
            </Button>
            <Button type="submit" variant="contained" sx={{ minHeight: 48 }}>
              {t('next')}
            </Button>
          </DialogActions>
        </form>
      ) : (
        <>
          <DialogContent>
            <Stack spacing={2}>
              <Typography fontWeight={600} data-testid="review-decision-question">
                {t(decision === 'clear' ? 'confirmClear' : 'confirmReturn', { caseNo: review.caseNo })}
              </Typography>
              <DialogContentText>{t(decision === 'clear' ? 'clearIntro' : 'returnIntro', { inspector: review.inspector ?? '—' })}</DialogContentText>
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', borderLeft: 3, borderColor: 'divider', pl: 1.5 }}>
                {t('note')}：{trimmed}
              </Typography>
              {refusal && (
                <Alert severity="error" data-testid="review-decision-error">
                  <strong>{t('refused')}</strong>
                  {refusal.reason && <div data-testid="review-decision-reason">{refusal.reason}</div>}
                  {refusal.detail && (
                    <Typography variant="caption" component="div" color="text.secondary">
                      {refusal.detail}
                    </Typography>
                  )}
                </Alert>
              )}
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setStep('note')} disabled={mutation.isPending} sx={{ minHeight: 48 }}>
              {t('back')}
            </Button>
            <Button
              onClick={confirm}
              variant="contained"
              color={decision === 'clear' ? 'success' : 'warning'}
              disabled={mutation.isPending}
              data-testid="review-decision-confirm"
              sx={{ minHeight: 48 }}
            >
              {t('confirm')}
            </Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}

/** 核实通过 and 退回现场取证, for those who decide (supervisors, managers) while the review is pending. */
export function ReviewDecisionButtons({ review }: { review: Pick<PresenceReview, 'id' | 'caseNo' | 'inspector' | 'review'> }) {
  const translate = useTranslate();
  const { permissions } = usePermissions<string[]>();
  const [open, setOpen] = useState<ReviewDecisionKind | null>(null);
  const roles = Array.isArray(permissions) ? permissions : [];
  if (review.review.status !== 'pending' || !canAccess(roles, 'cases', 'review')) return null;
  return (
    <>
      <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" data-testid="review-decision-buttons">
        <Button variant="contained" color="success" startIcon={<ClearIcon />} onClick={() => setOpen('clear')} sx={{ minHeight: 48 }}>
          {translate('resources.presence-reviews.decide.clear')}
        </Button>
        <Button variant="outlined" color="warning" startIcon={<ReturnIcon />} onClick={() => setOpen('return')} sx={{ minHeight: 48 }}>
          {translate('resources.presence-reviews.decide.return')}
        </Button>
      </Stack>
      {open && <ReviewDecisionDialog review={review} decision={open} onClose={() => setOpen(null)} />}
    </>
  );
}
